/**
 * Where a registration's CPU goes (issue #20): the server's CPU profile under the registration load,
 * self time grouped by part (fastify, session, CSRF, zod, the engine's statements, jieba, the
 * classifier, audit hashing, serialization, logging …), as ms of CPU per registration. Printed, never
 * asserted.
 *   node --import tsx bench/registration-profile.ts      (BENCH_REGISTRATIONS, default 2,000)
 * Two runs: the real server process under HTTP load (`node --cpu-prof`, 10 connections), and the app
 * booted in this process answering app.inject (the V8 profiler through node:inspector). With
 * BENCH_DATABASE_URL the server of both is on PostgreSQL.
 * BENCH_PROFILE_TOP=<n> also prints the n hottest functions by self time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Profiler } from 'node:inspector';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../server/db/schema.ts';
import { load, table } from './support.ts';

process.env.BENCH_NO_MAIN = '1';
const { startServer, registerBody } = await import('./petition.bench.ts');

const COUNT = Number(process.env.BENCH_REGISTRATIONS ?? 2_000);
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 0);

/** The part a frame belongs to, or null to look at its caller (Node internals, glue). First match wins. */
const PARTS: [string, (url: string, fn: string) => boolean][] = [
  ['GC', (_u, f) => f === '(garbage collector)'],
  ['idle', (_u, f) => f === '(idle)'],
  ['(program: native, not JS)', (_u, f) => f === '(program)'],
  [
    'logging (pino)',
    (u) => /node_modules\/(pino|thread-stream|sonic-boom|fast-redact)/.test(u) || u.includes('/platform/logger'),
  ],
  ['zod (parse, response check)', (u) => /node_modules\/(zod|fastify-type-provider-zod)\//.test(u)],
  [
    'response serialization',
    (u) => /node_modules\/(fast-json-stringify|@fastify\/fast-json-stringify-compiler)/.test(u),
  ],
  [
    'SQLite (better-sqlite3, driver)',
    (u, f) =>
      u.includes('better-sqlite3') ||
      /sqlite-driver|sqlite-connection/.test(u) ||
      (u === '' && /^(run|all|get|iterate|prepare|exec|pragma)$/.test(f)),
  ],
  [
    'PostgreSQL (pg driver)',
    (u) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|pg-cursor)\//.test(u) || u.includes('postgres-driver'),
  ],
  ['kysely (build, compile)', (u) => u.includes('node_modules/kysely/')],
  ['statement cache / routing (server/db)', (u) => u.includes('/server/db/')],
  ['jieba (segment)', (u) => u.includes('@node-rs/jieba') || u.includes('/server/text/segment')],
  ['text normalise', (u) => u.includes('/server/text/normalise')],
  ['shingles, MinHash, LSH', (u) => /\/server\/text\/(minhash|lsh|repeats)/.test(u)],
  ['classifier predict', (u) => u.includes('/server/text/classifier')],
  ['search index / fingerprints (text module)', (u) => u.includes('/server/modules/text/')],
  ['audit (hash chain)', (u) => u.includes('/server/platform/audit')],
  ['field encryption, blind index', (u) => u.includes('/server/platform/crypto')],
  ['session / auth lookup', (u) => u.includes('/server/modules/auth/') || u.includes('/server/platform/auth')],
  ['input guard', (u) => u.includes('/server/platform/input-guard')],
  ['rate limit', (u) => u.includes('rate-limit')],
  ['cookies', (u) => u.includes('@fastify/cookie') || u.includes('node_modules/cookie')],
  [
    'fastify core (routing, hooks, reply)',
    (u) => /node_modules\/(fastify|find-my-way|light-my-request|avvio|@fastify\/)/.test(u),
  ],
  ['risk, deadlines, rules (common/domain)', (u) => u.includes('/common/domain/')],
  ['petition engine', (u) => u.includes('/server/modules/petition/petition-engine')],
  ['petition read / view', (u) => u.includes('/server/modules/petition/')],
  ['intake / registration', (u) => u.includes('/server/modules/intake/')],
  ['rollup', (u) => u.includes('/server/modules/rollup/')],
  ['notification', (u) => u.includes('/server/modules/notification/')],
  ['petitioner', (u) => u.includes('/server/modules/petitioner/')],
  ['warning (risk facts)', (u) => u.includes('/server/modules/warning/')],
  ['other app modules', (u) => u.includes('/server/') || u.includes('/common/')],
  ['tsx loader', (u) => u.includes('node_modules/tsx/')],
  ['other node_modules', (u) => u.includes('node_modules/')],
];

/** ms of CPU per part in a profile: each sample to the innermost frame that names a part. */
function breakdown(profile: Profiler.Profile, per: number): { rows: Record<string, string | number>[]; top: string[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = partOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    let part = 'node internals (http, streams, timers)';
    if (node !== undefined) {
      const found = PARTS.find(([, test]) => test(node.callFrame.url, node.callFrame.functionName));
      if (found !== undefined) part = found[0];
      else {
        const up = parent.get(id);
        if (up !== undefined && byId.get(up)?.callFrame.functionName !== '(root)') part = resolve(up);
      }
    }
    partOf.set(id, part);
    return part;
  };
  const totals = new Map<string, number>();
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] ?? 0;
    const ms = (deltas[i] ?? 0) / 1000;
    const part = resolve(id);
    totals.set(part, (totals.get(part) ?? 0) + ms);
    const frame = byId.get(id)?.callFrame;
    if (frame !== undefined) {
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|server|common)\//, '$1/')}:${frame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + ms);
    }
  }
  const busy = [...totals].filter(([part]) => part !== 'idle').reduce((sum, [, ms]) => sum + ms, 0);
  const rows = [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([part, ms]) => ({
      part,
      'ms / registration': (ms / per).toFixed(3),
      'share of busy': part === 'idle' ? '—' : `${((100 * ms) / busy).toFixed(1)} %`,
    }));
  rows.push({ part: 'busy (all but idle)', 'ms / registration': (busy / per).toFixed(3), 'share of busy': '100 %' });
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([key, ms]) => `${(ms / per).toFixed(3).padStart(7)} ms  ${key}`);
  return { rows, top };
}

/** On PostgreSQL (BENCH_DATABASE_URL): a schema of this run's own, dropped by dropSchema. */
function serverEnv(name: string): NodeJS.ProcessEnv | undefined {
  const url = process.env.BENCH_DATABASE_URL;
  if (url === undefined) return undefined;
  const schema = new URL(url);
  schema.searchParams.set('schema', `bench_profile_${name}_${process.pid}`);
  return { DATABASE_URL: schema.toString() };
}

async function dropSchema(name: string): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url === undefined) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists bench_profile_${name}_${process.pid} cascade`);
  await client.end();
}

/** The real server process under `node --cpu-prof`, COUNT registrations at 10 connections. */
async function overHttp(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-profile-'));
  const env = serverEnv('http');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-profile-data-'));
  const server = await startServer(3921, undefined, { dataDir, env: env ?? {} }, [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
  ]);
  let n = 0;
  // A warm-up, then the measured registrations.
  await load({
    url: server.url,
    connections: 10,
    amount: 200,
    requests: [{ method: 'POST', headers: server.headers, setupRequest: (r) => ({ ...r, body: registerBody(++n) }) }],
  });
  const t = performance.now();
  const result = await load({
    url: server.url,
    connections: 10,
    amount: COUNT,
    requests: [{ method: 'POST', headers: server.headers, setupRequest: (r) => ({ ...r, body: registerBody(++n) }) }],
  });
  const seconds = (performance.now() - t) / 1000;
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dropSchema('http');
  // The node process (not the npm/tsx relay) writes one profile on exit; take the largest.
  const files = fs
    .readdirSync(dir)
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  const profile = JSON.parse(fs.readFileSync(files[0] ?? '', 'utf8')) as Profiler.Profile;
  fs.rmSync(dir, { recursive: true, force: true });
  const registrations = COUNT + 200 + 2; // the warm-up's run in the profile too (and two log-in round trips)
  const { rows, top } = breakdown(profile, registrations);
  process.stdout.write(
    `\nServer process under HTTP load (${env === undefined ? 'SQLite' : 'PostgreSQL'}): ${COUNT} registrations at 10 connections in ${seconds.toFixed(1)} s ` +
      `(${Math.round(COUNT / seconds)}/s under the profiler, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors + result.non2xx}); ` +
      `the whole process's profile (boot included) per registration\n\n${table(rows)}\n`,
  );
  if (top.length > 0) process.stdout.write(`\nHottest functions (self time, ms per registration)\n${top.join('\n')}\n`);
}

/**
 * Time every better-sqlite3 statement by its text (the prototype wrapped before the app opens its
 * connection): where the driver's time goes, statement by statement. SQLite only.
 */
function timeStatements(): {
  reset: () => void;
  commits: () => string;
  rows: (per: number) => Record<string, string | number>[];
} {
  const require = createRequire(import.meta.url);
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  const probe = new Sqlite(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  const spent = new Map<string, { ms: number; calls: number }>();
  const commits: number[] = [];
  for (const method of ['run', 'all', 'get']) {
    const original = proto[method] as (...args: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const t = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = this.source.replace(/\s+/g, ' ').slice(0, 150);
        const entry = spent.get(key) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - t;
        if (key === 'commit') commits.push(performance.now() - t);
        entry.calls += 1;
        spent.set(key, entry);
      }
    };
  }
  return {
    reset: () => {
      spent.clear();
      commits.length = 0;
    },
    commits: () => {
      const sorted = [...commits].sort((a, b) => a - b);
      const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(3);
      return `commit p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`;
    },
    rows: (per) =>
      [...spent]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 25)
        .map(([statement, { ms, calls }]) => ({
          'ms / registration': (ms / per).toFixed(3),
          'calls / registration': (calls / per).toFixed(2),
          statement,
        })),
  };
}

/**
 * What a registration writes to SQLite's write-ahead log, by b-tree: the WAL truncated, 200
 * registrations with no checkpoint, each frame's page mapped to its table or index (dbstat).
 * Every frame is a 4 KiB page the commit writes (and the checkpoint copies again).
 */
async function walPagesPerRegistration(
  db: Kysely<DB>,
  file: string | undefined,
  register: () => Promise<void>,
): Promise<string> {
  if (file === undefined || file === ':memory:') return '';
  const runs = 200;
  await sql`pragma wal_autocheckpoint = 0`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  for (let i = 0; i < runs; i++) await register();
  const wal = fs.readFileSync(`${file}-wal`);
  const pageSize = wal.readUInt32BE(8);
  const frames = new Map<number, number>();
  let total = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    const page = wal.readUInt32BE(at);
    frames.set(page, (frames.get(page) ?? 0) + 1);
    total += 1;
  }
  const pages = await sql<{ name: string; pageno: number }>`select name, pageno from dbstat`.execute(db);
  const byTree = new Map<string, number>();
  for (const { name, pageno } of pages.rows) {
    const n = frames.get(pageno);
    if (n !== undefined) byTree.set(name, (byTree.get(name) ?? 0) + n);
  }
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  const top = [...byTree].sort((a, b) => b[1] - a[1]);
  const shown = top.slice(0, 8).map(([name, n]) => `${name} ${(n / runs).toFixed(1)}`);
  const rest = top.slice(8).reduce((sum, [, n]) => sum + n, 0);
  return (
    `\nWAL per registration (${runs} registrations, no checkpoint): ${(total / runs).toFixed(1)} pages of ${pageSize} B = ` +
    `${((total * pageSize) / runs / 1024).toFixed(0)} KiB; by b-tree: ${shown.join(', ')}, ` +
    `${top.length - 8} others ${(rest / runs).toFixed(1)}\n`
  );
}

/** The app in this process, COUNT registrations through app.inject, profiled through node:inspector. */
async function inProcess(): Promise<void> {
  const { loadConfig } = await import('../server/config.ts');
  const { boot } = await import('../server/boot.ts');
  const { buildApp } = await import('../server/app.ts');
  const { createLogger } = await import('../server/platform/logger.ts');
  const { systemClock } = await import('../server/platform/clock.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-profile-inject-'));
  const config = loadConfig('bench', {
    XINFANG_DATA_DIR: dataDir,
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
    ...serverEnv('inject'),
  });
  const logger = createLogger(config);
  const statements = timeStatements();
  const { database, deps } = await boot(config, logger);
  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    ids: deps.ids,
    logger,
    hasher: deps.hasher,
    cipher: deps.cipher,
    outbound: deps.outbound,
  });
  await app.ready();
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'officer', password: 'xinfang-demo-2026' },
    });
    const cookie = login.headers['set-cookie'];
    const headers = {
      'content-type': 'application/json',
      cookie: ((Array.isArray(cookie) ? cookie[0] : cookie) ?? '').split(';')[0] ?? '',
      'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    };
    let n = 1_000_000;
    const register = async () => {
      const response = await app.inject({ method: 'POST', url: '/api/petitions', headers, payload: registerBody(++n) });
      if (response.statusCode !== 200) throw new Error(`registration failed: ${response.body}`);
    };
    for (let i = 0; i < 200; i++) await register(); // warm-up
    statements.reset();
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < COUNT; i++) await register();
    const wall = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const { profile } = await session.post('Profiler.stop');
    const timed = statements.rows(COUNT);
    session.disconnect();
    const { rows, top } = breakdown(profile, COUNT);
    process.stdout.write(
      `\nIn process through app.inject (${database.dialect}), one at a time: ${COUNT} registrations, ${(wall / COUNT).toFixed(2)} ms wall and ` +
        `${((used.user + used.system) / 1000 / COUNT).toFixed(2)} ms CPU each (process.cpuUsage)\n\n${table(rows)}\n`,
    );
    if (top.length > 0)
      process.stdout.write(`\nHottest functions (self time, ms per registration)\n${top.join('\n')}\n`);
    if (database.dialect === 'sqlite')
      process.stdout.write(
        await walPagesPerRegistration(
          deps.db,
          config.database.dialect === 'sqlite' ? config.database.file : undefined,
          register,
        ),
      );
    if (database.dialect === 'sqlite')
      process.stdout.write(
        `\nSQLite statements by time (wall, under the profiler; ${statements.commits()})\n\n${table(timed)}\n`,
      );
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropSchema('inject');
  }
}

const which = process.env.BENCH_PROFILE ?? 'http,inject';
if (which.includes('inject')) await inProcess();
if (which.includes('http')) await overHttp();
