/**
 * `npm run xinfang -- restore DIR [--force]`: put a backup back into the configured deployment
 * (DATABASE_URL, XINFANG_DATA_DIR, XINFANG_AUDIT_ANCHOR_FILE), with the server stopped.
 *
 * Everything that can refuse does so before the target is touched: a damaged backup (a file that
 * does not match its manifest hash), one from a newer version, another dialect or schema, a missing
 * or wrong field key — a restore without its key would give a server that answers 500 on every
 * petitioner, so it names what is missing instead — and a target that is not empty, unless
 * `--force`, which moves the old data aside (never deletes it). After the copy the restored
 * deployment is checked: schema migrated, audit chain and anchors verified, the key's check value
 * recorded and one stored ID number decrypted, every attachment row's file present.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import { migrateToLatest, openDatabase, type Database } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { listStoredAttachments, type StoredAttachment } from '../modules/attachment/index.ts';
import { fileStoreFor, type FileStoreKind } from '../platform/file-store.ts';
import { findEncryptedIdentity } from '../modules/petitioner/index.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { anchorsToCheck, readAuditAnchors, verifyAuditAnchors } from '../platform/audit-anchor.ts';
import type { Clock } from '../platform/clock.ts';
import { createFieldCipher, deriveKeys, fieldKeyCheckValue } from '../platform/crypto.ts';
import { checkFieldKey, type FieldKey } from '../platform/field-key.ts';
import {
  ANCHORS_FILE,
  ATTACHMENTS_DIR,
  BackupError,
  copyPrivate,
  KEY_FILE,
  listFiles,
  PG_DUMP_FILE,
  readManifest,
  sha256File,
  SQLITE_FILE,
  type BackupManifest,
} from './backup-manifest.ts';
import { pgRestore } from './pg-tools.ts';

export type RestoreOptions = {
  database: DatabaseConfig;
  dataDir: string;
  /** XINFANG_SECRET of the restoring environment, or null. */
  secret: string | null;
  auditAnchorFile: string;
  toolEnv: Readonly<Record<string, string>>;
  clock: Clock;
  /** The backup directory. */
  dir: string;
  /** Move a non-empty target aside instead of refusing. */
  force: boolean;
  /** Where the deployment keeps stored files (Config.fileStore); null/absent = the dialect's default. */
  fileStore?: FileStoreKind | null;
};

export type RestoreResult = {
  manifest: BackupManifest;
  auditRows: number;
  anchorsChecked: number;
  /** Which stored identity value was decrypted as the key check; null when none is stored. */
  identityChecked: 'idNumber' | 'phone' | null;
  attachments: number;
  /** What `--force` moved out of the way (paths, or a PostgreSQL schema). */
  movedAside: string[];
  ms: number;
};

/** The key the restored deployment will use, decided and checked before anything is written. */
type RestoreKey = FieldKey & { fromBackupFile: boolean };

/**
 * Restore the backup in `options.dir` into the configured deployment and check the result.
 * @throws BackupError with one line for the operator: what is missing or wrong, or which check failed
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const { dir } = options;
  const manifest = readManifest(dir);
  checkCompatible(manifest, options.database);
  const key = keyForRestore(manifest, options);
  await checkFiles(manifest, dir);

  const movedAside = await clearTarget(manifest, options);

  const databaseFile = path.join(dir, manifest.dialect === 'sqlite' ? SQLITE_FILE : PG_DUMP_FILE);
  if (options.database.dialect === 'sqlite') {
    const target = options.database.file;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(databaseFile, `${target}.restoring`);
    fs.renameSync(`${target}.restoring`, target);
  } else {
    const database = openDatabase({ ...options.database, poolSize: 1 });
    try {
      if (options.database.schema !== null)
        await sql`create schema if not exists ${sql.id(options.database.schema)}`.execute(database.db);
      // The search index's operator classes (migration 2026-12-08-330): a dump of the app's schema
      // does not hold the extension, which lives in `public`; a fresh database has it not yet.
      await sql`create extension if not exists btree_gin schema public`.execute(database.db);
    } finally {
      await database.close();
    }
    await pgRestore(
      { url: options.database.url, schema: options.database.schema, toolEnv: options.toolEnv },
      databaseFile,
    );
  }
  // Only what the manifest lists (and checkFiles has hashed) is copied: nothing slipped in later.
  for (const entry of manifest.files.filter((f) => f.path.startsWith(`${ATTACHMENTS_DIR}/`)))
    copyPrivate(path.join(dir, ...entry.path.split('/')), path.join(options.dataDir, ...entry.path.split('/')));
  if (key.fromBackupFile) copyPrivate(path.join(dir, KEY_FILE), path.join(options.dataDir, KEY_FILE));
  if (manifest.files.some((f) => f.path === ANCHORS_FILE))
    copyPrivate(path.join(dir, ANCHORS_FILE), options.auditAnchorFile);

  const database = openDatabase(options.database);
  try {
    return {
      ...(await checkRestored(database, manifest, key, options)),
      manifest,
      movedAside,
      ms: Date.now() - started,
    };
  } finally {
    await database.close();
  }
}

function checkCompatible(manifest: BackupManifest, target: DatabaseConfig): void {
  if (manifest.lastMigration !== null && !Object.hasOwn(migrations, manifest.lastMigration))
    throw new BackupError(
      `the backup was made by a newer version (${manifest.appVersion}, migration ${manifest.lastMigration}): restore it with that version`,
    );
  if (manifest.dialect !== target.dialect)
    throw new BackupError(
      `the backup holds a ${manifest.dialect} database but DATABASE_URL points at ${target.dialect}: restore into the same kind of database`,
    );
  if (target.dialect === 'postgres' && manifest.postgresSchema !== target.schema)
    throw new BackupError(
      `the backup holds the PostgreSQL schema ${manifest.postgresSchema ?? 'public'}: restore into a DATABASE_URL with ${manifest.postgresSchema === null ? 'no ?schema=' : `?schema=${manifest.postgresSchema}`}`,
    );
}

/**
 * The key the restored deployment will decrypt with: the backup's secret.key, or XINFANG_SECRET for
 * a backup made with an external one; either must match the manifest's check value.
 */
function keyForRestore(manifest: BackupManifest, options: RestoreOptions): RestoreKey {
  const { fieldKey } = manifest;
  if (fieldKey.source === 'external') {
    if (options.secret === null)
      throw new BackupError(
        'restore refused: XINFANG_SECRET is not set — this backup is encrypted with an external XINFANG_SECRET that is not in the backup; set it to that key',
      );
    if (fieldKeyCheckValue(options.secret) !== fieldKey.check)
      throw new BackupError(
        'restore refused: XINFANG_SECRET is not the key this backup was encrypted with (its check value differs)',
      );
    return { ...fieldKeyOf(options.secret, 'XINFANG_SECRET'), fromBackupFile: false };
  }
  const file = path.join(options.dir, KEY_FILE);
  if (!fs.existsSync(file))
    throw new BackupError(
      `restore refused: ${file} is missing — the field-encryption key of this backup; without it its ID numbers and phones cannot be decrypted`,
    );
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (fieldKeyCheckValue(secret) !== fieldKey.check)
    throw new BackupError(
      `restore refused: ${file} is not the key this backup was encrypted with (its check value differs)`,
    );
  // The server prefers XINFANG_SECRET over the key file: a different one would not decrypt the restored data.
  if (options.secret !== null && options.secret !== secret)
    throw new BackupError(
      "restore refused: XINFANG_SECRET is set to another key than the backup's secret.key; unset it (the restored secret.key is then used) or set it to that key",
    );
  return {
    ...fieldKeyOf(secret, options.secret === null ? path.join(options.dataDir, KEY_FILE) : 'XINFANG_SECRET'),
    fromBackupFile: true,
  };
}

function fieldKeyOf(secret: string, source: string): FieldKey {
  const keys = deriveKeys(secret);
  return {
    cipher: createFieldCipher(keys.encryptionKey, keys.indexKey),
    checkValue: fieldKeyCheckValue(secret),
    source,
  };
}

/** Every file of the manifest is there with its size and SHA-256. */
async function checkFiles(manifest: BackupManifest, dir: string): Promise<void> {
  const databaseFile = manifest.dialect === 'sqlite' ? SQLITE_FILE : PG_DUMP_FILE;
  if (!manifest.files.some((f) => f.path === databaseFile))
    throw new BackupError(`the manifest lists no ${databaseFile}: the backup is damaged`);
  for (const entry of manifest.files) {
    const file = path.join(dir, ...entry.path.split('/'));
    if (!fs.existsSync(file)) throw new BackupError(`restore refused: ${file} is missing from the backup`);
    if (fs.statSync(file).size !== entry.bytes || (await sha256File(file)) !== entry.sha256)
      throw new BackupError(`restore refused: ${file} does not match its SHA-256 in the manifest (changed or damaged)`);
  }
}

/**
 * Refuse a target that holds anything the restore would replace, or with `force` move it aside:
 * files get a `.before-restore-<time>` suffix, a PostgreSQL schema is renamed.
 */
async function clearTarget(manifest: BackupManifest, options: RestoreOptions): Promise<string[]> {
  const stamp = options.clock.now().toISOString().replace(/[-:]/g, '').slice(0, 15);
  const occupied: string[] = [];
  const files: string[] = [];
  const consider = (file: string) => {
    if (fs.existsSync(file)) files.push(file);
  };
  if (options.database.dialect === 'sqlite') {
    const target = options.database.file;
    if (target === ':memory:') throw new BackupError('cannot restore into an in-memory SQLite database');
    for (const suffix of ['', '-wal', '-shm']) consider(`${target}${suffix}`);
  }
  const attachmentsDir = path.join(options.dataDir, ATTACHMENTS_DIR);
  if (listFiles(attachmentsDir).length > 0) files.push(attachmentsDir);
  if (manifest.fieldKey.source === 'file') consider(path.join(options.dataDir, KEY_FILE));
  consider(options.auditAnchorFile);
  occupied.push(...files);

  const pg = options.database.dialect === 'postgres' ? options.database : null;
  const schemaName = pg?.schema ?? 'public';
  if (pg !== null) {
    const database = openDatabase({ ...pg, poolSize: 1 });
    try {
      const count = await sql<{
        n: number;
      }>`select count(*) as n from information_schema.tables where table_schema = ${schemaName}`.execute(database.db);
      // COUNT(*) is int8: the pool's type parser makes it a number.
      const schemaTables = count.rows[0]?.n ?? 0;
      if (schemaTables > 0) occupied.push(`schema ${schemaName} (${schemaTables} tables)`);
      if (schemaTables > 0 && options.force) {
        const aside = `${schemaName.slice(0, 40)}_before_restore_${stamp.replace('T', '_').toLowerCase()}`;
        await sql`alter schema ${sql.id(schemaName)} rename to ${sql.id(aside)}`.execute(database.db);
        await sql`create schema ${sql.id(schemaName)}`.execute(database.db);
        files.push(`schema ${aside}`);
      }
    } finally {
      await database.close();
    }
  }
  if (occupied.length === 0) return [];
  if (!options.force)
    throw new BackupError(
      `restore refused: the target is not empty (${occupied.join(', ')}); pass --force to move it aside`,
    );
  const moved: string[] = [];
  for (const item of files) {
    if (item.startsWith('schema ')) {
      moved.push(item);
      continue;
    }
    const aside = `${item}.before-restore-${stamp}`;
    fs.renameSync(item, aside);
    moved.push(aside);
  }
  return moved;
}

async function checkRestored(
  database: Database,
  manifest: BackupManifest,
  key: RestoreKey,
  options: RestoreOptions,
): Promise<Omit<RestoreResult, 'manifest' | 'movedAside' | 'ms'>> {
  const { db } = database;
  // What the server does at its next start anyway; a backup from an older version catches up here.
  await migrateToLatest(database);
  const chain = await verifyAuditChain(db);
  if (!chain.ok)
    throw new BackupError(
      `restored, but the audit chain is broken at row ${String(chain.firstBrokenSeq)}: ${chain.reason ?? ''}`,
    );
  if (chain.checked !== manifest.auditHead.seq)
    throw new BackupError(
      `restored, but the audit chain has ${chain.checked} rows where the manifest says ${manifest.auditHead.seq}`,
    );
  const anchorFile = readAuditAnchors(options.auditAnchorFile);
  if (anchorFile.malformedLine !== null)
    throw new BackupError(
      `restored, but line ${anchorFile.malformedLine} of ${options.auditAnchorFile} is not an anchor`,
    );
  const anchors = await verifyAuditAnchors(db, [
    ...anchorsToCheck(anchorFile.anchors),
    ...(manifest.auditHead.seq > 0 ? [{ ...manifest.auditHead, label: 'the manifest' }] : []),
  ]);
  if (!anchors.ok) throw new BackupError(`restored, but an audit anchor does not match: ${anchors.reason ?? ''}`);

  const sample = await findEncryptedIdentity(db);
  await checkFieldKey({ db, clock: options.clock }, key, async () => sample?.ciphertext ?? null);
  if (sample !== null) {
    try {
      key.cipher.decrypt(sample.ciphertext);
    } catch {
      throw new BackupError(
        `restored, but ${key.source} does not decrypt a stored ${sample.kind === 'idNumber' ? 'ID number' : 'phone'}`,
      );
    }
  }

  const stored = await listStoredAttachments(db);
  // On disk, or in the database when the files are kept there (several instances, issue #21).
  const files = fileStoreFor(
    database,
    options.clock,
    path.join(options.dataDir, ATTACHMENTS_DIR),
    options.fileStore ?? null,
  );
  const missing: StoredAttachment[] = [];
  for (const a of stored) if ((await files.sizeOf(a.storageKey).catch(() => null)) !== a.size) missing.push(a);
  if (missing.length > 0)
    throw new BackupError(
      `restored, but ${missing.length} of ${stored.length} attachment files are missing or of another size (first: ${missing[0]?.storageKey ?? ''})`,
    );
  return {
    auditRows: chain.checked,
    anchorsChecked: anchors.checked,
    identityChecked: sample?.kind ?? null,
    attachments: stored.length,
  };
}
