/**
 * loadConfig → boot (open, migrate, seed) → buildApp → listen → the scheduled jobs (server/jobs.ts).
 * SIGTERM/SIGINT — to the process or to its whole group (`npm start`: npm, tsx and node each get it;
 * the second signal is ignored) — stop gracefully: stop accepting, stop the jobs at their next slice,
 * finish in-flight requests, close the database (SQLite: checkpointed, no WAL left), log "stopped".
 */
import { buildApp } from './app.ts';
import { boot, filesOf, resolveSecret, sendersOf } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo/demo-enterprise.ts';
import { systemClock } from './platform/clock.ts';
import { createLogger, flushLogger } from './platform/logger.ts';
import { readVersion } from './platform/version.ts';
import { randomToken } from './platform/ids.ts';
import { startScheduler } from './platform/scheduler.ts';
import { FieldKeyMismatchError } from './platform/field-key.ts';
import { type ImportWorkerSetup } from './modules/ledger/index.ts';
import { scheduledJobs } from './jobs.ts';
import { startCheckpointer } from './db/checkpointer.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readVersion());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  const { database, deps, empty } = await boot(config, logger);
  // SQLite: the write-ahead log folded back by a worker thread, not by whichever request's commit fills it.
  const checkpointer = await startCheckpointer(
    database,
    config.database.dialect === 'sqlite' ? config.database.file : '',
    {
      onError: (message) =>
        logger.error({ category: 'db', err: message }, 'checkpoint worker failed: the server checkpoints itself'),
    },
  );
  // Ledger imports run in worker threads with their own connection (issue #20): what they open.
  const importWorker: ImportWorkerSetup = {
    database: config.database,
    secret: resolveSecret(config),
    dataDir: config.dataDir,
    fileStore: config.fileStore,
    logLevel: config.logLevel,
    outbound: deps.outbound,
  };
  const app = await buildApp({
    importWorker,
    config,
    database,
    clock: systemClock,
    ids: deps.ids,
    logger,
    hasher: deps.hasher,
    cipher: deps.cipher,
    outbound: deps.outbound,
  });

  const senders = sendersOf(config);
  const petitionDeps = { ...deps, files: filesOf(config, database, deps.clock) };
  // The lease holder is this instance's id (random suffix: a restarted instance does not claim its predecessor's leases).
  const scheduler = startScheduler(
    deps,
    `${config.instanceId}-${randomToken(3)}`,
    scheduledJobs(config, petitionDeps, senders, importWorker, logger),
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ category: 'lifecycle', signal }, 'stopping: finishing in-flight requests');
    try {
      // Jobs stop at their next slice while the requests already received are answered; then the
      // database is closed (on SQLite: the WAL checkpointed and truncated).
      const jobs = scheduler.stop();
      await app.close();
      await jobs;
      await checkpointer.stop();
      await database.close();
      logger.info({ category: 'lifecycle' }, 'stopped');
      await flushLogger(logger);
      process.exit(0);
    } catch (error) {
      logger.error({ category: 'lifecycle', err: error }, 'error while stopping');
      await flushLogger(logger);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('[::1]', 'localhost');
  const lines = [``, `信访工作平台 Xinfang ${config.version} — ${url}  (database: ${database.dialect})`];
  if (config.demo) {
    lines.push(`Demo enterprise loaded. Log in with any of these (password: ${DEMO_PASSWORD}):`);
    for (const login of DEMO_LOGINS)
      lines.push(`  ${login.username.padEnd(18)} ${login.role.padEnd(10)} ${login.title}`);
  } else if (empty) {
    lines.push('The database is empty. Create the first administrator:');
    lines.push('  npm run xinfang -- admin create --enterprise "<企业名称>" --username <name>');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  // Warnings are current from the first minute, not only after the first 15-minute round.
  void scheduler.runOnce('warning-scan');
  void scheduler.runOnce('ledger-import-resume');
  // After an upgrade or an import: the repeat index and the category model, while the server answers.
  void scheduler.runOnce('text-catch-up');
}

main().catch((error: unknown) => {
  if (error instanceof FieldKeyMismatchError) {
    process.stderr.write(`Xinfang refused to start: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Xinfang failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
