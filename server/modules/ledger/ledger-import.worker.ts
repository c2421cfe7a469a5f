/**
 * Entry of a ledger import's worker thread (ledger-import.thread.ts): open the database and the
 * field key as the server does, run the import (ledger-import.job.ts) to its end or check a sheet
 * for the dry run, close.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { openDatabase } from '../../db/database.ts';
import { systemClock } from '../../platform/clock.ts';
import { createFieldCipher, deriveKeys } from '../../platform/crypto.ts';
import { fileStoreFor } from '../../platform/file-store.ts';
import { ulidGenerator } from '../../platform/ids.ts';
import { createLogger } from '../../platform/logger.ts';
import { argon2Hasher } from '../../platform/passwords.ts';
import { checkSheet, runLedgerImport, type ImportProgressView } from './ledger-import.job.ts';
import type { ImportWorkerSetup, WorkerMessage, WorkerTask } from './ledger-import.thread.ts';

const input = workerData as { setup: ImportWorkerSetup; importDir: string; task: WorkerTask };
const { setup } = input;
/**
 * The import connection's SQLite page cache, KiB (SQLite's default is 2 MiB). A batch inserts into a
 * dozen indexes of the petition, the text samples and the rollup; with 2 MiB its dirty pages spill
 * and are written again, and every commit checkpoints more pages. 64 MiB cut the CPU of a 50,000-row
 * import by a third (issue #20). It lives as long as the import's thread.
 */
const IMPORT_PAGE_CACHE_KIB = 65_536;

const database = openDatabase(setup.database);
try {
  if (database.dialect === 'sqlite')
    await sql.raw(`pragma cache_size = -${IMPORT_PAGE_CACHE_KIB}`).execute(database.db);
  const keys = deriveKeys(setup.secret);
  const files = fileStoreFor(database, systemClock, path.join(setup.dataDir, 'attachments'), setup.fileStore);
  const post = (message: WorkerMessage) => parentPort?.postMessage(message);
  const deps = {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    ids: ulidGenerator(() => Date.now()),
    log: createLogger({ logLevel: setup.logLevel }),
    // Imports hash no password; the smallest cost keeps the worker's memory small.
    hasher: argon2Hasher(1024),
    cipher: createFieldCipher(keys.encryptionKey, keys.indexKey),
    outbound: setup.outbound,
    files,
    importDir: input.importDir,
    sharedImports: files.kind === 'database' ? files : null,
    progress: (view: ImportProgressView) => post({ type: 'progress', view }),
  };
  const { task } = input;
  if (task.kind === 'check') {
    post({ type: 'checked', result: await checkSheet(deps, task.actor, task.job, task.mapping) });
  } else {
    post({ type: 'end', outcome: await runLedgerImport(deps, task.importId, task.owner) });
  }
} finally {
  await database.close();
}
