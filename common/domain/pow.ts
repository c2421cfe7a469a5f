/**
 * Proof of work for anonymous filing in the portal, instead of a third-party captcha (no request
 * leaves our origin): the server hands out a signed, expiring challenge; the browser finds a nonce
 * such that SHA-256(`challenge:nonce`) starts with `bits` zero bits (2^bits tries on average —
 * about a second at 18 bits on a mid-range phone); the server checks it once and spends it.
 */
import { sha256, utf8 } from './sha256.ts';

export const POW_BITS = 18;
/** A challenge is good for this long: enough to type a petition, not to stockpile answers. */
export const POW_TTL_MINUTES = 60;

export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function powDigest(challenge: string, nonce: string): Uint8Array {
  return sha256(utf8(`${challenge}:${nonce}`));
}

/**
 * Find a nonce for `challenge`, trying at most `maxTries` (so a worker can report progress and
 * stay responsive); null when none was found within them.
 */
export function solvePow(
  challenge: string,
  bits: number,
  start = 0,
  maxTries = Number.MAX_SAFE_INTEGER,
): { nonce: string | null; tried: number } {
  for (let i = 0; i < maxTries; i++) {
    const nonce = (start + i).toString(36);
    if (leadingZeroBits(powDigest(challenge, nonce)) >= bits) return { nonce, tried: i + 1 };
  }
  return { nonce: null, tried: maxTries };
}
