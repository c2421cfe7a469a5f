/**
 * Periodic jobs that run on exactly one instance at a time. Each job takes a lease row in
 * `job_lease` before running; another instance finds the lease held and skips that round. A lease
 * that expires (its holder died) is taken over by the next instance that asks.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

/**
 * Try to take (or renew) the lease `name` for `holder` until now + `leaseMs`.
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

export async function releaseLease(db: Kysely<DB>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_lease').where('name', '=', name).where('holder', '=', holder).execute();
}

export type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

export type Scheduler = { stop: () => Promise<void>; runOnce: (name: string) => Promise<boolean> };

/** Start the jobs on timers; each round runs only if this instance holds the job's lease. */
export function startScheduler(
  deps: { db: Kysely<DB>; clock: Clock; log: Logger },
  holder: string,
  jobs: Job[],
): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  const runOnce = async (name: string): Promise<boolean> => {
    const job = jobs.find((j) => j.name === name);
    if (job === undefined) return false;
    if (!(await acquireLease(deps.db, deps.clock, job.name, holder, job.everyMs * 2))) return false;
    try {
      await job.run();
    } catch (error) {
      deps.log.error({ category: 'scheduler', job: job.name, err: error }, 'job failed');
    }
    return true;
  };
  for (const job of jobs) {
    const timer = setInterval(() => {
      const round = runOnce(job.name).catch((error: unknown) =>
        deps.log.error({ category: 'scheduler', job: job.name, err: error }, 'lease failed'),
      );
      running.add(round);
      void round.finally(() => running.delete(round));
    }, job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  return {
    runOnce,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
      for (const job of jobs) await releaseLease(deps.db, job.name, holder);
    },
  };
}
