/**
 * pg_dump and pg_restore for backup and restore on PostgreSQL. The password of DATABASE_URL goes to
 * them as PGPASSWORD, never on the command line (where `ps` would show it); the rest of their
 * environment is the allowlist of `Config.toolEnv`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackupError } from './backup-manifest.ts';

export type PgTarget = {
  /** DATABASE_URL without `?schema=` (as `parseDatabaseUrl` leaves it). */
  url: string;
  /** The schema the application lives in; null = public. */
  schema: string | null;
  toolEnv: Readonly<Record<string, string>>;
};

/** The connection URI without its password, and the environment carrying the password. */
function connection(target: PgTarget): { uri: string; env: Record<string, string> } {
  const url = new URL(target.url);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: Record<string, string> = { ...target.toolEnv };
  if (password !== '') env.PGPASSWORD = password;
  return { uri: url.toString(), env };
}

/** Run a PostgreSQL client tool; its stderr's last lines become the error. */
function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${command} was not found on PATH: install the PostgreSQL client tools (the server's major version or newer)`
            : `${command} could not start: ${error.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          new BackupError(
            `${command} failed (exit ${String(code)}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
    });
  });
}

/**
 * Dump the application's schema in custom format, as of an exported snapshot, so the dump and the
 * manifest's audit head read the same moment.
 */
export async function pgDump(target: PgTarget, snapshot: string, file: string): Promise<void> {
  const { uri, env } = connection(target);
  await run(
    'pg_dump',
    [
      '--format=custom',
      '--no-password',
      `--snapshot=${snapshot}`,
      `--schema=${target.schema ?? 'public'}`,
      `--file=${file}`,
      `--dbname=${uri}`,
    ],
    env,
  );
}

/**
 * Restore a custom-format dump into the target's schema, which must exist and be empty. The dump's
 * own CREATE SCHEMA (and COMMENT on public) are left out: the schema is created beforehand, and
 * on PostgreSQL 15 public always exists and belongs to the database owner.
 */
export async function pgRestore(target: PgTarget, file: string): Promise<void> {
  const { uri, env } = connection(target);
  const list = await run('pg_restore', ['--list', file], env);
  const kept = list
    .split('\n')
    .filter((line) => !/^\d+; \d+ \d+ (SCHEMA - |COMMENT - SCHEMA )/.test(line))
    .join('\n');
  // Beside the dump would need a writable backup directory; a private temporary one does not.
  const listDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-restore-'));
  const listFile = path.join(listDir, 'restore.list');
  fs.writeFileSync(listFile, kept);
  try {
    await run(
      'pg_restore',
      [
        '--no-owner',
        '--no-acl',
        '--no-password',
        '--exit-on-error',
        '--single-transaction',
        `--use-list=${listFile}`,
        `--dbname=${uri}`,
        file,
      ],
      env,
    );
  } finally {
    fs.rmSync(listDir, { recursive: true, force: true });
  }
}
