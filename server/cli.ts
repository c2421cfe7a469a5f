/**
 * The command line: `npm run xinfang -- <command>`.
 *   migrate                                  bring the schema to the latest migration
 *   backup DIR                               a consistent copy of the running deployment into DIR (docs/operations.md)
 *   restore DIR [--force]                    put a backup back, refusing a damaged one, a missing key or a non-empty target
 *   admin create --username U [--name N] [--enterprise E] [--code C] [--password P]
 *                                            create an administrator (and the enterprise when the
 *                                            database is empty); a password is generated if omitted
 *   audit verify [--anchor SEQ:HASH]         check the audit hash chain and every anchor of the anchor file
 *                                            (and a head printed on a report); exit 1 naming the first mismatch
 *   rollup rebuild                           rebuild the dashboard's rollup from the petitions (after a repair
 *                                            written past the petition engine); one transaction
 *   classify --train A.jsonl --input B.jsonl train a category model on A, print {"id","category","confidence"} per record of B
 *   repeats --index A.jsonl --input B.jsonl  print {"id","matches":[{"id","score","reasons"}]} per record of B, best first
 * The text commands need no database or configuration; their stdout is JSON lines only, notes go to stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '../common/errors.ts';
import { CreateUserInputSchema } from '../common/schemas/user.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { bootstrapEnterprise } from './modules/setup/setup.service.ts';
import { findRootUnit } from './modules/unit/index.ts';
import { rebuildRollup } from './modules/rollup/index.ts';
import { verifyAuditChain } from './platform/audit.ts';
import {
  anchorsToCheck,
  parsePrintedAnchor,
  readAuditAnchors,
  verifyAuditAnchors,
  type AnchorToCheck,
} from './platform/audit-anchor.ts';
import { systemClock } from './platform/clock.ts';
import { randomToken, ulidGenerator } from './platform/ids.ts';
import { argon2Hasher } from './platform/passwords.ts';
import { readVersion } from './platform/version.ts';
import { FieldKeyMismatchError } from './platform/field-key.ts';
import { createBackup } from './ops/backup.ts';
import { BackupError } from './ops/backup-manifest.ts';
import { restoreBackup } from './ops/restore.ts';
import { classifyRecords, findRepeatRecords } from './text/batch.ts';
import { parseRecords, type PetitionRecord } from './text/records.ts';

const USAGE = `Usage: npm run xinfang -- <command>
  migrate
  backup <DIR>
  restore <DIR> [--force]
  admin create --username <name> [--name <显示名>] [--enterprise <企业名称>] [--code <编码>] [--password <pw>]
  audit verify [--anchor <seq>:<hash>]
  rollup rebuild
  classify --train <A.jsonl> --input <B.jsonl>
  repeats --index <A.jsonl> --input <B.jsonl> [--limit <n>]`;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function withDatabase<T>(
  config: Config,
  run: (database: ReturnType<typeof openDatabase>) => Promise<T>,
): Promise<T> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    return await run(database);
  } finally {
    await database.close();
  }
}

async function adminCreate(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      enterprise: { type: 'string' },
      code: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const generated = values.password === undefined;
  const password = values.password ?? randomToken(12);
  return withDatabase(config, async (database) => {
    const root = await findRootUnit(database.db);
    if (root === undefined && values.enterprise === undefined) {
      out('The database has no enterprise yet: pass --enterprise "<企业名称>" to create it.');
      return 2;
    }
    const parsed = CreateUserInputSchema.pick({ username: true, displayName: true, password: true }).safeParse({
      username: values.username,
      displayName: values.name ?? '系统管理员',
      password,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        out(`--${issue.path.join('.') === 'displayName' ? 'name' : issue.path.join('.')}: ${issue.message}`);
      return 2;
    }
    const result = await bootstrapEnterprise(
      {
        db: database.db,
        clock: systemClock,
        ids: ulidGenerator(),
        hasher: argon2Hasher(config.passwordHashMemoryKib),
      },
      {
        enterpriseName: values.enterprise ?? root?.name ?? '',
        enterpriseCode: values.code ?? 'HQ',
        admin: parsed.data,
      },
    );
    if (result.createdEnterprise) out(`Created the enterprise ${values.enterprise ?? ''}.`);
    out(`Created administrator ${parsed.data.username}.`);
    if (generated) out(`Generated password (shown once, change it after the first log-in): ${password}`);
    return 0;
  });
}

function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Reads a JSON-lines file of records; a parse error names the file and line. */
function readRecords(file: string): PetitionRecord[] {
  try {
    return parseRecords(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function textCommand(command: 'classify' | 'repeats', args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: 'string' },
      index: { type: 'string' },
      input: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const source = command === 'classify' ? values.train : values.index;
  if (source === undefined || values.input === undefined) {
    note(USAGE);
    return 2;
  }
  const started = Date.now();
  let known: PetitionRecord[];
  let input: PetitionRecord[];
  try {
    known = readRecords(source);
    input = readRecords(values.input);
  } catch (error) {
    note(error instanceof Error ? error.message : String(error));
    return 1;
  }
  if (command === 'classify') {
    const result = classifyRecords(known, input);
    for (const line of result.lines) out(JSON.stringify(line));
    note(
      `classify: trained on ${result.trainedOn} records (${result.classes.join(', ')}), ${input.length} classified in ${Date.now() - started} ms`,
    );
    return 0;
  }
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    note('--limit: a positive whole number');
    return 2;
  }
  const lines = findRepeatRecords(known, input, { limit });
  for (const line of lines) out(JSON.stringify(line));
  note(
    `repeats: ${known.length} records indexed, ${input.length} looked up, ${lines.filter((l) => l.matches.length > 0).length} with matches, ${Date.now() - started} ms`,
  );
  return 0;
}

/** The chain row by row, then every anchor of the anchor file and any printed on a report (ADR 0004). */
async function auditVerify(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { anchor: { type: 'string', multiple: true } } });
  const printed: AnchorToCheck[] = [];
  for (const text of values.anchor ?? []) {
    const anchor = parsePrintedAnchor(text);
    if (anchor === null) {
      out(`--anchor ${text}: expected <seq>:<hash> (the hash may be shortened to 16 characters)`);
      return 2;
    }
    printed.push(anchor);
  }
  return withDatabase(config, async (database) => {
    const chain = await verifyAuditChain(database.db);
    if (!chain.ok) {
      out(
        `Audit chain BROKEN at row ${String(chain.firstBrokenSeq)}: ${chain.reason ?? ''} (${chain.checked} rows intact before it).`,
      );
      return 1;
    }
    out(`Audit chain intact: ${chain.checked} rows checked.`);
    const file = readAuditAnchors(config.auditAnchorFile);
    if (file.malformedLine !== null) {
      out(`Audit anchors BROKEN: line ${file.malformedLine} of ${config.auditAnchorFile} is not an anchor.`);
      return 1;
    }
    const anchors = [...anchorsToCheck(file.anchors), ...printed];
    if (anchors.length === 0) {
      out(`No anchors yet in ${config.auditAnchorFile} (written daily and at every backup).`);
      return 0;
    }
    const result = await verifyAuditAnchors(database.db, anchors);
    if (!result.ok) {
      out(`Audit anchors BROKEN at row ${String(result.firstBrokenSeq)}: ${result.reason ?? ''}.`);
      return 1;
    }
    out(
      `Audit anchors match: ${file.anchors.length} in ${config.auditAnchorFile}${printed.length > 0 ? `, ${printed.length} given` : ''}.`,
    );
    return 0;
  });
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function backupCommand(config: Config, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [dir] = positionals;
  if (dir === undefined || positionals.length > 1) {
    out(USAGE);
    return 2;
  }
  const result = await createBackup({
    database: config.database,
    dataDir: config.dataDir,
    secret: config.secret,
    auditAnchorFile: config.auditAnchorFile,
    toolEnv: config.toolEnv,
    version: config.version,
    clock: systemClock,
    dir: path.resolve(dir),
  });
  const { manifest } = result;
  out(
    `Backup written to ${path.resolve(dir)} in ${(result.ms / 1000).toFixed(1)} s: ${mib(result.bytes)}, ${manifest.files.length} files.`,
  );
  out(`  database     ${manifest.dialect}, ${mib(result.databaseBytes)}`);
  out(
    `  audit head   row ${manifest.auditHead.seq}, ${manifest.auditHead.hash} (anchored in ${config.auditAnchorFile})`,
  );
  out(`  attachments  ${result.attachments} files`);
  out(
    manifest.fieldKey.source === 'file'
      ? '  field key    secret.key is in the backup: keep the backup as safe as the key itself'
      : '  field key    XINFANG_SECRET is NOT in the backup: keep it safe apart from the backup; a restore needs it',
  );
  return 0;
}

async function restoreCommand(config: Config, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const [dir] = positionals;
  if (dir === undefined || positionals.length > 1) {
    out(USAGE);
    return 2;
  }
  const result = await restoreBackup({
    database: config.database,
    dataDir: config.dataDir,
    secret: config.secret,
    auditAnchorFile: config.auditAnchorFile,
    toolEnv: config.toolEnv,
    clock: systemClock,
    dir: path.resolve(dir),
    force: values.force,
    fileStore: config.fileStore,
  });
  out(
    `Restored the backup of ${result.manifest.createdAt} (${result.manifest.dialect}) in ${(result.ms / 1000).toFixed(1)} s.`,
  );
  for (const moved of result.movedAside) out(`  moved aside  ${moved}`);
  out(`  audit chain  ${result.auditRows} rows intact, ${result.anchorsChecked} anchors match`);
  out(
    `  field key    ${result.identityChecked === null ? 'no identity data stored to decrypt' : `a stored ${result.identityChecked === 'idNumber' ? 'ID number' : 'phone'} decrypts`}`,
  );
  out(`  attachments  ${result.attachments} files present`);
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === 'classify' || command === 'repeats') return textCommand(command, argv.slice(1));
  const config = loadConfig(readVersion());
  if (command === 'migrate') {
    return withDatabase(config, async (database) => {
      out(`Schema is up to date (${database.dialect}).`);
      return 0;
    });
  }
  if (command === 'admin' && sub === 'create') return adminCreate(config, rest);
  if (command === 'backup') return backupCommand(config, argv.slice(1));
  if (command === 'restore') return restoreCommand(config, argv.slice(1));
  if (command === 'audit' && sub === 'verify') return auditVerify(config, rest);
  if (command === 'rollup' && sub === 'rebuild') {
    return withDatabase(config, async (database) => {
      const started = Date.now();
      const { rows } = await rebuildRollup(database.db, database.dialect);
      out(`Rollup rebuilt: ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.dialect}).`);
      return 0;
    });
  }
  out(USAGE);
  return 2;
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof BackupError || error instanceof FieldKeyMismatchError)
      process.stderr.write(`${error.message}\n`);
    else if (error instanceof DomainError) process.stderr.write(`${error.code}: ${error.message}\n`);
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
