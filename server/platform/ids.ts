/**
 * Ids: time-ordered, 26-character Crockford base32 (ULID layout). Sortable by creation, generated in
 * the app so every dialect and every instance agrees without a sequence.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdGenerator = { next: () => string };

export function ulidGenerator(now: () => number = Date.now): IdGenerator {
  return {
    next: () => {
      let time = now();
      let timePart = '';
      for (let i = 0; i < 10; i++) {
        timePart = ALPHABET.charAt(time % 32) + timePart;
        time = Math.floor(time / 32);
      }
      const bytes = randomBytes(16);
      let randomPart = '';
      for (let i = 0; i < 16; i++) randomPart += ALPHABET.charAt((bytes[i] ?? 0) % 32);
      return timePart + randomPart;
    },
  };
}

/** Deterministic ids for tests and the demo seed: a prefix and a counter. */
export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}${String(++n).padStart(6, '0')}` };
}

/** A URL-safe random token with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
