/**
 * Backup and restore of a running deployment, on SQLite always and on PostgreSQL when
 * TEST_DATABASE_URL is set and pg_dump is installed: the same test bodies on both.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../common/domain/access.ts';
import { RegisterPetitionInputSchema } from '../../common/schemas/petition.ts';
import { resolveSecret } from '../boot.ts';
import { testDatabaseConfig, toolEnvOf, type DatabaseConfig } from '../config.ts';
import { migrateToLatest, openDatabase, type Database } from '../db/database.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';
import { addAttachment } from '../modules/attachment/attachment.service.ts';
import { registerPetition } from '../modules/intake/index.ts';
import { NO_OUTBOUND } from '../platform/deps.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { readAuditAnchors } from '../platform/audit-anchor.ts';
import { fixedClock } from '../platform/clock.ts';
import { createFieldCipher, deriveKeys, type FieldCipher } from '../platform/crypto.ts';
import { ulidGenerator } from '../platform/ids.ts';
import { createLogger } from '../platform/logger.ts';
import { argon2Hasher } from '../platform/passwords.ts';
import { createOrg, TEST_START } from '../test/test-context.ts';
import { BackupError, KEY_FILE, readManifest, SQLITE_FILE } from './backup-manifest.ts';
import { createBackup } from './backup.ts';
import { restoreBackup } from './restore.ts';
import { filesystemStore } from '../platform/file-store.ts';

const ID_NUMBER = '11010519491231002X';
const base = testDatabaseConfig();
const pgDumpInstalled = spawnSync('pg_dump', ['--version']).status === 0;
const dialects: DatabaseConfig['dialect'][] =
  base.dialect === 'postgres' && pgDumpInstalled ? ['sqlite', 'postgres'] : ['sqlite'];

const clock = fixedClock(TEST_START);
const log = createLogger({ logLevel: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A deployment's configuration: its own data directory and database (a fresh schema or database on PostgreSQL). */
type Place = { database: DatabaseConfig; dataDir: string; auditAnchorFile: string };

async function newPlace(dialect: DatabaseConfig['dialect'], schema?: string): Promise<Place> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-ops-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const place = (database: DatabaseConfig) => ({
    database,
    dataDir,
    auditAnchorFile: path.join(dataDir, 'audit-anchors.log'),
  });
  if (dialect === 'sqlite' || base.dialect !== 'postgres')
    return place({ dialect: 'sqlite', file: path.join(dataDir, 'xinfang.db') });
  const suffix = randomBytes(5).toString('hex');
  if (schema === undefined) {
    // A source: a private schema in the test database.
    const own = `b_${suffix}`;
    cleanups.push(() => adminQuery(base.url, `drop schema if exists ${own} cascade`));
    return place({ ...base, schema: own, poolSize: 4 });
  }
  // A restore target: a database of its own, restored into the source's schema name.
  const name = `xinfang_restore_${suffix}`;
  await adminQuery(base.url, `create database ${name}`);
  cleanups.push(() => adminQuery(base.url, `drop database if exists ${name} with (force)`));
  const url = new URL(base.url);
  url.pathname = `/${name}`;
  return place({ ...base, url: url.toString(), schema, poolSize: 4 });
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function cipherOf(secret: string): FieldCipher {
  const keys = deriveKeys(secret);
  return createFieldCipher(keys.encryptionKey, keys.indexKey);
}

/** Open a place's database (migrated) with the petition services over it, encrypting with `secret`. */
async function open(place: Place, secret: string): Promise<{ database: Database; deps: PetitionDeps }> {
  const database = openDatabase(place.database);
  cleanups.push(() => database.close());
  await migrateToLatest(database);
  const deps: PetitionDeps = {
    db: database.db,
    dialect: database.dialect,
    clock,
    ids: ulidGenerator(),
    log,
    hasher: argon2Hasher(1024),
    cipher: cipherOf(secret),
    outbound: NO_OUTBOUND,
    files: filesystemStore(path.join(place.dataDir, 'attachments')),
  };
  return { database, deps };
}

const petition = (n: number) =>
  RegisterPetitionInputSchema.parse({
    channel: 'letter',
    type: 'appeal',
    purpose: 'request',
    title: `工伤待遇未落实（${n}）`,
    body: '工伤认定后一次性伤残补助金至今未发放，请求督促落实。',
    petitioners: [{ name: n === 0 ? '王大山' : `职工${n}`, idNumber: ID_NUMBER, identity: 'injured' }],
  });

/** Register a petition with an ID number and an attachment. */
async function registerWithAttachment(deps: PetitionDeps, officer: Actor, n: number): Promise<string> {
  const { petition: created } = await registerPetition(deps, officer, petition(n));
  await addAttachment(deps, officer, created.id, {
    fileName: `现场情况${n}.txt`,
    contentType: 'text/plain',
    data: Buffer.from(`第${n}件的现场情况说明。`, 'utf8'),
  });
  return created.id;
}

/**
 * A deployment with an organisation, petitions, their audit rows and attachments, its key in
 * `<dataDir>/secret.key` (the demo's arrangement) unless `secret` is given.
 */
async function runningDeployment(dialect: DatabaseConfig['dialect'], secret: string | null = null) {
  const place = await newPlace(dialect);
  const key = resolveSecret({ secret, dataDir: place.dataDir });
  const { database, deps } = await open(place, key);
  const org = await createOrg(deps);
  const officer = org.users['officer@root']!;
  const firstId = await registerWithAttachment(deps, officer, 0);
  await registerWithAttachment(deps, officer, 1);
  return { place, key, database, deps, officer, firstId };
}

const backupOptions = (place: Place, secret: string | null, dir: string) => ({
  ...place,
  secret,
  toolEnv: toolEnvOf(),
  version: '0.0.0-test',
  clock,
  dir,
});

const restoreOptions = (place: Place, secret: string | null, dir: string, force = false) => ({
  ...place,
  secret,
  toolEnv: toolEnvOf(),
  clock,
  dir,
  force,
  // The writer above keeps its files in the directory (XINFANG_FILE_STORE=filesystem), on both dialects.
  fileStore: 'filesystem' as const,
});

/** A restore target on PostgreSQL takes the source's schema name (a dump restores into its own schema). */
function schemaOf(place: Place): string | undefined {
  return place.database.dialect === 'postgres' ? (place.database.schema ?? undefined) : undefined;
}

function backupDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-backup-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'backup');
}

async function petitionCount(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('petition')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe.each(dialects)('backup and restore (%s)', (dialect) => {
  it('backs up while a writer registers petitions, and restores elsewhere with a verified chain, ID numbers and attachments', async () => {
    const source = await runningDeployment(dialect);
    // The writer: another connection registering petitions with attachments until told to stop.
    const writer = await open(source.place, source.key);
    const control = { stop: false };
    let written = 0;
    const writing = (async () => {
      while (!control.stop) {
        await registerWithAttachment(writer.deps, source.officer, 100 + written);
        written += 1;
        // Let timers and I/O in: SQLite's driver resolves in microtasks only.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await expect.poll(() => written, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const before = await petitionCount(source.database);
    const dir = backupDir();
    const writtenBefore = written;
    const backup = await createBackup(backupOptions(source.place, null, dir));
    const writtenBy = written;
    // The writer kept going while the backup ran, and after it.
    expect(writtenBy).toBeGreaterThan(writtenBefore);
    await expect.poll(() => written, { timeout: 10_000 }).toBeGreaterThan(writtenBy);
    control.stop = true;
    await writing;
    const after = await petitionCount(source.database);

    const manifest = readManifest(dir);
    expect(manifest).toMatchObject({ dialect, fieldKey: { source: 'file', file: KEY_FILE } });
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([dialect === 'sqlite' ? SQLITE_FILE : 'database.pgdump', KEY_FILE, 'audit-anchors.log']),
    );
    expect(manifest.files.filter((f) => f.path.startsWith('attachments/')).length).toBeGreaterThanOrEqual(5);
    // The backup anchored its own head in the live anchor file.
    expect(readAuditAnchors(source.place.auditAnchorFile).anchors.at(-1)).toMatchObject({
      ...manifest.auditHead,
      source: 'backup',
    });
    expect(backup.bytes).toBeGreaterThan(0);

    const target = await newPlace(dialect, schemaOf(source.place));
    const restored = await restoreBackup(restoreOptions(target, null, dir));
    expect(restored).toMatchObject({ auditRows: manifest.auditHead.seq, identityChecked: 'idNumber', movedAside: [] });
    expect(restored.anchorsChecked).toBeGreaterThanOrEqual(1);

    // Independently of the restore's own checks: the restored deployment as the server would see it.
    const restoredKey = resolveSecret({ secret: null, dataDir: target.dataDir });
    expect(restoredKey).toBe(source.key);
    const { database } = await open(target, restoredKey);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: manifest.auditHead.seq });
    const count = await petitionCount(database);
    expect(count).toBeGreaterThanOrEqual(before);
    expect(count).toBeLessThanOrEqual(after);
    const petitioner = await database.db
      .selectFrom('petitioner')
      .innerJoin('petition_petitioner', 'petition_petitioner.petitioner_id', 'petitioner.id')
      .select('petitioner.id_number_enc')
      .where('petition_petitioner.petition_id', '=', source.firstId)
      .executeTakeFirstOrThrow();
    expect(cipherOf(restoredKey).decrypt(petitioner.id_number_enc!)).toBe(ID_NUMBER);
    const attachment = await database.db
      .selectFrom('attachment')
      .select('storage_key')
      .where('petition_id', '=', source.firstId)
      .executeTakeFirstOrThrow();
    expect(fs.readFileSync(path.join(target.dataDir, 'attachments', attachment.storage_key), 'utf8')).toBe(
      '第0件的现场情况说明。',
    );
  });

  it('refuses a restore without the backup’s key file, naming it, and leaves the target untouched', async () => {
    const source = await runningDeployment(dialect);
    const dir = backupDir();
    await createBackup(backupOptions(source.place, null, dir));
    fs.rmSync(path.join(dir, KEY_FILE));
    const target = await newPlace(dialect, schemaOf(source.place));
    const attempt = restoreBackup(restoreOptions(target, null, dir));
    await expect(attempt).rejects.toBeInstanceOf(BackupError);
    await expect(attempt).rejects.toThrow(
      `restore refused: ${path.join(dir, KEY_FILE)} is missing — the field-encryption key of this backup`,
    );
    expect(fs.readdirSync(target.dataDir)).toEqual([]);
  });

  it('refuses a restore of a backup made with XINFANG_SECRET when it is not set, or set to another key', async () => {
    const secret = 'the-external-key-of-this-deployment-01';
    const source = await runningDeployment(dialect, secret);
    const dir = backupDir();
    await createBackup(backupOptions(source.place, secret, dir));
    const manifest = readManifest(dir);
    expect(manifest.fieldKey.source).toBe('external');
    expect(manifest.files.map((f) => f.path)).not.toContain(KEY_FILE);
    expect(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')).not.toContain(secret);
    const target = await newPlace(dialect, schemaOf(source.place));
    await expect(restoreBackup(restoreOptions(target, null, dir))).rejects.toThrow(
      /^restore refused: XINFANG_SECRET is not set/,
    );
    await expect(restoreBackup(restoreOptions(target, 'some-other-key-some-other-key-00002', dir))).rejects.toThrow(
      /^restore refused: XINFANG_SECRET is not the key this backup was encrypted with/,
    );
    const restored = await restoreBackup(restoreOptions(target, secret, dir));
    expect(restored.identityChecked).toBe('idNumber');
  });
});

describe('backup and restore refusals', () => {
  it('refuses a damaged backup, a non-empty target without --force, and moves the target aside with it', async () => {
    const source = await runningDeployment('sqlite');
    const dir = backupDir();
    await createBackup(backupOptions(source.place, null, dir));
    await expect(createBackup(backupOptions(source.place, null, dir))).rejects.toThrow(/is not empty/);

    // Restoring over the source itself: it is not empty.
    await expect(restoreBackup(restoreOptions(source.place, null, dir))).rejects.toThrow(
      /^restore refused: the target is not empty \(.*xinfang\.db.*\); pass --force to move it aside$/,
    );
    const attachment = fs.readdirSync(path.join(dir, 'attachments'))[0]!;
    const damaged = path.join(dir, 'attachments', attachment);
    const original = fs.readFileSync(damaged);
    fs.writeFileSync(damaged, 'altered');
    await expect(restoreBackup(restoreOptions(source.place, null, dir, true))).rejects.toThrow(
      `restore refused: ${damaged} does not match its SHA-256 in the manifest`,
    );
    fs.writeFileSync(damaged, original);

    await source.database.close();
    const restored = await restoreBackup(restoreOptions(source.place, null, dir, true));
    expect(restored.movedAside.map((p) => path.basename(p).replace(/-\d{8}T\d{6}$/, ''))).toEqual(
      expect.arrayContaining([
        'xinfang.db.before-restore',
        'attachments.before-restore',
        'secret.key.before-restore',
        'audit-anchors.log.before-restore',
      ]),
    );
    expect(restored.identityChecked).toBe('idNumber');
  });

  it('refuses to back up with a key that does not decrypt the data, since it could never be restored', async () => {
    const source = await runningDeployment('sqlite');
    fs.writeFileSync(path.join(source.place.dataDir, KEY_FILE), 'a-wrong-key-a-wrong-key-a-wrong-key-0003');
    await expect(createBackup(backupOptions(source.place, null, backupDir()))).rejects.toThrow(
      /secret\.key is not the key the ID numbers and phones in this database were encrypted with/,
    );
  });
});
