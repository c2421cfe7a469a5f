/**
 * SQLite's write-ahead log folded back into the database file by a worker thread (issue #20).
 * SQLite checkpoints on the connection whose commit fills the log (wal_autocheckpoint, 1,000 pages):
 * that commit copies the pages into the database file and syncs it, on the server's event loop —
 * 120 ms on a quiet disk for a 2 GB database, seconds on a busy one, and every request waits. The
 * server turns that off on its connection and a worker thread with its own connection runs a PASSIVE
 * checkpoint every few seconds (it waits for no reader or writer); the server's next write restarts
 * the log from the beginning once it has all been copied. If the worker fails, the server's
 * connection checkpoints again itself. Closing the database truncates the log (database.ts).
 */
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Database } from './database.ts';

/** How often the worker folds the log back. */
export const CHECKPOINT_EVERY_MS = 5_000;
/** SQLite's own default, restored when the worker stops. */
const AUTOCHECKPOINT_PAGES = 1000;

/** One checkpoint as SQLite reports it: pages in the log, pages copied; busy when it could not start. */
export type CheckpointResult = { busy: number; log: number; checkpointed: number };

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import('better-sqlite3').then(({ default: Sqlite }) => {
  const db = new Sqlite(workerData.file);
  const round = () => {
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ type: 'checkpoint', result });
    } catch (error) {
      parentPort.postMessage({ type: 'error', message: String(error) });
    }
  };
  const timer = setInterval(round, workerData.everyMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
});
`;

export type Checkpointer = { stop: () => Promise<void> };

/**
 * Start the worker for this SQLite database (nothing on PostgreSQL) and turn the server connection's
 * own checkpoints off. `onCheckpoint` hears each round (tests, logs).
 */
export async function startCheckpointer(
  database: Database,
  file: string,
  options: {
    everyMs?: number;
    onCheckpoint?: (result: CheckpointResult) => void;
    onError?: (message: string) => void;
  } = {},
): Promise<Checkpointer> {
  if (database.dialect !== 'sqlite' || file === ':memory:') return { stop: async () => {} };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS },
  });
  worker.unref();
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const selfCheckpoint = (pages: number) => sql.raw(`pragma wal_autocheckpoint = ${pages}`).execute(database.db);
  let running = true;
  const fallBack = (message: string) => {
    options.onError?.(message);
    if (running) void selfCheckpoint(AUTOCHECKPOINT_PAGES).catch(() => undefined);
  };
  worker.on(
    'message',
    (message: { type: 'checkpoint'; result: CheckpointResult } | { type: 'error'; message: string }) => {
      if (message.type === 'checkpoint') options.onCheckpoint?.(message.result);
      else fallBack(message.message);
    },
  );
  worker.on('error', (error) => fallBack(String(error)));
  await selfCheckpoint(0);
  return {
    stop: async () => {
      running = false;
      // Unreferenced while it runs (it must not keep a finished process alive), it is waited for here:
      // referenced again, or the process would end before its exit is heard, and never log "stopped".
      worker.ref();
      worker.postMessage('stop');
      await exited;
      await selfCheckpoint(AUTOCHECKPOINT_PAGES);
    },
  };
}
