import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/test-context.ts';
import { DUE_EARLY_MS, LEASE_MS, startScheduler, type Job, type Scheduler } from './scheduler.ts';
import { inSlices } from './slices.ts';

let ctx: TestContext;
const started: Scheduler[] = [];
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  for (const scheduler of started.splice(0)) await scheduler.stop();
  await ctx.close();
});

const PERIOD = 15 * 60_000;
/** When a run that started at `t` makes the next one due. */
const dueAfter = (t: number) => new Date(t + PERIOD - DUE_EARLY_MS);
// No timer round fires during a test (the test calls runOnce); the heartbeat is real time.
const NO_TICKS = 3_600_000;

/** A job whose runs the test ends by hand, counting which instance ran it. */
function longJob() {
  const runs: string[] = [];
  const finishers: (() => void)[] = [];
  const jobFor = (instance: string): Job => ({
    name: 'warning-scan',
    everyMs: PERIOD,
    run: () =>
      new Promise<void>((resolve) => {
        runs.push(instance);
        finishers.push(resolve);
      }),
  });
  const finishAll = () => {
    for (const finish of finishers.splice(0)) finish();
  };
  return { runs, jobFor, finishAll };
}

function schedulerOf(instance: string, job: Job, heartbeatMs: number): Scheduler {
  const scheduler = startScheduler(ctx.deps, instance, [job], { heartbeatMs, tickMs: NO_TICKS });
  started.push(scheduler);
  return scheduler;
}

async function leaseUntil(): Promise<string | undefined> {
  const row = await ctx.deps.db
    .selectFrom('job_lease')
    .select('lease_until')
    .where('name', '=', 'warning-scan')
    .executeTakeFirst();
  return row?.lease_until;
}

/** Wait (real time) until the running holder's heartbeat has renewed the lease to now + 60 s. */
async function heartbeatLanded(): Promise<void> {
  const expected = new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString();
  for (let i = 0; i < 400; i += 1) {
    if ((await leaseUntil()) === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no heartbeat renewed the lease to ${expected}`);
}

describe('job leases', () => {
  it('lets another instance take over the job of a crashed holder within 60 seconds', async () => {
    const job = longJob();
    // A takes the job and then "crashes": its heartbeat never fires again and its run never ends.
    const a = schedulerOf('instance-a', job.jobFor('a'), NO_TICKS);
    const b = schedulerOf('instance-b', job.jobFor('b'), NO_TICKS);
    const aRound = a.runOnce('warning-scan');
    await expect.poll(() => job.runs).toEqual(['a']);
    expect(await b.runOnce('warning-scan')).toBe(false);
    ctx.clock.advance(LEASE_MS - 1_000);
    expect(await b.runOnce('warning-scan')).toBe(false);
    ctx.clock.advance(1_001);
    const bRound = b.runOnce('warning-scan');
    await expect.poll(() => job.runs).toEqual(['a', 'b']);
    job.finishAll();
    expect(await bRound).toBe(true);
    expect(await aRound).toBe(true);
    // B's run set the next due time; A, back from the dead, cannot move it.
    expect(await leaseUntil()).toBe(dueAfter(ctx.clock.now().getTime()).toISOString());
  });

  it('counts every run over all instances: a job both instances ask for at start runs once (issue #21)', async () => {
    const job = longJob();
    const a = schedulerOf('instance-a', job.jobFor('a'), NO_TICKS);
    const b = schedulerOf('instance-b', job.jobFor('b'), NO_TICKS);
    const [aRound, bRound] = [a.runOnce('warning-scan'), b.runOnce('warning-scan')];
    await expect.poll(() => job.runs.length).toBe(1);
    job.finishAll();
    expect([await aRound, await bRound].filter(Boolean)).toHaveLength(1);
    const row = await ctx.deps.db
      .selectFrom('job_lease')
      .selectAll()
      .where('name', '=', 'warning-scan')
      .executeTakeFirst();
    expect(row).toMatchObject({ runs: 1, last_started_at: ctx.clock.now().toISOString() });
    // One period later it is due again: the second run is counted too.
    ctx.clock.advance(PERIOD);
    const again = a.runOnce('warning-scan');
    await expect.poll(() => job.runs.length).toBe(2);
    job.finishAll();
    expect(await again).toBe(true);
    expect((await ctx.deps.db.selectFrom('job_lease').select('runs').executeTakeFirst())?.runs).toBe(2);
  });

  it('never runs a long job twice while its holder is alive and beating', async () => {
    const job = longJob();
    const a = schedulerOf('instance-a', job.jobFor('a'), 2);
    const b = schedulerOf('instance-b', job.jobFor('b'), NO_TICKS);
    const startedAt = ctx.clock.now().getTime();
    const aRound = a.runOnce('warning-scan');
    await expect.poll(() => job.runs).toEqual(['a']);
    // Twelve minutes of a running scan, 30 s at a time: B asks at every step and is refused.
    for (let step = 0; step < 24; step += 1) {
      ctx.clock.advance(30_000);
      await heartbeatLanded();
      expect(await b.runOnce('warning-scan')).toBe(false);
      expect(await a.runOnce('warning-scan')).toBe(false);
    }
    job.finishAll();
    expect(await aRound).toBe(true);
    // Finished: the lease now says when the next run is due, one period after this one started.
    expect(await leaseUntil()).toBe(dueAfter(startedAt).toISOString());
    ctx.clock.set(new Date(dueAfter(startedAt).getTime() - 1_000));
    expect(await b.runOnce('warning-scan')).toBe(false);
    ctx.clock.advance(1_001);
    const bRound = b.runOnce('warning-scan');
    await expect.poll(() => job.runs).toEqual(['a', 'b']);
    job.finishAll();
    expect(await bRound).toBe(true);
  });

  it('keeps the period across instances: a finished job is due again one period (less a second) after it started', async () => {
    let runs = 0;
    const job: Job = {
      name: 'warning-scan',
      everyMs: PERIOD,
      run: async () => {
        runs += 1;
      },
    };
    const a = schedulerOf('instance-a', job, NO_TICKS);
    const b = schedulerOf('instance-b', job, NO_TICKS);
    expect(await a.runOnce('warning-scan')).toBe(true);
    ctx.clock.advance(PERIOD - DUE_EARLY_MS - 1);
    expect(await b.runOnce('warning-scan')).toBe(false);
    expect(await a.runOnce('warning-scan')).toBe(false);
    ctx.clock.advance(1);
    expect(await b.runOnce('warning-scan')).toBe(true);
    expect(runs).toBe(2);
  });

  it('runs a due job from its own timer, once per period', async () => {
    let runs = 0;
    const job: Job = {
      name: 'warning-scan',
      everyMs: PERIOD,
      run: async () => {
        runs += 1;
      },
    };
    started.push(startScheduler(ctx.deps, 'instance-a', [job], { tickMs: 5 }));
    await expect.poll(() => runs).toBe(1);
    // Ticks keep coming (real time) but the injected clock has not moved: not due.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).toBe(1);
    ctx.clock.advance(PERIOD);
    await expect.poll(() => runs).toBe(2);
  });
});

describe('stopping with the server (issue #20)', () => {
  it('stops a job working in slices at its next slice, hands its lease back and starts nothing more', async () => {
    let handled = 0;
    const endless: Job = {
      name: 'deadline-sweep',
      everyMs: PERIOD,
      // Items without end, as a sweep over more cases than a stop can wait for.
      run: () =>
        inSlices(
          (function* () {
            for (;;) yield handled;
          })(),
          async () => {
            handled += 1;
          },
          { size: 10 },
        ),
    };
    const scheduler = startScheduler(ctx.deps, 'a', [endless], { tickMs: NO_TICKS });
    const run = scheduler.runOnce('deadline-sweep');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop();
    expect(await run).toBe(true);
    const stoppedAt = handled;
    expect(stoppedAt).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toBe(stoppedAt);
    // The lease is free for another instance at once.
    expect(
      await ctx.deps.db.selectFrom('job_lease').selectAll().where('name', '=', 'deadline-sweep').execute(),
    ).toEqual([]);
    expect(await scheduler.runOnce('deadline-sweep')).toBe(false);
  });
});
