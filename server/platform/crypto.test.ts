import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, deriveKeys, fieldKeyCheckValue, type FieldCipher } from './crypto.ts';

const KEY = Buffer.alloc(32, 1);
const INDEX_KEY = Buffer.alloc(32, 2);
const cipher = createFieldCipher(KEY, INDEX_KEY);

/** Flip one bit of the decoded payload at `offset` (negative counts from the end). */
function tamper(stored: string, offset: number): string {
  const raw = Buffer.from(stored.slice('v1.'.length), 'base64url');
  const at = offset < 0 ? raw.length + offset : offset;
  raw[at] = (raw[at] ?? 0) ^ 0x01;
  return `v1.${raw.toString('base64url')}`;
}

/** The one error decrypt throws: the exact message, so nothing of the input can be in it. */
function expectRefused(c: FieldCipher, stored: string): void {
  expect(() => c.decrypt(stored)).toThrow(/^field decryption failed$/);
}

describe('FieldCipher.encrypt / decrypt', () => {
  it.each([
    ['an identity number', '11010519491231002X'],
    ['a phone', '13812345678'],
    ['Chinese text', '张三丰，河北省邯郸市复兴区'],
    ['a character outside the BMP', '𠮷野家'],
    ['an empty string', ''],
    ['a long text', '信访'.repeat(2000)],
  ])('round-trips %s', (_label, plain) => {
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('writes v1. + base64url(12-byte iv | ciphertext | 16-byte tag)', () => {
    const plain = '张三丰';
    const stored = cipher.encrypt(plain);
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const raw = Buffer.from(stored.slice(3), 'base64url');
    expect(raw.length).toBe(12 + Buffer.byteLength(plain, 'utf8') + 16);
    expect(raw.includes(Buffer.from(plain, 'utf8'))).toBe(false);
  });

  it('gives two different ciphertexts for the same value (fresh IV each time)', () => {
    const first = cipher.encrypt('11010519491231002X');
    const second = cipher.encrypt('11010519491231002X');
    expect(first).not.toBe(second);
    expect(first.slice(3, 19)).not.toBe(second.slice(3, 19));
    expect([cipher.decrypt(first), cipher.decrypt(second)]).toEqual(['11010519491231002X', '11010519491231002X']);
  });

  const stored = cipher.encrypt('11010519491231002X');
  it.each([
    ['a changed IV', tamper(stored, 0)],
    ['a changed ciphertext', tamper(stored, 12)],
    ['a changed tag', tamper(stored, -1)],
    ['a truncated tag', stored.slice(0, -4)],
    ['a payload shorter than IV and tag', `v1.${Buffer.alloc(27).toString('base64url')}`],
    ['an extra trailing block', `${stored}AAAA`],
    ['another version prefix', `v2.${stored.slice(3)}`],
    ['no version prefix', stored.slice(3)],
    ['an upper-case prefix', `V1.${stored.slice(3)}`],
    ['characters outside base64url', `${stored.slice(0, 10)}+/=${stored.slice(10)}`],
    ['the prefix alone', 'v1.'],
    ['an empty string', ''],
    ['a plaintext identity number', '11010519491231002X'],
  ])('refuses %s with a plain error that does not echo the input', (_label, input) => {
    expectRefused(cipher, input);
  });

  it('refuses a value encrypted under another key', () => {
    const other = createFieldCipher(Buffer.alloc(32, 3), INDEX_KEY);
    expectRefused(other, stored);
  });

  it('keeps its own copy of the keys', () => {
    const key = Buffer.alloc(32, 7);
    const own = createFieldCipher(key, Buffer.alloc(32, 8));
    const sealed = own.encrypt('13812345678');
    key.fill(0);
    expect(own.decrypt(sealed)).toBe('13812345678');
  });

  it('exposes no key material to a logger', () => {
    expect(JSON.stringify(cipher)).toBe('{}');
    expect(Object.values(cipher).every((v) => typeof v === 'function')).toBe(true);
  });
});

describe('FieldCipher.blindIndex', () => {
  it('is deterministic hex HMAC-SHA256 under the index key', () => {
    const expected = createHmac('sha256', INDEX_KEY).update('11010519491231002X').digest('hex');
    expect(cipher.blindIndex('11010519491231002X')).toBe(expected);
    expect(cipher.blindIndex('11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
    expect(createFieldCipher(KEY, INDEX_KEY).blindIndex('11010519491231002X')).toBe(expected);
  });

  it('depends on the index key, not on the encryption key', () => {
    const value = '13812345678';
    expect(createFieldCipher(KEY, Buffer.alloc(32, 9)).blindIndex(value)).not.toBe(cipher.blindIndex(value));
    expect(createFieldCipher(Buffer.alloc(32, 9), INDEX_KEY).blindIndex(value)).toBe(cipher.blindIndex(value));
  });

  it.each([
    ['identity number with lower-case x and spaces', ' 11010519491231002x ', '11010519491231002X'],
    ['full-width identity number', '１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['mobile with +86 and dashes', '+86 138-1234-5678', '13812345678'],
    ['mobile with 0086', '0086 13812345678', '13812345678'],
    ['landline with a dash', '0310-1234567', '03101234567'],
  ])('indexes a %s under its normalised form', (_label, spelling, canonical) => {
    expect(cipher.blindIndex(spelling)).toBe(cipher.blindIndex(canonical));
  });

  it('gives different values different indexes', () => {
    expect(cipher.blindIndex('13812345678')).not.toBe(cipher.blindIndex('13812345679'));
  });
});

describe('createFieldCipher', () => {
  it.each([
    ['a 16-byte key', Buffer.alloc(16, 1), INDEX_KEY],
    ['a 31-byte key', Buffer.alloc(31, 1), INDEX_KEY],
    ['a 33-byte key', Buffer.alloc(33, 1), INDEX_KEY],
    ['a 16-byte index key', KEY, Buffer.alloc(16, 2)],
    ['an empty index key', KEY, Buffer.alloc(0)],
    ['the same key twice', KEY, Buffer.from(KEY)],
  ])('refuses %s', (_label, key, indexKey) => {
    expect(() => createFieldCipher(key, indexKey)).toThrow(RangeError);
  });
});

/** RFC 5869 HKDF-SHA256 written out with HMAC, for a single output block (32 bytes). */
function referenceHkdf(secret: string, info: string): Buffer {
  const prk = createHmac('sha256', Buffer.alloc(32)).update(secret, 'utf8').digest();
  return createHmac('sha256', prk)
    .update(info, 'utf8')
    .update(Buffer.from([1]))
    .digest();
}

describe('deriveKeys', () => {
  const secret = 'correct horse battery staple, 32+';

  it('derives two distinct 32-byte keys with HKDF-SHA256 and the documented info strings', () => {
    const keys = deriveKeys(secret);
    expect(keys.encryptionKey).toEqual(referenceHkdf(secret, 'xinfang field encryption v1'));
    expect(keys.indexKey).toEqual(referenceHkdf(secret, 'xinfang blind index v1'));
    expect(keys.encryptionKey.length).toBe(32);
    expect(keys.indexKey.length).toBe(32);
    expect(keys.encryptionKey.equals(keys.indexKey)).toBe(false);
  });

  it('is deterministic, so data encrypted before a restart still decrypts', () => {
    const before = deriveKeys(secret);
    const sealed = createFieldCipher(before.encryptionKey, before.indexKey).encrypt('张三丰');
    const after = deriveKeys(secret);
    expect(after).toEqual(before);
    expect(createFieldCipher(after.encryptionKey, after.indexKey).decrypt(sealed)).toBe('张三丰');
  });

  it('gives another secret other keys', () => {
    expect(deriveKeys(`${secret}!`).encryptionKey.equals(deriveKeys(secret).encryptionKey)).toBe(false);
  });

  it.each([
    ['empty', '', false],
    ['31 characters', 'a'.repeat(31), false],
    ['31 Chinese characters (93 bytes, still 31 characters)', '信'.repeat(31), false],
    ['32 characters', 'a'.repeat(32), true],
    ['32 Chinese characters', '信'.repeat(32), true],
  ])('a secret of %s → accepted %s', (_label, input, accepted) => {
    if (accepted) expect(deriveKeys(input).encryptionKey.length).toBe(32);
    else expect(() => deriveKeys(input)).toThrow(RangeError);
  });
});

describe('fieldKeyCheckValue', () => {
  const secret = 'correct horse battery staple, 32+';

  it('is HMAC-SHA256 of a fixed text under its own HKDF key, so it reveals neither field key', () => {
    const checkKey = referenceHkdf(secret, 'xinfang key check v1');
    const expected = createHmac('sha256', checkKey).update('xinfang field key check').digest('hex');
    expect(fieldKeyCheckValue(secret)).toBe(`v1.${expected}`);
    const keys = deriveKeys(secret);
    expect(checkKey.equals(keys.encryptionKey) || checkKey.equals(keys.indexKey)).toBe(false);
  });

  it('tells two secrets apart and is stable for one', () => {
    expect(fieldKeyCheckValue(secret)).toBe(fieldKeyCheckValue(secret));
    expect(fieldKeyCheckValue(`${secret}!`)).not.toBe(fieldKeyCheckValue(secret));
  });
});
