/**
 * Group commit (issue #20): on SQLite, writes that arrive together share one transaction. Every
 * write goes through one connection, one transaction at a time, and each COMMIT writes every page
 * its transaction touched to the WAL — a registration touches ~110 pages (the petition, its event,
 * search text and the repeat samples' b-tree leaves, the rollup, audit, case number), most of them
 * the same pages as the registration before it. Sharing a transaction writes those pages once for
 * the group and commits once.
 *
 * Each write runs in a SAVEPOINT of its own inside the shared transaction: one that fails is
 * rolled back to its savepoint alone (nothing half-written) and its caller gets its error, the
 * others go on. Nobody is answered before the shared COMMIT: a failed COMMIT fails every write of
 * the group, so nothing is acknowledged that was not stored.
 *
 * PostgreSQL commits concurrent transactions on a pool and groups their WAL flushes itself: there
 * the work runs in a transaction of its own (`plainTransactions`).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Run `work` in a transaction (shared or its own); resolves only after that transaction committed. */
export type TransactionRunner = <T>(work: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;

/** Each write in a transaction of its own. */
export function plainTransactions(db: Kysely<DB>): TransactionRunner {
  return (work) => db.transaction().execute(work);
}

/**
 * Writes a group holds at most: the group is one unbroken stretch of synchronous SQLite work, so its
 * size bounds how long a request waits behind it (~16 × 3 ms).
 */
export const GROUP_MAX = 16;

type Member = {
  work: (trx: Kysely<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * A runner that groups the writes queued while the event loop turns once (and those that queue
 * while a group is being written) into one transaction of at most `max` writes.
 * `onGroup` is told each group's size (the bench prints it).
 */
export function groupCommitter(
  db: Kysely<DB>,
  options: { max?: number; onGroup?: (size: number) => void } = {},
): TransactionRunner {
  const max = options.max ?? GROUP_MAX;
  const queue: Member[] = [];
  let scheduled = false;
  let writing = false;

  const flush = async (): Promise<void> => {
    scheduled = false;
    writing = true;
    const group = queue.splice(0, max);
    options.onGroup?.(group.length);
    const outcomes: Outcome[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const member of group) {
          await sql`savepoint group_member`.execute(trx);
          try {
            const value = await member.work(trx);
            await sql`release savepoint group_member`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Only this write is undone; the savepoint is released so the next one opens its own.
            await sql`rollback to savepoint group_member`.execute(trx);
            await sql`release savepoint group_member`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
      group.forEach((member, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok === true) member.resolve(outcome.value);
        else member.reject(outcome?.error);
      });
    } catch (error) {
      // The COMMIT (or a savepoint statement) failed: nothing of the group is stored. A write that
      // failed on its own keeps its own error.
      group.forEach((member, i) => {
        const outcome = outcomes[i];
        member.reject(outcome?.ok === false ? outcome.error : error);
      });
    } finally {
      writing = false;
      if (queue.length > 0) schedule();
    }
  };

  const schedule = (): void => {
    if (scheduled || writing) return;
    scheduled = true;
    // After the I/O of this turn: requests whose bodies arrived together join the same group.
    setImmediate(() => void flush());
  };

  return <T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
}
