/**
 * The periodic jobs of a server process (run by platform/scheduler.ts, one instance at a time):
 * one list, so the server and the benches that measure how long each job holds the event loop
 * (bench:jobs, bench:soak) run the same jobs.
 */
import path from 'node:path';
import type { Config } from './config.ts';
import { sendDailyDigests } from './modules/dashboard/index.ts';
import { chaseDailyReports } from './modules/report/index.ts';
import { chaseRectifications } from './modules/accountability/index.ts';
import { deliverOutbox, type Senders } from './modules/notification/index.ts';
import { scanWarnings, sweepDeadlines } from './modules/warning/index.ts';
import { chaseScreeningReturns } from './modules/prevention/index.ts';
import { remindExpiringQualifications } from './modules/training/index.ts';
import { resumeLedgerImports, workerImportRunner, type ImportWorkerSetup } from './modules/ledger/index.ts';
import type { PetitionDeps } from './modules/petition/index.ts';
import type { Job } from './platform/scheduler.ts';
import { anchorAuditHeadDaily } from './platform/audit-anchor.ts';
import type { Logger } from './platform/logger.ts';
import { catchUpText } from './boot.ts';
import { refreshPlannerStatistics } from './db/database.ts';

export function scheduledJobs(
  config: Pick<Config, 'dataDir' | 'auditAnchorFile'>,
  deps: PetitionDeps,
  senders: Senders,
  importWorker: ImportWorkerSetup,
  logger: Logger,
): Job[] {
  const ledgerJobDeps = {
    ...deps,
    importDir: path.join(config.dataDir, 'ledger-imports'),
    sharedImports: deps.files.kind === 'database' ? deps.files : null,
  };
  return [
    // Deadline warnings every 5 minutes, on one instance at a time (lease in job_lease).
    { name: 'deadline-sweep', everyMs: 5 * 60_000, run: () => sweepDeadlines(deps) },
    // Early warning: refresh time-driven risk, raise warnings from cases and signals, escalate the unanalysed.
    { name: 'warning-scan', everyMs: 15 * 60_000, run: () => scanWarnings(deps) },
    // 矛盾隐患排查: returns past their cut-off chased — the unit's heads, then the office above (issue #15).
    { name: 'screening-chase', everyMs: 15 * 60_000, run: () => chaseScreeningReturns(deps) },
    // The leaders' daily digest: checked every 15 minutes, written once per local day from 08:00.
    { name: 'daily-digest', everyMs: 15 * 60_000, run: () => sendDailyDigests(deps) },
    // 日报告: missing reports chased at the cut-off, then told to the level above (once per unit and day).
    { name: 'daily-report-chase', everyMs: 5 * 60_000, run: () => chaseDailyReports(deps) },
    // 干部培训: qualifications about to expire told to their holders (once per certificate).
    { name: 'training-expiry', everyMs: 60 * 60_000, run: () => remindExpiringQualifications(deps) },
    // 奖惩与问责: a 整改 past its deadline tells the unit measured and the decider, once per deadline (第39条).
    { name: 'rectification-chase', everyMs: 60 * 60_000, run: () => chaseRectifications(deps) },
    // The outbox: SMS, e-mail, 企业微信 and webhook messages, with retries and back-off.
    { name: 'outbox-delivery', everyMs: 15_000, run: () => deliverOutbox(deps, senders) },
    // Ledger imports whose runner died (a restart, a crash) resumed after their last committed batch,
    // each claimed by one instance when its lease has run out.
    {
      name: 'ledger-import-resume',
      everyMs: 60_000,
      run: () => resumeLedgerImports(ledgerJobDeps, workerImportRunner(importWorker)),
    },
    // The audit chain head anchored outside the database (ADR 0004): checked hourly, written once per local day.
    { name: 'audit-anchor', everyMs: 60 * 60_000, run: () => anchorAuditHeadDaily(deps, config.auditAnchorFile) },
    // The repeat index and the category model caught up after the server listens (run at start, then daily).
    { name: 'text-catch-up', everyMs: 24 * 60 * 60_000, run: () => catchUpText(deps, logger) },
    // The query planner's statistics kept current as the tables grow (SQLite; a no-op when they still hold).
    { name: 'planner-statistics', everyMs: 24 * 60 * 60_000, run: () => refreshPlannerStatistics(deps, false) },
  ];
}
