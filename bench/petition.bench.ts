/**
 * Petition figures, printed (never asserted):
 *  1. POST /api/petitions over HTTP (register: validation, encryption, flags, events, audit, one
 *     transaction) beside a bare node:http server answering the same request with a fixed body.
 *  2. The petition list query (scope + filters + paging, as GET /api/petitions runs it) over a
 *     database holding 100,000 petitions of the demo enterprise, p50/p95 per filter.
 *   npm run bench:petition      (BENCH_SECONDS, BENCH_PETITIONS to change the sizes;
 *   BENCH_BASELINE_DIR=<a worktree of an earlier commit> measures its registration beside this one)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/config.ts';
import { boot } from '../server/boot.ts';
import { createLogger } from '../server/platform/logger.ts';
import { type PetitionDeps } from '../server/modules/petition/index.ts';
import { listPetitions } from '../server/modules/ledger/index.ts';
import { LEADER_ROLES, type Actor } from '../common/domain/access.ts';
import { PETITION_STATES } from '../common/domain/petition-state.ts';
import { PETITION_TYPES } from '../common/domain/deadlines.ts';
import { CHANNELS } from '../common/schemas/petition.ts';
import { actorOf, load, percentile, processCpuMs, rssMib, startProcess, syntheticPetition, table } from './support.ts';
import pg from 'pg';
import { concurrentRegistration, inProcessRegistration, statementCounts } from './statements.ts';
import { CALENDAR_KEPT_MS } from '../server/modules/calendar/index.ts';
import { filesystemStore } from '../server/platform/file-store.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PETITIONS = Number(process.env.BENCH_PETITIONS ?? 100_000);
const PASSWORD = 'xinfang-demo-2026';

/** A registration as an officer enters it; each request a different worker (phone), as in real use. */
export function registerBody(n: number): string {
  return JSON.stringify({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '综采一队加班工资未发放',
    body: '本人系综采一队职工，2026年1月至2月加班工资未按时发放，请求核实补发。',
    petitioners: [
      { name: '王某', phone: `139${String(10_000_000 + (n % 80_000_000)).padStart(8, '0')}`, identity: 'employee' },
    ],
  });
}
let sequence = 0;

/**
 * Checkouts of earlier commits to measure beside this one in the same run (same machine, same
 * minute): `BENCH_BASELINE_DIR=/path/to/worktree[,/another]` (node_modules installed), e.g. cd59c03.
 */
const BASELINE_DIRS = (process.env.BENCH_BASELINE_DIR ?? '').split(',').filter((dir) => dir !== '');

/**
 * Start a server from `cwd` (this checkout when undefined) on its own demo data, logged in as the officer.
 * `existing`: the data directory (and environment) of a database already filled (bench:scale); it is kept.
 * `nodeArgs`: before the script (the profile's `--cpu-prof`).
 */
export async function startServer(
  port: number,
  cwd?: string,
  existing?: { dataDir: string; env: NodeJS.ProcessEnv },
  nodeArgs: string[] = [],
) {
  const dataDir = existing?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-'));
  const server = await startProcess(
    'node',
    [...nodeArgs, '--import', 'tsx', 'server/main.ts'],
    {
      PORT: String(port),
      XINFANG_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      XINFANG_PASSWORD_MEMORY_KIB: '1024',
      ...existing?.env,
    },
    `http://127.0.0.1:${port}/api/health`,
    cwd,
    existing === undefined ? 60_000 : 1_800_000,
  );
  const login = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer', password: PASSWORD }),
  });
  const session = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  return {
    ...server,
    url: `http://127.0.0.1:${port}/api/petitions`,
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
    close: async () => {
      await server.stop();
      if (existing === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The environment of a bench server on PostgreSQL (BENCH_DATABASE_URL): a schema of its own, made by
 * its migrations and dropped by `dropSchema` when the bench ends. Undefined on SQLite.
 */
function postgresEnv(name: string): { env: NodeJS.ProcessEnv; schema: string } | undefined {
  const url = process.env.BENCH_DATABASE_URL;
  if (url === undefined) return undefined;
  const schema = `bench_petition_${name}_${process.pid}`;
  const withSchema = new URL(url);
  withSchema.searchParams.set('schema', schema);
  return { env: { DATABASE_URL: withSchema.toString() }, schema };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** A server on its own demo data: on SQLite in a temporary directory, or on PostgreSQL in a schema of its own. */
async function benchServer(port: number, name: string, cwd?: string) {
  const postgres = postgresEnv(name);
  if (postgres === undefined) return startServer(port, cwd);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-'));
  const server = await startServer(port, cwd, { dataDir, env: postgres.env });
  return {
    ...server,
    close: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await dropSchema(postgres.schema);
    },
  };
}

async function httpRegister(): Promise<Record<string, string | number>[]> {
  const current = await benchServer(3911, 'current');
  const baselines = [];
  for (const [i, dir] of BASELINE_DIRS.entries())
    baselines.push({ dir, server: await benchServer(3913 + 2 * i, `baseline${i}`, dir) });
  const bare = await startProcess('node', ['bench/bare-http.mjs', '3912'], {}, 'http://127.0.0.1:3912/');
  try {
    const targets = [
      { name: 'node:http POST (floor)', url: 'http://127.0.0.1:3912/', headers: current.headers, child: bare.child },
      { name: 'xinfang POST /api/petitions', url: current.url, headers: current.headers, child: current.child },
      ...baselines.map(({ dir, server }) => ({
        name: `the same at ${path.basename(dir)}`,
        url: server.url,
        headers: server.headers,
        child: server.child,
      })),
    ];
    const rows: Record<string, string | number>[] = [];
    for (const target of targets) {
      const cpuBefore = processCpuMs(target.child.pid ?? 0);
      const result = await load({
        url: target.url,
        connections: 10,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            headers: target.headers,
            setupRequest: (request) => ({ ...request, body: registerBody(++sequence) }),
          },
        ],
      });
      const cpu = processCpuMs(target.child.pid ?? 0) - cpuBefore;
      rows.push({
        target: target.name,
        'req/s': result.requestsPerSecond,
        'p50 ms': result.p50.toFixed(2),
        'p95 ms': result.p95.toFixed(2),
        'p99 ms': result.p99.toFixed(2),
        // The server process's CPU time (user + system) over the run, per response: what one core can do.
        'server CPU ms/req': result.requests === 0 ? '—' : (cpu / result.requests).toFixed(2),
        'rss MiB': rssMib(target.child.pid ?? 0).toFixed(1),
        errors: result.errors + result.non2xx,
      });
    }
    return rows;
  } finally {
    await current.close();
    for (const { server } of baselines) await server.close();
    await bare.stop();
  }
}

/** Insert `count` petitions straight into the tables (the list query reads only these columns). */
async function fill(deps: PetitionDeps, count: number): Promise<void> {
  const units = await deps.db
    .selectFrom('unit')
    .select(['id', 'kind'])
    .where('kind', 'in', ['district_team', 'department'])
    .execute();
  const root = await deps.db.selectFrom('unit').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const officer = await deps.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'officer')
    .executeTakeFirstOrThrow();
  const leaders = await deps.db.selectFrom('app_user').select('id').where('role', 'in', LEADER_ROLES).execute();
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const start = Date.parse('2025-01-01T00:00:00Z');
  const batch = 500;
  for (let offset = 0; offset < count; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(count, offset + batch); i++) {
      const received = new Date(
        start + Math.floor(random() * 700) * 86_400_000 + Math.floor(random() * 86_400_000),
      ).toISOString();
      const state = pick(PETITION_STATES);
      const handled = state !== 'registered' && state !== 'triaged';
      rows.push(
        syntheticPetition(i, {
          id: `B${String(i).padStart(9, '0')}`,
          case_number: `XF-B-${i}`,
          state,
          channel: pick(CHANNELS),
          type: pick(PETITION_TYPES),
          category_code: `0${1 + Math.floor(random() * 9)}0${1 + Math.floor(random() * 4)}`,
          received_at: received,
          registered_by: officer.id,
          registered_unit_id: root.id,
          handling_unit_id: handled ? pick(units).id : null,
          owner_id: handled && random() < 0.7 ? pick(leaders).id : null,
          is_anonymous: random() < 0.1 ? 1 : 0,
          headcount: 1,
          is_group: random() < 0.05 ? 1 : 0,
          is_skip_level: random() < 0.05 ? 1 : 0,
          is_repeat: random() < 0.2 ? 1 : 0,
          satisfaction: null,
          supervision_level: random() < 0.03 ? ('supervised' as const) : null,
          due_date: new Date(Date.parse(received) + 60 * 86_400_000).toISOString().slice(0, 10),
          due_kind: 'conclusion',
        }),
      );
    }
    await deps.db.insertInto('petition').values(rows).execute();
  }
}

async function listQueries(): Promise<{
  rows: Record<string, string | number>[];
  dialect: string;
  fillSeconds: number;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-list-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XINFANG_DATA_DIR: dataDir,
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
  };
  // PostgreSQL: a schema of its own (dropped after), as the HTTP servers'.
  const postgres = postgresEnv('list');
  if (postgres !== undefined) Object.assign(env, postgres.env);
  const config = loadConfig('bench', env);
  const booted = await boot(config, createLogger({ logLevel: 'warn' }));
  const deps: PetitionDeps = {
    ...booted.deps,
    cipher: booted.cipher,
    files: filesystemStore(path.join(dataDir, 'attachments')),
  };
  try {
    const t0 = performance.now();
    await fill(deps, PETITIONS);
    const fillSeconds = (performance.now() - t0) / 1000;
    const officer = await actorOf(deps, 'officer');
    const mineOfficer = await actorOf(deps, 'dongshan.officer');
    const handler = await actorOf(deps, 'dongshan.hr');
    const cases: [string, Actor, Parameters<typeof listPetitions>[2]][] = [
      ['group officer, newest 20', officer, {}],
      ['group officer, page 200', officer, { page: 200 }],
      ['group officer, open, by due date', officer, { open: 'true', sort: 'due_asc' }],
      ['group officer, overdue', officer, { overdue: 'true' }],
      [
        'group officer, channel + month',
        officer,
        { channel: 'visit', receivedFrom: '2025-06-01', receivedTo: '2025-06-30' },
      ],
      ['mine officer (subtree), newest 20', mineOfficer, {}],
      ['handler (own unit), newest 20', handler, {}],
    ];
    const rows: Record<string, string | number>[] = [];
    for (const [label, actor, query] of cases) {
      for (let i = 0; i < 3; i++) await listPetitions(deps, actor, query); // warm-up
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        total = (await listPetitions(deps, actor, query)).total;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      rows.push({
        query: label,
        matches: total,
        'p50 ms': percentile(times, 50).toFixed(1),
        'p95 ms': percentile(times, 95).toFixed(1),
      });
    }
    return { rows, dialect: deps.dialect, fillSeconds };
  } finally {
    await booted.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (postgres !== undefined) await dropSchema(postgres.schema);
  }
}

/**
 * The same counts at cd59c03, before the one write path (issue #12), taken with the same counter in
 * a worktree of that commit: the code they measured is gone, so they are recorded, not re-run.
 */
const STATEMENTS_BEFORE: Record<string, number> = {
  // The same registration as then: its text a likely repeat of the one before (the bench's loop).
  'registerPetition (a likely repeat': 35,
  triagePetition: 30,
  addNote: 30,
};

async function main(): Promise<void> {
  const counts = await statementCounts();
  process.stdout.write(
    `\nSQL statements per use case (executed, counted by a Kysely plugin; the response view included; the working-day\ncalendar is read once per ${CALENDAR_KEPT_MS / 1000} s per instance, so not in these)\n\n${table(
      counts.map((row) => {
        const useCase = String(row['use case']);
        const before = Object.entries(STATEMENTS_BEFORE).find(([key]) => useCase.startsWith(key))?.[1];
        return { ...row, 'at cd59c03': before ?? '—' };
      }),
    )}\n`,
  );
  const inProcess = await inProcessRegistration();
  process.stdout.write(
    `\nPOST /api/petitions's use case in process (registerAtIntake, one at a time, the same text each time: a likely repeat; ` +
      `${inProcess.runs} after ${inProcess.warmUp} warm-up; wall and the process's CPU time)\n\n${table(inProcess.rows)}\n`,
  );
  if (process.env.BENCH_DATABASE_URL === undefined) {
    const repeats = await concurrentRegistration(false);
    const distinct = await concurrentRegistration(true);
    process.stdout.write(
      `\nThe same in process, ten at a time (${repeats.runs} each way, alternated in 3 rounds; a likely repeat each time, ` +
        `then each a matter of its own; CPU and WAL per registration)\n\n${table([...repeats.rows, ...distinct.rows])}\n`,
    );
  }
  const register = await httpRegister();
  process.stdout.write(
    `\nRegister a petition over HTTP — 10 connections, ${SECONDS} s each, loopback, ${os.cpus().length} cores, ` +
      `server on ${process.env.BENCH_DATABASE_URL === undefined ? 'SQLite' : 'PostgreSQL (BENCH_DATABASE_URL)'}\n\n${table(register)}\n`,
  );
  const list = await listQueries();
  process.stdout.write(
    `\nPetition list query (count + page of 20, scope and recusal applied) over ${PETITIONS.toLocaleString('en')} petitions on ${list.dialect}` +
      ` (filled in ${list.fillSeconds.toFixed(1)} s), 30 runs each\n\n${table(list.rows)}\n`,
  );
}

if (process.env.BENCH_NO_MAIN !== '1') void main();
