/**
 * The phone's outbox of daily reports: a report filed without network is kept in IndexedDB (written
 * by hand, no library) under its report key until the server has it. Sending again with the same
 * key is safe — the server answers with the same report — so a report is never lost (kept until an
 * answer) and never counted twice (one key, one row).
 */
import type { DailyReportInput } from '../../../../common/schemas/daily-report.ts';

const DB_NAME = 'xinfang-daily-report';
const STORE = 'outbox';

/** A report waiting on the phone; `refused` once the server answered no (a closed day …), kept to show. */
export type OutboxEntry = { input: DailyReportInput & { reportKey: string }; savedAt: string; refused: string | null };

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'input.reportKey' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export function keepReport(entry: OutboxEntry): Promise<IDBValidKey> {
  return run('readwrite', (store) => store.put(entry));
}

export function keptReports(): Promise<OutboxEntry[]> {
  return run('readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>);
}

export function forgetReport(reportKey: string): Promise<undefined> {
  return run('readwrite', (store) => store.delete(reportKey));
}
