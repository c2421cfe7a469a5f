/**
 * callOffThread runs a computation in a worker thread, at most OFF_THREAD_MAX at once (issue #20: a
 * burst of dashboards must not start a worker each); the others wait and still get their answer,
 * and a failing one rejects without holding a turn.
 */
import { describe, expect, it } from 'vitest';
import { callOffThread, OFF_THREAD_MAX } from './off-thread.ts';

const PROBE = new URL('../test/off-thread-probe.ts', import.meta.url).href;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('callOffThread', () => {
  it('runs no more than OFF_THREAD_MAX workers at once, and answers every call', async () => {
    const shared = new SharedArrayBuffer(12);
    const counts = new Int32Array(shared);
    const calls = Array.from({ length: OFF_THREAD_MAX + 3 }, () => callOffThread<number>(PROBE, 'hold', [shared]));
    // The first turn's workers all running (however slowly they start), then time for one too many to show.
    while (Atomics.load(counts, 0) < OFF_THREAD_MAX) await sleep(20);
    await sleep(500);
    expect(Atomics.load(counts, 0)).toBe(OFF_THREAD_MAX);
    Atomics.store(counts, 2, 1);
    Atomics.notify(counts, 2);
    expect(await Promise.all(calls)).toHaveLength(OFF_THREAD_MAX + 3);
    expect(Atomics.load(counts, 1)).toBe(OFF_THREAD_MAX);
  }, 60_000);

  it("rejects with the worker's error and gives its turn to the next call", async () => {
    const failures = await Promise.allSettled(
      Array.from({ length: OFF_THREAD_MAX + 1 }, () => callOffThread(PROBE, 'fail', [])),
    );
    for (const failure of failures) {
      expect(failure.status).toBe('rejected');
      expect(String((failure as PromiseRejectedResult).reason)).toContain('the probe failed on purpose');
    }
    const shared = new SharedArrayBuffer(12);
    Atomics.store(new Int32Array(shared), 2, 1);
    expect(await callOffThread<number>(PROBE, 'hold', [shared])).toBe(1);
  }, 60_000);
});
