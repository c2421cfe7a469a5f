/**
 * A pure computation of a scheduled job or a request run in a worker thread (issue #20): the event
 * loop that answers requests goes on while it runs. For work that cannot be cut into slices —
 * segmenting and clustering 5,000 texts for the hotspot signal (≈ 0.6 s) or the 2,000–3,000 of the
 * dashboard's and the text pages' 热点 (0.5–1.2 s), training the category model (≈ 0.4–1 s at a
 * million petitions) — each a single call from plain data to plain data.
 *
 * The worker is started for the call and ends with it (these jobs run every 15 minutes or daily; a
 * worker costs a few hundred milliseconds to start, on its own thread). It runs TypeScript as the
 * server does: tsx's loader is registered inside the worker before the module is imported, since
 * Node 20 does not pass the main thread's loader hooks on (as ledger-import.thread.ts).
 */
import { Worker } from 'node:worker_threads';

const ENTRY = `
const { parentPort, workerData } = require('node:worker_threads');
import('tsx/esm/api')
  .then(({ register }) => { register(); return import(workerData.module); })
  .then(async (module) => {
    const value = await module[workerData.name](...workerData.args);
    parentPort.postMessage({ ok: true, value });
  })
  .catch((error) => parentPort.postMessage({ ok: false, message: String(error && error.stack || error) }));
`;

/**
 * Workers running at once, at most: a worker costs its own heap and module copy (tens of MiB) and a
 * core, so a burst of leaders opening the dashboard's 热点 together queues for two workers rather than
 * starting one each beside the event loop and the database (issue #20).
 */
export const OFF_THREAD_MAX = 2;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Call the export `name` of the module at `moduleUrl` (an absolute file URL) with `args` in a worker
 * thread and return its result. Arguments and result cross by structured clone: plain data only. No
 * more than OFF_THREAD_MAX run at once; the others wait their turn, in order.
 * @throws the worker's error, or an error when it ended without a result
 */
export async function callOffThread<T>(moduleUrl: string, name: string, args: readonly unknown[]): Promise<T> {
  if (running >= OFF_THREAD_MAX) await new Promise<void>((turn) => waiting.push(turn));
  running += 1;
  try {
    return await inWorker<T>(moduleUrl, name, args);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function inWorker<T>(moduleUrl: string, name: string, args: readonly unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(ENTRY, {
      eval: true,
      workerData: { module: moduleUrl, name, args },
      // Its heap is its own: a bound keeps a runaway computation from taking the server's memory.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let settled = false;
    worker.once('message', (message: { ok: true; value: T } | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) resolve(message.value);
      else reject(new Error(message.message));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`${name} worker ended (${code}) without a result`));
    });
  });
}
