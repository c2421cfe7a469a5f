/**
 * Field encryption for petitioner identity at rest: identity numbers and phones are stored
 * encrypted with AES-256-GCM, next to a blind index (keyed HMAC) that finds a petitioner by number
 * without decrypting every row. Both keys are derived from one configured secret.
 *
 * The keys live only in the closure of the cipher, never on an object a logger could serialise,
 * and no error here repeats its input: plaintext and ciphertext are identity (CONVENTIONS §9).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { isValidPhone, normalizeIdNumber, normalizePhone } from '../../common/domain/identity.ts';

export type FieldCipher = {
  /** Encrypt with a fresh random IV: `v1.` + base64url(iv | ciphertext | tag). */
  encrypt(plain: string): string;
  /** Decrypt a value written by `encrypt`; throws `Error('field decryption failed')` otherwise. */
  decrypt(stored: string): string;
  /** Deterministic lookup key for a normalised identity number or phone, as lower-case hex. */
  blindIndex(value: string): string;
};

export type FieldKeys = { encryptionKey: Buffer; indexKey: Buffer };

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const PREFIX = `${VERSION}.`;
// The version is authenticated as associated data, so a future format cannot be forged by
// relabelling a v1 ciphertext.
const AAD = Buffer.from(VERSION, 'utf8');
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The minimum length of the configured secret, in characters. */
export const FIELD_SECRET_MIN_LENGTH = 32;

/**
 * Build the cipher for identity fields.
 *
 * @param key 32-byte AES-256-GCM key.
 * @param indexKey 32-byte HMAC-SHA256 key for the blind index; must differ from `key`, so that
 *   the lookup index and the ciphertext never share key material.
 * @throws RangeError when a key is not 32 bytes or both keys are the same.
 */
export function createFieldCipher(key: Buffer, indexKey: Buffer): FieldCipher {
  if (key.length !== KEY_BYTES) throw new RangeError(`field encryption key must be ${KEY_BYTES} bytes`);
  if (indexKey.length !== KEY_BYTES) throw new RangeError(`blind index key must be ${KEY_BYTES} bytes`);
  if (key.equals(indexKey)) throw new RangeError('field encryption key and blind index key must differ');
  // Private copies: the caller may reuse or wipe its buffers.
  const encryptionKey = Buffer.from(key);
  const hmacKey = Buffer.from(indexKey);

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },

    decrypt(stored) {
      const encoded = stored.startsWith(PREFIX) ? stored.slice(PREFIX.length) : '';
      // Buffer.from(…, 'base64url') skips characters it does not know; refuse them instead.
      if (!BASE64URL.test(encoded)) throw decryptionFailed();
      const raw = Buffer.from(encoded, 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw decryptionFailed();
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, IV_BYTES), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(AAD);
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // Node's message says nothing useful beyond "could not authenticate"; ours is uniform.
        throw decryptionFailed();
      }
    },

    blindIndex(value) {
      return createHmac('sha256', hmacKey).update(normalizeIdentityValue(value), 'utf8').digest('hex');
    },
  };
}

/**
 * Derive the field encryption key and the blind index key from one configured secret with
 * HKDF-SHA256, each under its own info string so neither key reveals the other. No salt: the
 * secret is already high-entropy, and a fixed salt would add nothing (RFC 5869 §3.1).
 *
 * @throws RangeError when `secret` is shorter than `FIELD_SECRET_MIN_LENGTH` characters.
 */
export function deriveKeys(secret: string): FieldKeys {
  return {
    encryptionKey: deriveFromSecret(secret, 'xinfang field encryption v1'),
    indexKey: deriveFromSecret(secret, 'xinfang blind index v1'),
  };
}

/**
 * The check value of a secret: HMAC-SHA256 of a fixed text under a key derived for this purpose alone,
 * so two equal values mean the same secret while the value reveals nothing of the encryption or index
 * key. Kept in `field_key_check` and in backup manifests, so a wrong key is refused before any
 * decryption fails. `v1.` + 64 hex characters.
 *
 * @throws RangeError when `secret` is shorter than `FIELD_SECRET_MIN_LENGTH` characters.
 */
export function fieldKeyCheckValue(secret: string): string {
  const key = deriveFromSecret(secret, 'xinfang key check v1');
  return `${PREFIX}${createHmac('sha256', key).update('xinfang field key check', 'utf8').digest('hex')}`;
}

function deriveFromSecret(secret: string, info: string): Buffer {
  if (Array.from(secret).length < FIELD_SECRET_MIN_LENGTH) {
    throw new RangeError(`field encryption secret must be at least ${FIELD_SECRET_MIN_LENGTH} characters`);
  }
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), info, KEY_BYTES));
}

/**
 * The form a value is indexed under, so every spelling of one number finds the same row: a phone
 * by `normalizePhone` (`+86 138-1234-5678` → `13812345678`), anything else by
 * `normalizeIdNumber` (trimmed, half-width, upper-case X). An identity number is 18 characters
 * and never a valid phone, so the two cannot be confused.
 */
function normalizeIdentityValue(value: string): string {
  const phone = normalizePhone(value);
  return isValidPhone(phone) ? phone : normalizeIdNumber(value);
}

function decryptionFailed(): Error {
  return new Error('field decryption failed');
}
