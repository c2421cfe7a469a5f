import { DomainError } from '../../common/errors.ts';

/**
 * The outcome of a call as a short code for table-driven assertions: 'OK', the DomainError code,
 * or 'unexpected: …' for anything else (so an unexpected crash fails the assertion visibly).
 */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) return 'OK';
  if (error instanceof DomainError) return error.code;
  return `unexpected: ${error instanceof Error ? error.message : 'non-error'}`;
}
