import { describe, expect, it } from 'vitest';
import { loopTurns } from '../test/loop-turns.ts';
import { chunks, inSlices } from './slices.ts';

/** Synchronous work awaited item after item, as a job over better-sqlite3 does. */
const syncWork = async () => {
  let x = 0;
  for (let i = 0; i < 1000; i++) x += i;
  return x;
};

describe('inSlices', () => {
  it('lets the loop turn between slices of the given size, and handles every item once, in order', async () => {
    const seen: number[] = [];
    const turns = loopTurns();
    await inSlices(
      Array.from({ length: 100 }, (_, i) => i),
      async (i) => {
        seen.push(i);
        await syncWork();
      },
      { size: 10, budgetMs: 60_000 },
    );
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(turns.stop()).toBeGreaterThanOrEqual(9);
  });

  it('lets the loop turn when an item takes longer than the budget, whatever the size', async () => {
    const turns = loopTurns();
    await inSlices([1, 2, 3], async () => busy(20), { size: 1000, budgetMs: 10 });
    expect(turns.stop()).toBeGreaterThanOrEqual(2);
  });

  it('without slices the same work never lets the loop turn (what the jobs did before)', async () => {
    const turns = loopTurns();
    for (let i = 0; i < 100; i++) await syncWork();
    expect(turns.stop()).toBe(0);
  });

  it('cuts a list into consecutive groups', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
  });
});

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
