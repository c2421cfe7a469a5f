/**
 * Scheduled jobs, printed (never asserted; issue #20): each periodic job of server/jobs.ts run once
 * over a kept database, with its wall time, its CPU time and the longest the event loop was held
 * while it ran (perf_hooks.monitorEventLoopDelay and a 10 ms ticker, the larger): what a request
 * arriving during the job would have waited. The goal is ≤ 200 ms for every job.
 *   BENCH_DATA_DIR=<a data directory holding xinfang.db and secret.key> npm run bench:jobs
 *   BENCH_JOBS=warning-scan,deadline-sweep (default: all), BENCH_ROUNDS (2: the first run after a
 *   start does the catching-up, the second is the steady state)
 * The database is modified (the jobs write warnings and notices): point it at a copy. On SQLite the
 * checkpoint worker runs beside the jobs, as in the server.
 */
import { performance } from 'node:perf_hooks';
import { boot, filesOf, resolveSecret, sendersOf } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { startCheckpointer } from '../server/db/checkpointer.ts';
import { scheduledJobs } from '../server/jobs.ts';
import { createLogger } from '../server/platform/logger.ts';
import { stallProbe } from './stall-probe.ts';
import { table } from './support.ts';

const DATA_DIR = process.env.BENCH_DATA_DIR;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ONLY = process.env.BENCH_JOBS?.split(',');

async function main(): Promise<void> {
  if (DATA_DIR === undefined) throw new Error('BENCH_DATA_DIR: the data directory of a filled database (a copy)');
  const config = loadConfig('bench', { ...process.env, XINFANG_DATA_DIR: DATA_DIR, LOG_LEVEL: 'warn' });
  const logger = createLogger({ logLevel: 'warn' });
  const t0 = performance.now();
  const booted = await boot(config, logger);
  const bootMs = performance.now() - t0;
  // As the server runs (server/main.ts): SQLite's log folded back by a worker thread, not by whichever
  // job's commit fills it — without it a commit now and then copies the log on the loop (100–260 ms).
  const checkpointer = await startCheckpointer(
    booted.database,
    config.database.dialect === 'sqlite' ? config.database.file : '',
  );
  const { count } = await booted.deps.db
    .selectFrom('petition')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const deps = { ...booted.deps, files: filesOf(config, booted.database, booted.deps.clock) };
  const jobs = scheduledJobs(
    config,
    deps,
    sendersOf(config),
    {
      database: config.database,
      secret: resolveSecret(config),
      dataDir: config.dataDir,
      fileStore: config.fileStore,
      logLevel: config.logLevel,
      outbound: deps.outbound,
    },
    logger,
  ).filter((j) => ONLY === undefined || ONLY.includes(j.name));
  const rows: Record<string, string | number>[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const job of jobs) {
        const probe = stallProbe();
        const cpu = process.cpuUsage();
        const t = performance.now();
        let outcome = '';
        try {
          // A job with no result (undefined) prints "undefined".
          const result: unknown = await job.run();
          outcome = result === undefined ? '' : JSON.stringify(result);
        } catch (error) {
          outcome = `failed: ${error instanceof Error ? error.message : String(error)}`;
        }
        const wall = performance.now() - t;
        const used = process.cpuUsage(cpu);
        const stall = probe.stop();
        rows.push({
          round,
          job: job.name,
          'wall ms': wall.toFixed(0),
          'cpu ms': ((used.user + used.system) / 1000).toFixed(0),
          'longest block ms': stall.maxMs.toFixed(0),
          goal: '≤ 200',
          result: outcome.slice(0, 60),
        });
        process.stderr.write(
          `  ${job.name} (round ${round}): ${wall.toFixed(0)} ms, block ${stall.maxMs.toFixed(0)} ms\n`,
        );
      }
    }
  } finally {
    await checkpointer.stop();
    await booted.database.close();
  }
  process.stdout.write(
    `\nScheduled jobs over ${count.toLocaleString('en')} petitions on ${booted.database.dialect} (boot ${(bootMs / 1000).toFixed(1)} s)\n\n${table(rows)}\n`,
  );
}

await main();
