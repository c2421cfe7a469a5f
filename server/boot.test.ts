import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../common/schemas/petition.ts';
import { boot } from './boot.ts';
import { loadConfig } from './config.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { registerPetition } from './modules/intake/index.ts';
import { NO_OUTBOUND } from './platform/deps.ts';
import { fixedClock } from './platform/clock.ts';
import { createFieldCipher, deriveKeys } from './platform/crypto.ts';
import { FieldKeyMismatchError } from './platform/field-key.ts';
import { sequentialIds } from './platform/ids.ts';
import { createLogger } from './platform/logger.ts';
import { argon2Hasher } from './platform/passwords.ts';
import { createOrg, TEST_START } from './test/test-context.ts';
import { filesystemStore } from './platform/file-store.ts';

const SECRET = 'the-key-the-data-was-written-with-0001';
const log = createLogger({ logLevel: 'silent' });
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-boot-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A database file under dataDir holding one petitioner's ID number encrypted with `secret`. */
async function databaseWithIdNumbers(secret: string): Promise<void> {
  const database = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'xinfang.db') });
  await migrateToLatest(database);
  const clock = fixedClock(TEST_START);
  const deps = {
    db: database.db,
    dialect: database.dialect,
    clock,
    ids: sequentialIds('B'),
    log,
    hasher: argon2Hasher(1024),
    cipher: createFieldCipher(deriveKeys(secret).encryptionKey, deriveKeys(secret).indexKey),
    outbound: NO_OUTBOUND,
  };
  const org = await createOrg(deps);
  await registerPetition(
    { ...deps, files: filesystemStore(path.join(dataDir, 'attachments')) },
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
  await database.close();
}

function configWith(env: Record<string, string>) {
  return loadConfig('0.0.0-test', { XINFANG_DATA_DIR: dataDir, XINFANG_PASSWORD_MEMORY_KIB: '1024', ...env });
}

describe('boot', () => {
  it('refuses to start when the configured key cannot decrypt the stored ID numbers', async () => {
    await databaseWithIdNumbers(SECRET);
    const config = configWith({
      XINFANG_DEMO: 'false',
      XINFANG_SECRET: 'some-other-key-some-other-key-0002',
      XINFANG_PUBLIC_URL: 'https://xinfang.example.com',
    });
    const attempt = boot(config, log);
    await expect(attempt).rejects.toBeInstanceOf(FieldKeyMismatchError);
    await expect(attempt).rejects.toThrow(/^XINFANG_SECRET is not the key the ID numbers and phones/);
  });

  it('refuses to start, and generates no new key, when the demo key file is gone but encrypted data is not', async () => {
    await databaseWithIdNumbers(SECRET);
    const attempt = boot(configWith({}), log);
    await expect(attempt).rejects.toThrow(`${path.join(dataDir, 'secret.key')} is missing`);
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
  });
});
