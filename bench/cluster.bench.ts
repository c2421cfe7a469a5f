/**
 * The cluster of issue #21 under load, in one run: registration (POST /api/petitions) and list
 * (GET /api/petitions, read from the replica) throughput through nginx over 1, 2 and 4 instances,
 * beside one instance without nginx; the replica's lag (bytes of WAL not yet replayed, from
 * /api/health) sampled during each registration load; the CPU each part used.
 *
 *   npm run bench:cluster            (BENCH_SECONDS=8 per measurement, BENCH_CONNECTIONS=16)
 *
 * Starts its own cluster on ports 4130… (scripts/cluster.ts) and removes it at the end.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { health, startCluster, startNginx, stopCluster, type ClusterState } from '../scripts/cluster.ts';
import { load, table } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 4130);
const DIR = path.join(os.tmpdir(), `xinfang-cluster-bench-${BASE_PORT}`);

let sequence = 0;
function registerBody(): string {
  const n = ++sequence;
  return JSON.stringify({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: `综采一队加班工资未发放 ${n}`,
    body: '本人系综采一队职工，2026年1月至2月加班工资未按时发放，请求核实补发。',
    petitioners: [
      { name: '王某', phone: `139${String(10_000_000 + (n % 80_000_000)).padStart(8, '0')}`, identity: 'employee' },
    ],
  });
}

/** CPU ticks used so far by each process (from /proc; a process gone is left out). */
function cpuTicks(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks.set(pid, Number(stat[11]) + Number(stat[12]));
    } catch {
      // gone
    }
  }
  return ticks;
}

/** CPU seconds per second used between two samples by the processes present in both. */
function cpuRate(before: Map<number, number>, after: Map<number, number>, seconds: number): string {
  let ticks = 0;
  for (const [pid, end] of after) {
    const start = before.get(pid);
    if (start !== undefined) ticks += end - start;
  }
  return (ticks / 100 / seconds).toFixed(2);
}

/** The primary's and the replica's server processes: each postmaster (postmaster.pid) and its children. */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const name of ['primary', 'replica']) {
    const file = path.join(DIR, 'pg', name, 'postmaster.pid');
    if (!fs.existsSync(file)) continue;
    const postmaster = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
    pids.push(postmaster);
    try {
      pids.push(
        ...execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .map(Number),
      );
    } catch {
      // no children
    }
  }
  return pids.filter((n) => n > 0);
}

/** The whole machine's busy and total CPU ticks (/proc/stat), to tell how saturated it was. */
function machineTicks(): { busy: number; total: number } {
  const fields = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

async function login(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer', password: 'xinfang-demo-2026' }),
  });
  const session = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken };
}

/** Sample the replica's lag from one instance's /api/health while `during` runs; the largest seen. */
async function lagDuring<T>(
  port: number,
  during: Promise<T>,
): Promise<{ result: T; maxLagBytes: number; maxLagSeconds: number }> {
  const sampling = { done: false };
  let maxLagBytes = 0;
  let maxLagSeconds = 0;
  const sampler = (async () => {
    while (!sampling.done) {
      const body = (await health(port)) as {
        database?: { replica?: { lagBytes: number | null; lagSeconds: number | null } };
      } | null;
      maxLagBytes = Math.max(maxLagBytes, body?.database?.replica?.lagBytes ?? 0);
      maxLagSeconds = Math.max(maxLagSeconds, body?.database?.replica?.lagSeconds ?? 0);
      // /api/health caches the status for a second.
      await new Promise((resolve) => setTimeout(resolve, 1_050));
    }
  })();
  const result = await during;
  sampling.done = true;
  await sampler;
  return { result, maxLagBytes, maxLagSeconds };
}

async function measure(state: ClusterState, name: string, port: number, healthPort: number) {
  const headers = await login(port);
  const pids = [...state.instances.map((i) => i.pid)];
  const pgPids = postgresPids();
  const cpu0 = { app: cpuTicks(pids), pg: cpuTicks(pgPids), machine: machineTicks() };
  const registered = await lagDuring(
    healthPort,
    load({
      url: `http://127.0.0.1:${port}/api/petitions`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: 'POST', headers, setupRequest: (request) => ({ ...request, body: registerBody() }) }],
    }),
  );
  const cpu1 = { app: cpuTicks(pids), pg: cpuTicks(pgPids), machine: machineTicks() };
  const listed = await load({
    url: `http://127.0.0.1:${port}/api/petitions?pageSize=20`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { cookie: headers.cookie },
  });
  return {
    target: name,
    'register req/s': registered.result.requestsPerSecond,
    'register p95 ms': registered.result.p95.toFixed(0),
    'list req/s': listed.requestsPerSecond,
    'list p95 ms': listed.p95.toFixed(0),
    'max lag bytes': registered.maxLagBytes,
    'max lag s': registered.maxLagSeconds.toFixed(2),
    'app CPU s/s': cpuRate(cpu0.app, cpu1.app, SECONDS),
    'pg CPU s/s': cpuRate(cpu0.pg, cpu1.pg, SECONDS),
    // All processes of the machine (other work included): 100% = every core busy.
    'machine busy %': Math.round(
      (100 * (cpu1.machine.busy - cpu0.machine.busy)) / (cpu1.machine.total - cpu0.machine.total),
    ),
    'errors/timeouts': registered.result.errors + listed.errors,
    non2xx: registered.result.non2xx + listed.non2xx,
  };
}

async function main(): Promise<void> {
  await stopCluster(DIR, { purge: true, log: () => {} });
  const state = await startCluster({
    dir: DIR,
    basePort: BASE_PORT,
    instances: 4,
    env: { XINFANG_PASSWORD_MEMORY_KIB: '1024' },
    log: (line) => process.stdout.write(`[cluster] ${line}\n`),
  });
  try {
    const first = state.instances[0];
    if (first === undefined) throw new Error('no instance');
    const rows = [await measure(state, '1 instance, no nginx', first.port, first.port)];
    for (const n of [1, 2, 4]) {
      // nginx over the first n instances (reloaded, the others idle).
      startNginx({ ...state, instances: state.instances.slice(0, n) }, () => {});
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      rows.push(await measure(state, `nginx → ${n} instance${n > 1 ? 's' : ''}`, state.nginxPort, first.port));
    }
    process.stdout.write(
      `\nCluster bench: ${SECONDS} s each, ${CONNECTIONS} connections, ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n\n${table(rows)}\n`,
    );
  } finally {
    await stopCluster(DIR, { purge: true, log: () => {} });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
