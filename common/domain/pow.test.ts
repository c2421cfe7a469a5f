import { describe, expect, it } from 'vitest';
import { leadingZeroBits, powDigest, solvePow } from './pow.ts';
import { sha256, utf8 } from './sha256.ts';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('sha256', () => {
  // Known answers (FIPS 180-4 examples, and sha256sum for the others); the server side checks with
  // node:crypto in server/modules/portal/portal.routes.test.ts.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['信访工作平台', '53360ff16fe489d164c575f52a2a9c79bcc913ee48fe90781fbbae54c3515444'],
    ['a'.repeat(56), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
    ['𠀀表情😀', '79f6f82a89d569b32365ec2edb1fe682e0754707264e40d332b1a5c25fb11f71'],
  ])('%j', (text, digest) => {
    expect(hex(sha256(utf8(text)))).toBe(digest);
  });
});

describe('proof of work', () => {
  it.each([
    [[0x00, 0x00, 0xff], 16],
    [[0x00, 0x01], 15],
    [[0x80], 0],
    [[0x0f], 4],
    [[0x00, 0x00, 0x00], 24],
  ])('%j has %i leading zero bits', (bytes, bits) => {
    expect(leadingZeroBits(new Uint8Array(bytes))).toBe(bits);
  });

  it('finds a nonce that meets the difficulty', () => {
    const { nonce } = solvePow('1795000000000.abcdef', 10);
    expect(nonce).not.toBeNull();
    expect(leadingZeroBits(powDigest('1795000000000.abcdef', nonce ?? ''))).toBeGreaterThanOrEqual(10);
  });

  it('gives up after maxTries', () => {
    expect(solvePow('c', 40, 0, 50)).toEqual({ nonce: null, tried: 50 });
  });
});
