import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../../common/schemas/petition.ts';
import { findEncryptedIdentity } from '../modules/petitioner/index.ts';
import { registerPetition } from '../modules/intake/index.ts';
import { createOrg, createTestContext, petitionDepsOf, type TestContext } from '../test/test-context.ts';
import { createFieldCipher, deriveKeys, fieldKeyCheckValue } from './crypto.ts';
import { checkFieldKey, FieldKeyMismatchError, readFieldKeyCheck, type FieldKey } from './field-key.ts';

// The key petitionDepsOf encrypts with, and another one.
const TEST_SECRET = 'test-secret-test-secret-test-secret-0001';
const OTHER_SECRET = 'another-secret-another-secret-another-02';

function keyOf(secret: string): FieldKey {
  const keys = deriveKeys(secret);
  return {
    cipher: createFieldCipher(keys.encryptionKey, keys.indexKey),
    checkValue: fieldKeyCheckValue(secret),
    source: 'XINFANG_SECRET',
  };
}

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.close();
});

const sample = async () => (await findEncryptedIdentity(ctx.deps.db))?.ciphertext ?? null;

async function registerWithIdNumber(): Promise<void> {
  const org = await createOrg(ctx.deps);
  await registerPetition(
    petitionDepsOf(ctx),
    org.users['officer@root']!,
    RegisterPetitionInputSchema.parse({
      channel: 'letter',
      type: 'appeal',
      purpose: 'request',
      title: '工伤待遇未落实',
      body: '工伤认定后一次性伤残补助金至今未发放。',
      petitioners: [{ name: '王大山', idNumber: '11010519491231002X', identity: 'injured' }],
    }),
  );
}

describe('checkFieldKey', () => {
  it('records the key of a new database and then only compares one row', async () => {
    expect(await checkFieldKey(ctx.deps, keyOf(TEST_SECRET), sample)).toBe('recorded');
    expect(await readFieldKeyCheck(ctx.deps.db)).toBe(fieldKeyCheckValue(TEST_SECRET));
    const never = async (): Promise<string | null> => {
      throw new Error('a matching check value needs no sample');
    };
    expect(await checkFieldKey(ctx.deps, keyOf(TEST_SECRET), never)).toBe('matches');
  });

  it('refuses another key once ID numbers are stored, naming where the key came from', async () => {
    await checkFieldKey(ctx.deps, keyOf(TEST_SECRET), sample);
    await registerWithIdNumber();
    const attempt = checkFieldKey(ctx.deps, keyOf(OTHER_SECRET), sample);
    await expect(attempt).rejects.toBeInstanceOf(FieldKeyMismatchError);
    await expect(attempt).rejects.toThrow(/^XINFANG_SECRET is not the key the ID numbers and phones/);
    expect(await readFieldKeyCheck(ctx.deps.db)).toBe(fieldKeyCheckValue(TEST_SECRET));
  });

  it('checks a database from before the check value by decrypting one ID number', async () => {
    await registerWithIdNumber();
    await expect(checkFieldKey(ctx.deps, keyOf(OTHER_SECRET), sample)).rejects.toBeInstanceOf(FieldKeyMismatchError);
    expect(await readFieldKeyCheck(ctx.deps.db)).toBeNull();
    expect(await checkFieldKey(ctx.deps, keyOf(TEST_SECRET), sample)).toBe('recorded');
  });

  it('lets a new key take over a database that holds no identity data yet', async () => {
    await checkFieldKey(ctx.deps, keyOf(TEST_SECRET), sample);
    expect(await checkFieldKey(ctx.deps, keyOf(OTHER_SECRET), sample)).toBe('rebound');
    expect(await readFieldKeyCheck(ctx.deps.db)).toBe(fieldKeyCheckValue(OTHER_SECRET));
  });
});
