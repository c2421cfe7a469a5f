/**
 * Soak, printed (never asserted; issue #20): the real server under a mixed load for
 * BENCH_SOAK_MINUTES (default 30), a line per 30-s window — the server's RSS and CPU time, req/s,
 * p50/p95/p99 per kind of request, the slowest /api/health of a prober asking every 100 ms (a
 * request stalled by a scheduled job shows there) — then the checks: every acknowledged
 * registration stored exactly once, p95 at the end against the start, and a SIGTERM to the server's
 * process group: it drains, logs "stopped", and leaves no SQLite WAL behind.
 *
 * Six clients, each one request after another: two register (one ordinary, varied texts; one the same
 * wage complaint from ever new workers — thirty workers filing the same complaint is normal, and its
 * cost must not grow with the complaints that resemble it), one reads lists (newest, overdue, q=工资,
 * a later page), one opens case pages, one the dashboard (month, year), one runs verbs (研判, a note)
 * on the petitions the bench registered.
 *   npm run bench:soak     BENCH_SOAK_MINUTES (30), BENCH_WINDOW_SECONDS (30),
 *                          BENCH_DATA_DIR=<a data directory holding a filled xinfang.db and its
 *                          secret.key> starts on a COPY of it (bench:scale, bench:dashboard fill one),
 *                          else on a fresh demo enterprise; BENCH_DATABASE_URL runs the server on PostgreSQL
 *                          (a fresh schema `bench_soak`), BENCH_PORT (3960), BENCH_SOAK_LISTS (newest,overdue,
 *                          q,page,due: the list queries cycled; fewer shows which one holds the others up)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { percentile, rssMib, table } from './support.ts';

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 30);
const WINDOW_S = Number(process.env.BENCH_WINDOW_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3960);
const SOURCE_DIR = process.env.BENCH_DATA_DIR;
const PG = process.env.BENCH_DATABASE_URL;
const PASSWORD = 'xinfang-demo-2026';
const BASE = `http://127.0.0.1:${PORT}`;

/** The list queries the list client cycles through (BENCH_SOAK_LISTS picks some: which one stalls the others). */
const LIST_QUERIES: Record<string, string> = {
  newest: '',
  overdue: '?overdue=true',
  q: '?q=%E5%B7%A5%E8%B5%84',
  page: '?page=5',
  due: '?open=true&sort=due_asc',
};
const LISTS = (process.env.BENCH_SOAK_LISTS ?? Object.keys(LIST_QUERIES).join(','))
  .split(',')
  .filter((name) => name in LIST_QUERIES);

const KINDS = ['register', 'register-same', 'list', 'case', 'dashboard', 'verb', 'health'] as const;
type Kind = (typeof KINDS)[number];

/** Response times of the current window, per kind, and what failed. */
let window = new Map<Kind, number[]>();
let errors = new Map<Kind, number>();
const acknowledged: string[] = [];
const registered: string[] = [];
let stopping = false;

function record(kind: Kind, ms: number): void {
  const list = window.get(kind) ?? [];
  list.push(ms);
  window.set(kind, list);
}

type Session = { cookie: string; csrf: string };

async function login(username: string): Promise<Session> {
  const response = await fetch(`${BASE}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '', csrf: body.csrfToken };
}

/** One request, timed; a non-2xx answer counts as an error of its kind. @returns the parsed body or null */
async function call(
  kind: Kind,
  session: Session | null,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<unknown> {
  const started = performance.now();
  try {
    const response = await fetch(`${BASE}${url}`, {
      method,
      headers: {
        ...(session === null ? {} : { cookie: session.cookie, 'x-csrf-token': session.csrf }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    record(kind, performance.now() - started);
    if (!response.ok) {
      errors.set(kind, (errors.get(kind) ?? 0) + 1);
      if ((errors.get(kind) ?? 0) <= 3)
        process.stderr.write(`  ${kind} ${url}: ${response.status} ${text.slice(0, 200)}\n`);
      return null;
    }
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    if (!stopping) errors.set(kind, (errors.get(kind) ?? 0) + 1);
    return null;
  }
}

const TOPICS = [
  '住房补贴标准',
  '工伤认定结论',
  '井下安全隐患',
  '食堂饭菜价格',
  '宿舍供暖不足',
  '通勤班车取消',
  '劳保用品发放',
];
const TEAMS = ['综采一队', '掘进二队', '机电科', '运输队', '通风区', '选煤厂'];
let serial = 0;

function phone(n: number): string {
  return `137${String(10_000_000 + (n % 80_000_000)).padStart(8, '0')}`;
}

/** A registration as an officer enters it; `same`: the one wage complaint, word for word, from a new worker. */
function registration(same: boolean) {
  serial += 1;
  const n = serial;
  if (same)
    return {
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '综采一队加班工资未发放',
      body: '本人系综采一队职工，2026年1月至2月加班工资未按时发放，请求核实补发。',
      petitioners: [{ name: `职工${n}`, phone: phone(n), identity: 'employee' }],
    };
  const topic = TOPICS[n % TOPICS.length] ?? '';
  const team = TEAMS[(n * 7) % TEAMS.length] ?? '';
  return {
    channel: n % 3 === 0 ? 'letter' : 'visit',
    type: 'appeal',
    purpose: 'request',
    title: `${team}${topic}问题（第${n}件）`,
    body: `${team}职工反映${topic}问题，已向科室反映${n % 5}次未果，请求核实处理。来访编号${n}。`,
    petitioners: [{ name: `来访人${n}`, phone: phone(n + 40_000_000), identity: 'employee' }],
  };
}

function idOf(body: unknown): string | null {
  const petition = (body as { petition?: { id?: string } | null } | null)?.petition;
  return petition?.id ?? null;
}

async function registerLoop(session: Session, same: boolean): Promise<void> {
  while (!stopping) {
    const body = await call(same ? 'register-same' : 'register', session, 'POST', '/api/petitions', registration(same));
    const id = idOf(body);
    if (id !== null) {
      acknowledged.push(id);
      registered.push(id);
    }
  }
}

async function listLoop(session: Session): Promise<void> {
  const queries = LISTS.map((name) => LIST_QUERIES[name]);
  for (let i = 0; !stopping; i++) await call('list', session, 'GET', `/api/petitions${queries[i % queries.length]}`);
}

async function caseLoop(session: Session): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; !stopping; i++) {
    // The bench's own petitions when there are some, else those of the first list page.
    if (registered.length === 0 && seen.length === 0) {
      const list = (await call('list', session, 'GET', '/api/petitions')) as { items?: { id: string }[] } | null;
      const found = (list?.items ?? []).map((p) => p.id);
      seen.push(...found);
      if (found.length === 0) await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    const pool = registered.length > 0 ? registered : seen;
    const id = pool[Math.floor(Math.random() * pool.length)];
    await call('case', session, 'GET', `/api/petitions/${id}`);
  }
}

async function dashboardLoop(session: Session): Promise<void> {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const ranges = [`?from=${today.slice(0, 7)}-01&to=${today}`, `?from=${today.slice(0, 4)}-01-01&to=${today}`];
  for (let i = 0; !stopping; i++) await call('dashboard', session, 'GET', `/api/dashboard${ranges[i % ranges.length]}`);
}

/** 研判 then a note on each petition the bench registered, oldest first. */
async function verbLoop(session: Session): Promise<void> {
  let next = 0;
  while (!stopping) {
    const id = registered[next];
    if (id === undefined) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    next += 1;
    await call('verb', session, 'POST', `/api/petitions/${id}/triage`, { note: '初步研判' });
    await call('verb', session, 'POST', `/api/petitions/${id}/notes`, { text: '已电话联系信访人', internal: true });
  }
}

async function healthLoop(): Promise<void> {
  while (!stopping) {
    await call('health', null, 'GET', '/api/health');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The server's CPU time (user + system) in seconds, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-soak-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    XINFANG_DATA_DIR: dataDir,
    // info: the lifecycle lines ("stopped") and the scheduler's warnings; requests are not logged (LOG_REQUESTS).
    LOG_LEVEL: 'info',
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
  };
  let filled = 'a fresh demo enterprise';
  if (SOURCE_DIR !== undefined) {
    for (const file of ['xinfang.db', 'secret.key'])
      fs.copyFileSync(path.join(SOURCE_DIR, file), path.join(dataDir, file));
    filled = `a copy of ${SOURCE_DIR}`;
  }
  if (PG !== undefined) {
    const url = new URL(PG);
    url.searchParams.set('schema', 'bench_soak');
    env.DATABASE_URL = url.toString();
    const config = loadConfig('bench', { ...env });
    const database = openDatabase(config.database);
    await sql`drop schema if exists bench_soak cascade`.execute(database.db);
    await database.close();
  }
  // Its own process group, as `npm start` under a service manager: the end signals the whole group.
  const started = performance.now();
  const child = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const pid = child.pid ?? 0;
  for (;;) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const healthAfter = (performance.now() - started) / 1000;
  const [officer, verbs, reader, leader] = await Promise.all([
    login('officer'),
    login('officer'),
    login('officer'),
    login('chief'),
  ]);
  process.stdout.write(
    `\nSoak on ${PG === undefined ? 'sqlite' : 'postgres'}, ${filled}, lists ${LISTS.join('/')}, ${MINUTES} min, ${os.cpus().length} cores shared; first /api/health ${healthAfter.toFixed(1)} s after the start\n\n`,
  );
  const loops = [
    registerLoop(officer, false),
    registerLoop(verbs, true),
    listLoop(reader),
    caseLoop(reader),
    dashboardLoop(leader),
    verbLoop(verbs),
    healthLoop(),
  ];

  const rows: Record<string, string | number>[] = [];
  const p95s: Map<Kind, number>[] = [];
  const t0 = performance.now();
  let lastCpu = cpuSeconds(pid);
  let registeredBefore = 0;
  const end = t0 + MINUTES * 60_000;
  // Windows to the end; a remainder shorter than half a window is not a window of its own.
  while (end - performance.now() > (WINDOW_S * 1000) / 2) {
    const opened = performance.now();
    await new Promise((r) => setTimeout(r, Math.min(WINDOW_S * 1000, end - opened)));
    const seconds = (performance.now() - opened) / 1000;
    const times = window;
    const failed = errors;
    window = new Map();
    errors = new Map();
    const cpu = cpuSeconds(pid);
    const requests = [...times.entries()].filter(([k]) => k !== 'health').reduce((n, [, t]) => n + t.length, 0);
    const row: Record<string, string | number> = {
      min: ((performance.now() - t0) / 60_000).toFixed(1),
      'rss MiB': rssMib(pid).toFixed(0),
      'cpu s': (cpu - lastCpu).toFixed(1),
      'req/s': (requests / seconds).toFixed(0),
      filed: `+${acknowledged.length - registeredBefore}`,
    };
    const p95 = new Map<Kind, number>();
    for (const kind of KINDS) {
      const sorted = (times.get(kind) ?? []).sort((a, b) => a - b);
      p95.set(kind, percentile(sorted, 95));
      row[kind] =
        kind === 'health'
          ? `${percentile(sorted, 50).toFixed(0)}/max ${(sorted.at(-1) ?? 0).toFixed(0)}`
          : `${percentile(sorted, 50).toFixed(0)}/${percentile(sorted, 95).toFixed(0)}/${percentile(sorted, 99).toFixed(0)}`;
    }
    row.errors = [...failed.values()].reduce((a, b) => a + b, 0);
    p95s.push(p95);
    rows.push(row);
    lastCpu = cpu;
    registeredBefore = acknowledged.length;
    process.stderr.write(`  ${JSON.stringify(row)}\n`);
  }
  stopping = true;
  await Promise.allSettled(loops);

  // The end: SIGTERM to the process group while a last request is in flight.
  const inFlight = fetch(`${BASE}/api/petitions?q=%E5%B7%A5%E8%B5%84`, {
    headers: { cookie: reader.cookie, 'x-csrf-token': reader.csrf },
  }).then(
    (r) => r.status,
    () => 0,
  );
  const signalled = performance.now();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  process.kill(-pid, 'SIGTERM');
  const [code, lastStatus] = await Promise.all([exited, inFlight]);
  const drainSeconds = (performance.now() - signalled) / 1000;
  const wal = path.join(dataDir, 'xinfang.db-wal');
  const walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : null;

  // Every acknowledged registration stored, exactly once.
  const config = loadConfig('bench', { ...env });
  const database = openDatabase(config.database);
  let stored = 0;
  try {
    for (let i = 0; i < acknowledged.length; i += 500) {
      const ids = acknowledged.slice(i, i + 500);
      const rowsFound = await database.db.selectFrom('petition').select('id').where('id', 'in', ids).execute();
      stored += rowsFound.length;
    }
  } finally {
    await database.close();
  }
  const first = p95s.find((m) => (m.get('register') ?? 0) > 0) ?? new Map<Kind, number>();
  const last = p95s.at(-1) ?? new Map<Kind, number>();
  const growth = KINDS.filter((k) => k !== 'health').map((k) => ({
    kind: k,
    'p95 first window ms': (first.get(k) ?? 0).toFixed(0),
    'p95 last window ms': (last.get(k) ?? 0).toFixed(0),
    'last/first': (first.get(k) ?? 0) > 0 ? ((last.get(k) ?? 0) / (first.get(k) ?? 1)).toFixed(2) : '—',
    goal: '≤ 1.5',
  }));
  const stalls = output.split('\n').filter((l) => l.includes('event loop held while the job ran'));
  process.stdout.write(
    `${table(rows)}\n\n(per kind: p50/p95/p99 ms; health: p50/max ms of a probe every 100 ms; cpu s: server CPU time in the window)\n\n` +
      `${table(growth)}\n\n` +
      `acknowledged registrations ${acknowledged.length}, stored ${stored} (distinct ids ${new Set(acknowledged).size})\n` +
      `runs of a job during which the event loop was held > 200 ms (server log; the job's slices or a slow request beside it): ${stalls.length === 0 ? 'none' : `\n${stalls.join('\n')}`}\n` +
      `SIGTERM to the process group: exit ${code}, drained in ${drainSeconds.toFixed(1)} s, request in flight answered ${lastStatus}, ` +
      `"stopped" logged: ${/"msg":"stopped"/.test(output) ? 'yes' : 'NO'}, WAL left: ${walBytes === null ? 'none' : `${walBytes} bytes`}\n`,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
