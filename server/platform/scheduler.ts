/**
 * Periodic jobs that run on exactly one instance at a time, once per period across all instances.
 *
 * Each job has a lease row in `job_lease`. `lease_until` means two things in turn:
 * - while the job runs, the holder's claim: now + 60 s, renewed by a heartbeat every 20 s. A holder
 *   that crashes stops renewing, and its claim runs out within a minute — not after two periods, as
 *   when the lease lasted `everyMs * 2` (a crashed warning scan blocked the job for 30 minutes);
 * - once the run is over, the time the next run is due (its start + `everyMs`, less a second for
 *   timer jitter). Every instance looks
 *   for due jobs every 30 s, so the job keeps its period however many instances there are, and a job
 *   whose holder died mid-run is taken over within a minute of its last heartbeat.
 * Taking a job is one conditional UPDATE on an expired row, so two instances cannot both win it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import { stoppableBy } from './slices.ts';

/** How long a running job's claim lasts without a heartbeat: a crashed holder is taken over after at most this. */
export const LEASE_MS = 60_000;
/** How often a running job renews its claim: a third of the lease, so one late beat does not lose it. */
export const HEARTBEAT_MS = 20_000;
/** How often each instance looks for due jobs (or the job's period, when shorter). */
export const TICK_MS = 30_000;
/**
 * A run is due this much before a full period has passed since the last one started: the instance
 * that ran it ticks again exactly one period later, and without this allowance timer jitter would
 * make it skip that tick and a 30 s job would run every minute.
 */
export const DUE_EARLY_MS = 1_000;
/**
 * When the event loop was held longer than this while a job ran, the run is logged as a warning: every
 * request arriving meanwhile waited as long (issue #20; jobs work in slices, platform/slices.ts). The
 * delay is the process's: the job's own slices, or a slow request served beside it.
 */
export const STALL_WARN_MS = 200;

// A placeholder row for a job no instance has run yet: already expired, so the first taker wins it.
const NEVER = new Date(0).toISOString();

/**
 * Try to take (or renew) the lease `name` for `holder` until now + `leaseMs`: succeeds when the
 * lease is ours already or expired.
 * @returns true when this holder now owns the lease
 */
export async function acquireLease(
  db: Kysely<DB>,
  clock: Clock,
  name: string,
  holder: string,
  leaseMs: number,
): Promise<boolean> {
  const now = clock.now();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  await db
    .insertInto('job_lease')
    .values({ name, holder, lease_until: until })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  // One conditional UPDATE decides: ours already, or expired. Two instances racing here cannot both win.
  const result = await db
    .updateTable('job_lease')
    .set({ holder, lease_until: until })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('lease_until', '<', now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Take the lease `name` when the job is due: its row is absent or its `lease_until` is not in the future,
 * whoever held it (this holder too — a run it finished keeps the lease until the next one is due).
 * @returns true when this holder now owns the lease until now + `leaseMs`
 */
export async function takeDueLease(
  db: Kysely<DB>,
  clock: Clock,
  name: string,
  holder: string,
  leaseMs: number,
): Promise<boolean> {
  const now = clock.now().toISOString();
  // A read first: most rounds find the job not due and then write nothing.
  const row = await db.selectFrom('job_lease').select('lease_until').where('name', '=', name).executeTakeFirst();
  if (row !== undefined && row.lease_until > now) return false;
  if (row === undefined) {
    await db
      .insertInto('job_lease')
      .values({ name, holder: '', lease_until: NEVER })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  // On PostgreSQL the loser of a race waits for the winner's row lock, re-reads lease_until and matches nothing.
  // Taking a due lease is starting a run: counted, so an operator sees each job ran once per period.
  const result = await db
    .updateTable('job_lease')
    .set((eb) => ({
      holder,
      lease_until: new Date(Date.parse(now) + leaseMs).toISOString(),
      runs: eb('runs', '+', 1),
      last_started_at: now,
    }))
    .where('name', '=', name)
    .where('lease_until', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Extend a lease this holder still owns to now + `leaseMs` (the heartbeat of a running job).
 * @returns false when another instance has taken it over (this holder missed its heartbeats)
 */
export async function renewLease(
  db: Kysely<DB>,
  clock: Clock,
  name: string,
  holder: string,
  leaseMs: number,
): Promise<boolean> {
  const until = new Date(clock.now().getTime() + leaseMs).toISOString();
  const result = await db
    .updateTable('job_lease')
    .set({ lease_until: until })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Keep a lease this holder owns until `until` (after a run: when the next run is due). */
export async function holdLeaseUntil(db: Kysely<DB>, name: string, holder: string, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('job_lease')
    .set({ lease_until: until.toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<DB>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_lease').where('name', '=', name).where('holder', '=', holder).execute();
}

export type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

export type Scheduler = {
  /**
   * Stop the timers, stop running jobs at their next slice (platform/slices.ts), wait for them, and
   * hand their leases back so another instance may run them at once.
   */
  stop: () => Promise<void>;
  /** Run the job now when it is due and not running here; true when this instance ran it. */
  runOnce: (name: string) => Promise<boolean>;
};

/** Timings, shortened only by tests. */
export type SchedulerTimings = { leaseMs: number; heartbeatMs: number; tickMs: number };

/** Start the jobs on timers; a round runs a job only when it is due and this instance takes its lease. */
export function startScheduler(
  deps: { db: Kysely<DB>; clock: Clock; log: Logger },
  holder: string,
  jobs: Job[],
  timings: Partial<SchedulerTimings> = {},
): Scheduler {
  const { leaseMs = LEASE_MS, heartbeatMs = HEARTBEAT_MS, tickMs = TICK_MS } = timings;
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<boolean>>();
  const stopping = new AbortController();

  const runRound = async (job: Job): Promise<boolean> => {
    const startedAt = deps.clock.now();
    if (!(await takeDueLease(deps.db, deps.clock, job.name, holder, leaseMs))) return false;
    // Beats are chained, so the last one has landed before the lease is set to the next due time.
    let beats: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(() => {
      beats = beats
        .then(async () => {
          if (!(await renewLease(deps.db, deps.clock, job.name, holder, leaseMs)))
            deps.log.error(
              { category: 'scheduler', job: job.name },
              'lease lost while running: another instance took the job over',
            );
        })
        .catch((error: unknown) =>
          deps.log.error({ category: 'scheduler', job: job.name, err: error }, 'heartbeat failed'),
        );
    }, heartbeatMs);
    heartbeat.unref();
    // The longest the loop was held while the job ran (its own slices, or a slow request served beside it).
    const delay = monitorEventLoopDelay({ resolution: 20 });
    delay.enable();
    const started = performance.now();
    try {
      await stoppableBy(stopping.signal, job.run);
    } catch (error) {
      if (stopping.signal.aborted)
        deps.log.info({ category: 'scheduler', job: job.name }, 'job stopped with the server');
      else deps.log.error({ category: 'scheduler', job: job.name, err: error }, 'job failed');
    } finally {
      clearInterval(heartbeat);
      await beats;
      delay.disable();
      const run = {
        category: 'scheduler',
        job: job.name,
        durationMs: Math.round(performance.now() - started),
        longestLoopDelayMs: Math.round(delay.max / 1e6),
      };
      if (run.longestLoopDelayMs > STALL_WARN_MS) deps.log.warn(run, 'event loop held while the job ran');
      else deps.log.debug(run, 'job ran');
    }
    // The next run is due one period after this one started; a run longer than its period is due at once.
    const due = new Date(startedAt.getTime() + job.everyMs - Math.min(DUE_EARLY_MS, job.everyMs / 10));
    if (!(await holdLeaseUntil(deps.db, job.name, holder, due)))
      deps.log.warn(
        { category: 'scheduler', job: job.name },
        'finished a run whose lease another instance had taken over',
      );
    return true;
  };

  const runOnce = (name: string): Promise<boolean> => {
    const job = jobs.find((j) => j.name === name);
    if (job === undefined || running.has(name) || stopping.signal.aborted) return Promise.resolve(false);
    const round = runRound(job);
    running.set(name, round);
    void round.finally(() => running.delete(name)).catch(() => undefined);
    return round;
  };

  for (const job of jobs) {
    const timer = setInterval(
      () => {
        runOnce(job.name).catch((error: unknown) =>
          deps.log.error({ category: 'scheduler', job: job.name, err: error }, 'lease failed'),
        );
      },
      Math.min(job.everyMs, tickMs),
    );
    timer.unref();
    timers.push(timer);
  }
  return {
    runOnce,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      stopping.abort(new Error('the server is stopping'));
      await Promise.allSettled([...running.values()]);
      for (const job of jobs) await releaseLease(deps.db, job.name, holder);
    },
  };
}
