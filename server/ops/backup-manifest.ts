/**
 * The backup directory's layout and its manifest (docs/operations.md):
 *
 *   manifest.json        what is in the backup: version, dialect, time, audit head, field key, files + SHA-256
 *   database.sqlite      SQLite: a consistent copy made by the online backup API (rollback-journal mode)
 *   database.pgdump      PostgreSQL: pg_dump --format=custom of the configured schema
 *   secret.key           the demo field-encryption key, when the deployment uses one (never XINFANG_SECRET)
 *   attachments/…        the attachment files
 *   audit-anchors.log    the anchor file, whose last line is this backup's own anchor
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const SQLITE_FILE = 'database.sqlite';
export const PG_DUMP_FILE = 'database.pgdump';
export const KEY_FILE = 'secret.key';
export const ATTACHMENTS_DIR = 'attachments';
export const ANCHORS_FILE = 'audit-anchors.log';

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const BackupManifestSchema = z.object({
  format: z.literal('xinfang-backup'),
  formatVersion: z.literal(1),
  appVersion: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** PostgreSQL: the schema dumped (null = public). */
  postgresSchema: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** The newest migration the database had run: a backup from a newer version is refused. */
  lastMigration: z.string().nullable(),
  /** The audit chain head of the snapshot, also appended to the anchor file. */
  auditHead: z.object({ seq: z.number().int().min(0), hash: Sha256Schema }),
  /** Which key decrypts the identity data, and its check value (`fieldKeyCheckValue`), never the key itself. */
  fieldKey: z.discriminatedUnion('source', [
    z.object({ source: z.literal('file'), file: z.literal(KEY_FILE), check: z.string() }),
    z.object({ source: z.literal('external'), note: z.string(), check: z.string() }),
  ]),
  /** Every file of the backup but the manifest, by path relative to the backup directory (forward slashes). */
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().min(0), sha256: Sha256Schema })),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;
export type BackupFile = BackupManifest['files'][number];

export const EXTERNAL_KEY_NOTE =
  'The identity data is encrypted with XINFANG_SECRET, which is kept outside this backup: restore with the same XINFANG_SECRET.';

/** A backup or restore that stops: the message is one line for the operator and never holds a key. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** SHA-256 of a file, streamed (attachments and dumps can be large). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Describe one file of the backup for the manifest. */
export async function describeFile(dir: string, relative: string): Promise<BackupFile> {
  const full = path.join(dir, relative);
  return { path: relative.split(path.sep).join('/'), bytes: fs.statSync(full).size, sha256: await sha256File(full) };
}

/** The regular files under `dir`, as paths relative to it; none when it does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Read and parse `<dir>/manifest.json`.
 * @throws BackupError when it is missing or not a manifest of this format
 */
export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new BackupError(`${file} is missing: ${dir} is not a complete backup`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new BackupError(`${file} is not JSON: the backup is damaged`);
  }
  const parsed = BackupManifestSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError(`${file} is not a backup manifest of this version (format 1)`);
  return parsed.data;
}

/** Write the manifest last, through a temporary name: a backup without one is visibly incomplete. */
export function writeManifest(dir: string, manifest: BackupManifest): void {
  const file = path.join(dir, MANIFEST_FILE);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** Copy a file readable by the owner only (identity attachments, the key, the anchors), creating its directory. */
export function copyPrivate(source: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  fs.copyFileSync(source, target);
  fs.chmodSync(target, 0o600);
}
