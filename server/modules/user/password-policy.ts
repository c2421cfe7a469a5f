/** Password rules beyond length (the length limit lives in common/schemas/user.ts for both sides). */
import { DomainError } from '../../../common/errors.ts';

const COMMON = new Set([
  '1234567890',
  '0123456789',
  'password123',
  'qwertyuiop',
  'abcdefghij',
  '1qaz2wsx3edc',
  'xinfang123',
]);

/**
 * Refuse passwords that are trivially guessed: the username itself, one repeated character, or a
 * well-known sequence.
 * @throws PASSWORD_TOO_WEAK naming `field`
 */
export function assertPasswordAcceptable(password: string, username: string, field: string): void {
  const lower = password.toLowerCase();
  const weak = lower.includes(username.toLowerCase()) || new Set(password).size <= 2 || COMMON.has(lower);
  if (weak) {
    throw new DomainError('PASSWORD_TOO_WEAK', {
      message: `${field} is too easy to guess`,
      details: { issues: [{ path: [field], message: 'too easy to guess' }] },
    });
  }
}
