/** Shared bench plumbing: start a server process, wait for it, measure with autocannon, read its memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import type { Actor } from '../common/domain/access.ts';
import type { DB, PetitionTable } from '../server/db/schema.ts';
import { insertFingerprints } from '../server/modules/text/index.ts';
import { xlsxTable, xlsxWorkbook } from '../server/modules/ledger/ledger-xlsx.ts';

export type Started = { child: ChildProcess; stop: () => Promise<void> };

export async function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl: string,
  cwd?: string,
  readyWithinMs = 60_000,
): Promise<Started> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    ...(cwd === undefined ? {} : { cwd }),
  });
  child.stdout.resume();
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    try {
      const response = await fetch(readyUrl);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${command} did not become ready at ${readyUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process and its children, in MiB (Linux /proc). */
export function rssMib(pid: number): number {
  const pids = [pid, ...childPids(pid)];
  let kib = 0;
  for (const p of pids) {
    const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)/.exec(status);
    kib += Number(match?.[1] ?? 0);
  }
  return kib / 1024;
}

function childPids(pid: number): number[] {
  try {
    const direct = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return direct.flatMap((c) => [c, ...childPids(c)]);
  } catch {
    return [];
  }
}

export type Load = {
  requestsPerSecond: number;
  /** Responses received (every response time measured). */
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
};

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; 0 where it cannot be read). */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** Percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/** Run autocannon and compute exact latency percentiles from every response time. */
export async function load(options: autocannon.Options): Promise<Load> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => {
      if (error === null || error === undefined) resolve(finished);
      else reject(error instanceof Error ? error : new Error('autocannon failed'));
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    requests: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function table(rows: Record<string, string | number>[]): string {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [
    line(headers),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(headers.map((h) => String(r[h])))),
  ].join('\n');
}

/** The columns every synthetic petition shares; a bench gives what its figures depend on. */
type SyntheticFixed =
  | 'event_seq'
  | 'policy_json'
  | 'tracking_code_hash'
  | 'purpose'
  | 'title'
  | 'body'
  | 'owner_confirmed_at'
  | 'handler_id'
  | 'representative_count'
  | 'is_first'
  | 'repeat_of_id'
  | 'reply_result'
  | 'outcomes'
  | 'risk_score'
  | 'risk_level'
  | 'risk_json'
  | 'acceptance_due'
  | 'acceptance_status'
  | 'conclusion_due'
  | 'conclusion_status'
  | 'referral_due'
  | 'referral_status'
  | 'ownership_due'
  | 'ownership_status'
  | 'review_unit_id'
  | 'version'
  | 'created_at'
  | 'updated_at';

/** A petition row for bulk-filling a bench database (not through the services: fast, fixed fields). */
export function syntheticPetition(
  i: number,
  fields: Omit<PetitionTable, SyntheticFixed> & Partial<Pick<PetitionTable, SyntheticFixed>>,
): PetitionTable {
  return {
    event_seq: 0,
    policy_json: null,
    tracking_code_hash: 'x'.repeat(64),
    purpose: 'request',
    title: `事项${i}`,
    body: '内容',
    owner_confirmed_at: null,
    handler_id: null,
    representative_count: 0,
    is_first: 1,
    repeat_of_id: null,
    reply_result: null,
    outcomes: null,
    risk_score: 0,
    risk_level: 'none',
    risk_json: '[]',
    acceptance_due: null,
    acceptance_status: null,
    conclusion_due: null,
    conclusion_status: null,
    referral_due: null,
    referral_status: null,
    ownership_due: null,
    ownership_status: null,
    review_unit_id: null,
    version: 1,
    created_at: fields.received_at,
    updated_at: fields.received_at,
    ...fields,
  };
}

/**
 * The repeat fingerprints registration writes for every petition (server/modules/text), for the
 * petitions that have none, 5,000 per transaction walking the ids forward. A bench database
 * without them would have the server fingerprint every row at its next start (ensureRepeatIndex),
 * so a kept database could not be reused quickly.
 */
export async function fillFingerprints(db: Kysely<DB>): Promise<number> {
  let after = '';
  let written = 0;
  for (;;) {
    const rows = await db
      .selectFrom('petition')
      .leftJoin('petition_fingerprint', 'petition_fingerprint.petition_id', 'petition.id')
      .select(['petition.id', 'petition.title', 'petition.body'])
      .where('petition.id', '>', after)
      .where('petition_fingerprint.petition_id', 'is', null)
      .orderBy('petition.id')
      .limit(5_000)
      .execute();
    const last = rows.at(-1);
    if (last === undefined) return written;
    await db.transaction().execute((trx) => insertFingerprints(trx, rows, { replace: false }));
    written += rows.length;
    after = last.id;
  }
}

/** The user `username` as an actor of the services (id, role, unit and its path), for a bench that calls them in process. */
export async function actorOf({ db }: { db: Kysely<DB> }, username: string): Promise<Actor> {
  const user = await db
    .selectFrom('app_user')
    .innerJoin('unit', 'unit.id', 'app_user.unit_id')
    .select(['app_user.id', 'app_user.role', 'app_user.unit_id', 'unit.path'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { id: user.id, role: user.role, unitId: user.unit_id, unitPath: user.path };
}

/**
 * A ledger workbook of `count` rows (`rowOf(1)` … `rowOf(count)`) under `headers`, written by the
 * ledger's own streaming writer (the second column a date), for the import benches.
 */
export async function writeLedgerWorkbook(
  file: string,
  headers: readonly string[],
  count: number,
  rowOf: (n: number) => (string | number | Date)[],
): Promise<void> {
  const out = fs.createWriteStream(file);
  const finished = once(out, 'finish');
  const workbook = xlsxWorkbook(out);
  const sheet = xlsxTable(
    workbook,
    '台账',
    headers.map((h, i) => ({ header: h, key: String(i), width: 14, ...(i === 1 ? { numFmt: 'yyyy-mm-dd' } : {}) })),
  );
  for (let n = 1; n <= count; n++) {
    sheet.addRow(rowOf(n));
    if (n % 1000 === 0) await workbook.drain();
  }
  sheet.commit();
  await workbook.commit();
  await finished;
}
