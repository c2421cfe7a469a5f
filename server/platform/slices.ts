/**
 * Work of a scheduled job cut into slices with a turn of the event loop between them (issue #20).
 * On SQLite every query is synchronous (better-sqlite3): a job awaiting query after query never lets
 * the loop turn, so a deadline sweep over 37,000 open cases held every request for a minute. A job
 * walks its items through `inSlices`, which lets the loop turn (setImmediate: pending requests, timers
 * and I/O run) after `size` items or once `budgetMs` has been spent, whichever comes first.
 *
 * Each turn is also where a job run by the scheduler stops when the server does (SIGTERM): its
 * items are each a transaction of their own and idempotent, so the next run picks up the rest.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Items a job handles between two turns of the loop, at most (each is a short transaction or less). */
export const SLICE_ITEMS = 25;
/** The longest a job keeps the loop between two turns, when its items are slower than expected. */
export const SLICE_BUDGET_MS = 50;

const stopSignal = new AsyncLocalStorage<AbortSignal>();

/** Run `work` so that its turns of the loop throw once `signal` is aborted (platform/scheduler.ts). */
export function stoppableBy<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return stopSignal.run(signal, work);
}

/**
 * Let pending requests, timers and I/O run before going on.
 * @throws the abort reason when the job this runs in is being stopped
 */
export async function yieldToLoop(): Promise<void> {
  await nextTurn();
  stopSignal.getStore()?.throwIfAborted();
}

/** Run `work` on each item in order, letting the loop turn every `size` items or `budgetMs`. */
export async function inSlices<T>(
  items: Iterable<T>,
  work: (item: T) => Promise<unknown>,
  { size = SLICE_ITEMS, budgetMs = SLICE_BUDGET_MS }: { size?: number; budgetMs?: number } = {},
): Promise<void> {
  let done = 0;
  let since = performance.now();
  for (const item of items) {
    if (done === size || performance.now() - since >= budgetMs) {
      await yieldToLoop();
      done = 0;
      since = performance.now();
    }
    await work(item);
    done += 1;
  }
}

/** Consecutive groups of `size` items (a bulk look-up per group, then the items one by one). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
