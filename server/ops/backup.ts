/**
 * `npm run xinfang -- backup DIR`: a consistent copy of a running deployment (issue #11).
 *
 * - the database as of one moment: SQLite through the online backup API, copied in a single step
 *   under one read transaction (WAL lets the server keep writing); PostgreSQL through pg_dump of an
 *   exported snapshot, read in the same transaction as the manifest's audit head;
 * - the field-encryption key file when the deployment uses one, or a note that XINFANG_SECRET is
 *   kept outside (never the secret itself) — and the key is checked against the copied data first,
 *   since a backup whose key cannot decrypt it could never be restored;
 * - the attachment files, copied after the database: an attachment's file is written before its row
 *   commits, so every row of the snapshot finds its file;
 * - the audit anchor file, after appending this backup's anchor (ADR 0004);
 * - manifest.json, written last, with the SHA-256 of every file.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { findEncryptedIdentity } from '../modules/petitioner/index.ts';
import { readAuditHead, type AuditHead } from '../platform/audit.ts';
import { appendAuditAnchor } from '../platform/audit-anchor.ts';
import type { Clock } from '../platform/clock.ts';
import { createFieldCipher, deriveKeys, fieldKeyCheckValue } from '../platform/crypto.ts';
import { readFieldKeyCheck } from '../platform/field-key.ts';
import {
  ANCHORS_FILE,
  ATTACHMENTS_DIR,
  BackupError,
  copyPrivate,
  describeFile,
  EXTERNAL_KEY_NOTE,
  KEY_FILE,
  listFiles,
  PG_DUMP_FILE,
  SQLITE_FILE,
  writeManifest,
  type BackupManifest,
} from './backup-manifest.ts';
import { pgDump } from './pg-tools.ts';

export type BackupOptions = {
  database: DatabaseConfig;
  dataDir: string;
  /** XINFANG_SECRET, or null when the key is `<dataDir>/secret.key`. */
  secret: string | null;
  auditAnchorFile: string;
  toolEnv: Readonly<Record<string, string>>;
  version: string;
  clock: Clock;
  /** The backup directory: created, or an existing empty one. */
  dir: string;
};

export type BackupResult = {
  manifest: BackupManifest;
  /** Bytes of every file in the backup. */
  bytes: number;
  databaseBytes: number;
  attachments: number;
  /** Wall-clock milliseconds. */
  ms: number;
};

/** What the backup reads from its own snapshot of the database. */
type SnapshotFacts = {
  head: AuditHead;
  recordedCheck: string | null;
  sample: string | null;
  lastMigration: string | null;
};

/**
 * Back up the deployment described by `options` into `options.dir`.
 * @throws BackupError when the directory is not empty, the key is missing or does not decrypt the
 *   data, or pg_dump fails
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const { dir } = options;
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
    throw new BackupError(`${dir} is not empty: back up into a new directory`);
  const key = readKey(options);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  const facts =
    options.database.dialect === 'sqlite'
      ? await snapshotSqlite(options.database.file, path.join(dir, SQLITE_FILE))
      : await snapshotPostgres(options.database, options.toolEnv, path.join(dir, PG_DUMP_FILE));
  checkKeyAgainst(facts, key);

  // This backup's anchor goes into the live file first, so the copy below ends with it.
  if (facts.head.seq > 0)
    appendAuditAnchor(options.auditAnchorFile, {
      ...facts.head,
      at: options.clock.now().toISOString(),
      source: 'backup',
    });
  if (fs.existsSync(options.auditAnchorFile)) copyPrivate(options.auditAnchorFile, path.join(dir, ANCHORS_FILE));

  const attachmentSource = path.join(options.dataDir, ATTACHMENTS_DIR);
  const attachments = listFiles(attachmentSource);
  for (const file of attachments) copyPrivate(path.join(attachmentSource, file), path.join(dir, ATTACHMENTS_DIR, file));

  if (key.source === 'file') copyPrivate(key.file, path.join(dir, KEY_FILE));

  const files = [];
  for (const relative of listFiles(dir)) files.push(await describeFile(dir, relative));
  const manifest: BackupManifest = {
    format: 'xinfang-backup',
    formatVersion: 1,
    appVersion: options.version,
    dialect: options.database.dialect,
    postgresSchema: options.database.dialect === 'postgres' ? options.database.schema : null,
    createdAt: options.clock.now().toISOString(),
    lastMigration: facts.lastMigration,
    auditHead: facts.head,
    fieldKey:
      key.source === 'file'
        ? { source: 'file', file: KEY_FILE, check: key.checkValue }
        : { source: 'external', note: EXTERNAL_KEY_NOTE, check: key.checkValue },
    files,
  };
  writeManifest(dir, manifest);
  const databaseFile = options.database.dialect === 'sqlite' ? SQLITE_FILE : PG_DUMP_FILE;
  return {
    manifest,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    databaseBytes: files.find((f) => f.path === databaseFile)?.bytes ?? 0,
    attachments: attachments.length,
    ms: Date.now() - started,
  };
}

type BackupKey = { checkValue: string; decrypt: (stored: string) => string } & (
  { source: 'file'; file: string } | { source: 'external' }
);

function readKey(options: BackupOptions): BackupKey {
  const file = path.join(options.dataDir, KEY_FILE);
  if (options.secret === null && !fs.existsSync(file))
    throw new BackupError(
      `no field-encryption key: XINFANG_SECRET is not set and ${file} does not exist, so the backup's ID numbers and phones could never be decrypted`,
    );
  const secret = options.secret ?? fs.readFileSync(file, 'utf8').trim();
  const keys = deriveKeys(secret);
  const cipher = createFieldCipher(keys.encryptionKey, keys.indexKey);
  const common = { checkValue: fieldKeyCheckValue(secret), decrypt: (stored: string) => cipher.decrypt(stored) };
  return options.secret === null ? { ...common, source: 'file', file } : { ...common, source: 'external' };
}

/** A backup whose key cannot decrypt its data is useless: refuse it now rather than at the restore. */
function checkKeyAgainst(facts: SnapshotFacts, key: BackupKey): void {
  const name = key.source === 'file' ? key.file : 'XINFANG_SECRET';
  const refused = () =>
    new BackupError(
      `${name} is not the key the ID numbers and phones in this database were encrypted with: such a backup could not be restored`,
    );
  if (facts.recordedCheck !== null && facts.recordedCheck !== key.checkValue) throw refused();
  if (facts.sample !== null) {
    try {
      key.decrypt(facts.sample);
    } catch {
      throw refused();
    }
  }
}

/**
 * Copy the live SQLite database with the online backup API. Every page goes in one step, under one
 * read transaction: a step-by-step copy restarts whenever another connection writes, which a busy
 * server could keep doing forever. The copy is switched to rollback-journal mode, so it is one
 * self-contained file.
 */
async function snapshotSqlite(source: string, target: string): Promise<SnapshotFacts> {
  if (source === ':memory:') throw new BackupError('an in-memory SQLite database cannot be backed up');
  if (!fs.existsSync(source)) throw new BackupError(`${source} does not exist: nothing to back up`);
  const live = new SqliteDatabase(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(target, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
  // Petition text and identity ciphertext: readable by the owner only, like the attachments.
  fs.chmodSync(target, 0o600);
  const copy = new SqliteDatabase(target);
  copy.pragma('journal_mode = DELETE');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: copy }) });
  try {
    const hasKeyCheck =
      (
        await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'field_key_check'`.execute(db)
      ).rows[0]?.n === 1;
    return await readFacts(db, hasKeyCheck);
  } finally {
    await db.destroy();
  }
}

/**
 * Dump PostgreSQL as of a snapshot exported by a repeatable-read transaction, which reads the audit
 * head, key check and sample of that same snapshot and stays open until pg_dump is done.
 */
async function snapshotPostgres(
  config: Extract<DatabaseConfig, { dialect: 'postgres' }>,
  toolEnv: Readonly<Record<string, string>>,
  target: string,
): Promise<SnapshotFacts> {
  const database = openDatabase({ ...config, poolSize: 1 });
  try {
    return await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const snapshot = (await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx)).rows[0]?.id;
        if (snapshot === undefined) throw new BackupError('PostgreSQL exported no snapshot');
        const hasKeyCheck =
          (await sql<{ found: boolean }>`select to_regclass('field_key_check') is not null as found`.execute(trx))
            .rows[0]?.found === true;
        const facts = await readFacts(trx, hasKeyCheck);
        await pgDump({ url: config.url, schema: config.schema, toolEnv }, snapshot, target);
        return facts;
      });
  } finally {
    await database.close();
  }
}

async function readFacts(db: Kysely<DB>, hasKeyCheck: boolean): Promise<SnapshotFacts> {
  const migration = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
    db,
  );
  return {
    head: await readAuditHead(db),
    // A database from before the key check has no table yet; the sample decides alone.
    recordedCheck: hasKeyCheck ? await readFieldKeyCheck(db) : null,
    sample: (await findEncryptedIdentity(db))?.ciphertext ?? null,
    lastMigration: migration.rows[0]?.name ?? null,
  };
}
