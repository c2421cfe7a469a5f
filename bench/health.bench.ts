/**
 * GET /api/health on the Xinfang server vs the same JSON from a bare node:http server, in the same
 * run, on loopback. Prints requests/s, latency percentiles, memory, and the ratio.
 *   npm run bench            (10 s per target; BENCH_SECONDS to change)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, rssMib, startProcess, table } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const XINFANG_PORT = 3901;
const BARE_PORT = 3902;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-'));
  const xinfang = await startProcess(
    'node',
    ['--import', 'tsx', 'server/main.ts'],
    {
      PORT: String(XINFANG_PORT),
      XINFANG_DATA_DIR: dataDir,
      XINFANG_DEMO: 'false',
      XINFANG_SECRET: 'bench-secret-bench-secret-bench-secret',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    `http://127.0.0.1:${XINFANG_PORT}/api/health`,
  );
  const bare = await startProcess(
    'node',
    ['bench/bare-http.mjs', String(BARE_PORT)],
    {},
    `http://127.0.0.1:${BARE_PORT}/`,
  );
  try {
    const rows = [];
    const rates: number[] = [];
    for (const [name, url, child] of [
      ['node:http (baseline)', `http://127.0.0.1:${BARE_PORT}/`, bare.child],
      ['xinfang GET /api/health', `http://127.0.0.1:${XINFANG_PORT}/api/health`, xinfang.child],
    ] as const) {
      await load({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
      const result = await load({ url, connections: CONNECTIONS, duration: SECONDS });
      rates.push(result.requestsPerSecond);
      rows.push({
        target: name,
        'req/s': result.requestsPerSecond,
        'p50 ms': result.p50.toFixed(2),
        'p95 ms': result.p95.toFixed(2),
        'p99 ms': result.p99.toFixed(2),
        'rss MiB': rssMib(child.pid ?? 0).toFixed(1),
        errors: result.errors + result.non2xx,
      });
    }
    process.stdout.write(
      `\nGET /api/health — ${CONNECTIONS} connections, ${SECONDS} s each, loopback, ${os.cpus().length} cores\n\n`,
    );
    process.stdout.write(`${table(rows)}\n`);
    const ratio = (rates[1] ?? 0) / (rates[0] ?? 1);
    process.stdout.write(`\nxinfang / node:http = ${ratio.toFixed(2)}\n`);
  } finally {
    await xinfang.stop();
    await bare.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
