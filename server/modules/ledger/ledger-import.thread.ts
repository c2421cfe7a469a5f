/**
 * The server's import runner: each import in a worker thread of its own, with its own database
 * connection (ledger-import.worker.ts), so that reading, checking, encrypting and writing a
 * million rows never holds the event loop that answers requests (issue #20: /api/health stays
 * fast during an import). Progress comes back as messages for this instance's registry; the job's
 * row holds it for the others.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig, Config } from '../../config.ts';
import type { OutboundChannels } from '../../platform/deps.ts';
import type { FileStoreKind } from '../../platform/file-store.ts';
import type { Actor } from '../../../common/domain/access.ts';
import type { LedgerMapping } from '../../../common/schemas/ledger.ts';
import type {
  ImportJobDeps,
  ImportProgressView,
  ImportRunner,
  JobRow,
  SheetCheck,
  SheetChecker,
} from './ledger-import.job.ts';

/** What a worker needs to open what the server has open: the database, the field key, the file store. */
export type ImportWorkerSetup = {
  database: DatabaseConfig;
  /** The field-encryption secret (resolved: XINFANG_SECRET or the demo key file). */
  secret: string;
  dataDir: string;
  fileStore: FileStoreKind | null;
  logLevel: Config['logLevel'];
  outbound: OutboundChannels;
};

export type WorkerMessage =
  | { type: 'progress'; view: ImportProgressView }
  | { type: 'end'; outcome: string }
  | { type: 'checked'; result: SheetCheck };

/**
 * The worker runs TypeScript as the server does (tsx): its loader is registered inside the worker
 * before the entry is imported, since Node 20 does not pass the main thread's loader hooks on.
 */
function bootstrap(entry: string): string {
  return `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
}

const ENTRY = new URL('./ledger-import.worker.ts', import.meta.url).href;

/** What a worker is asked: run (or resume) an import it holds, or check a sheet for the dry run. */
export type WorkerTask =
  | { kind: 'run'; importId: string; owner: string }
  | {
      kind: 'check';
      job: Pick<JobRow, 'id' | 'format' | 'headers_json'>;
      actor: Actor;
      mapping: LedgerMapping;
    };

function startWorker(
  setup: ImportWorkerSetup,
  deps: ImportJobDeps,
  task: WorkerTask,
): { worker: Worker; done: Promise<SheetCheck | null> } {
  const worker = new Worker(bootstrap(ENTRY), {
    eval: true,
    workerData: { setup, importDir: path.resolve(deps.importDir), task },
    // The worker's heap is its own: a bound keeps a runaway file from taking the server's memory.
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  const done = new Promise<SheetCheck | null>((resolve, reject) => {
    let checked: SheetCheck | null = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') deps.progress?.(message.view);
      else if (message.type === 'checked') checked = message.result;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code === 0) resolve(checked);
      else reject(new Error(`ledger import worker exited with ${code}`));
    });
  });
  return { worker, done };
}

/** Start the worker of one import: the thread, and a promise settled when it has ended. */
export function startImportWorker(
  setup: ImportWorkerSetup,
  deps: ImportJobDeps,
  importId: string,
  owner: string,
): { worker: Worker; done: Promise<void> } {
  const { worker, done } = startWorker(setup, deps, { kind: 'run', importId, owner });
  return { worker, done: done.then(() => undefined) };
}

/** A runner that runs each import in a worker thread; resolves when the worker has ended. */
export function workerImportRunner(setup: ImportWorkerSetup): ImportRunner {
  return (deps, importId, owner) => startImportWorker(setup, deps, importId, owner).done;
}

/** A checker that checks a sheet (the dry run) in a worker thread: the request waits, the event loop does not. */
export function workerSheetChecker(setup: ImportWorkerSetup): SheetChecker {
  return async (deps, actor, job, mapping) => {
    const result = await startWorker(setup, deps, {
      kind: 'check',
      job: { id: job.id, format: job.format, headers_json: job.headers_json },
      actor,
      mapping,
    }).done;
    if (result === null) throw new Error('the ledger check worker ended without a result');
    return result;
  };
}
