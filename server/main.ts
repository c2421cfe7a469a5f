/**
 * loadConfig → boot (open, migrate, seed) → buildApp → listen. SIGTERM/SIGINT stop gracefully:
 * stop accepting, finish in-flight requests, close the database.
 */
import { buildApp } from './app.ts';
import path from 'node:path';
import { boot, filesOf, resolveSecret, sendersOf } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo/demo-enterprise.ts';
import { systemClock } from './platform/clock.ts';
import { createLogger } from './platform/logger.ts';
import { readVersion } from './platform/version.ts';
import { randomToken } from './platform/ids.ts';
import { startScheduler } from './platform/scheduler.ts';
import { anchorAuditHeadDaily } from './platform/audit-anchor.ts';
import { FieldKeyMismatchError } from './platform/field-key.ts';
import { sendDailyDigests } from './modules/dashboard/index.ts';
import { chaseDailyReports } from './modules/report/index.ts';
import { chaseRectifications } from './modules/accountability/index.ts';

import { deliverOutbox } from './modules/notification/index.ts';
import { scanWarnings, sweepDeadlines } from './modules/warning/index.ts';
import { chaseScreeningReturns } from './modules/prevention/index.ts';
import { remindExpiringQualifications } from './modules/training/index.ts';
import { resumeLedgerImports, workerImportRunner, type ImportWorkerSetup } from './modules/ledger/index.ts';

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
  const ledgerJobDeps = {
    ...petitionDeps,
    importDir: path.join(config.dataDir, 'ledger-imports'),
    sharedImports: petitionDeps.files.kind === 'database' ? petitionDeps.files : null,
  };
  // Deadline warnings every 5 minutes, on one instance at a time (lease in job_lease).
  // The lease holder is this instance's id (random suffix: a restarted instance does not claim its predecessor's leases).
  const scheduler = startScheduler(deps, `${config.instanceId}-${randomToken(3)}`, [
    {
      name: 'deadline-sweep',
      everyMs: 5 * 60_000,
      run: () => sweepDeadlines(petitionDeps),
    },
    // Early warning: refresh time-driven risk, raise warnings from cases and signals, escalate the unanalysed.
    {
      name: 'warning-scan',
      everyMs: 15 * 60_000,
      run: () => scanWarnings(petitionDeps),
    },
    // 矛盾隐患排查: returns past their cut-off chased — the unit's heads, then the office above (issue #15).
    { name: 'screening-chase', everyMs: 15 * 60_000, run: () => chaseScreeningReturns(deps) },
    // The leaders' daily digest: checked every 15 minutes, written once per local day from 08:00.
    { name: 'daily-digest', everyMs: 15 * 60_000, run: () => sendDailyDigests(deps) },
    // 日报告: missing reports chased at the cut-off, then told to the level above (once per unit and day).
    { name: 'daily-report-chase', everyMs: 5 * 60_000, run: () => chaseDailyReports(deps) },
    // 干部培训: qualifications about to expire told to their holders (once per certificate).
    { name: 'training-expiry', everyMs: 60 * 60_000, run: () => remindExpiringQualifications(deps) },
    // 奖惩与问责: a 整改 past its deadline tells the unit measured and the decider, once per deadline (第39条).
    { name: 'rectification-chase', everyMs: 60 * 60_000, run: () => chaseRectifications(petitionDeps) },
    // The outbox: SMS, e-mail, 企业微信 and webhook messages, with retries and back-off.
    { name: 'outbox-delivery', everyMs: 15_000, run: () => deliverOutbox(deps, senders) },
    // The audit chain head anchored outside the database (ADR 0004): checked hourly, written once per local day.
    // Ledger imports whose runner died (a restart, a crash) resumed after their last committed batch,
    // each claimed by one instance when its lease has run out.
    {
      name: 'ledger-import-resume',
      everyMs: 60_000,
      run: () => resumeLedgerImports(ledgerJobDeps, workerImportRunner(importWorker)),
    },
    { name: 'audit-anchor', everyMs: 60 * 60_000, run: () => anchorAuditHeadDaily(deps, config.auditAnchorFile) },
  ]);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ category: 'lifecycle', signal }, 'stopping: finishing in-flight requests');
    try {
      await app.close();
      await scheduler.stop();
      await database.close();
      logger.info({ category: 'lifecycle' }, 'stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ category: 'lifecycle', err: error }, 'error while stopping');
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
