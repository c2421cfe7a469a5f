/**
 * Where an uploaded ledger's bytes are: this machine's import directory, and — with several
 * instances — the shared store, so that the dry run and the import may be asked of (or resumed by)
 * another instance than the one that received the upload.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileStore } from '../../platform/file-store.ts';
import type { IdGenerator } from '../../platform/ids.ts';

export type UploadDeps = {
  /** Uploaded ledgers waiting for their import (`<dataDir>/ledger-imports`), read from this machine's disk. */
  importDir: string;
  /** The shared store of uploads with several instances; null: one instance, its own disk. */
  sharedImports: FileStore | null;
  ids: IdGenerator;
};

/** The shared store's key of an uploaded ledger. */
export function sharedKeyOf(id: string, format: 'xlsx' | 'csv'): string {
  return `ledger/${id}.${format}`;
}

export function fileOf(deps: Pick<UploadDeps, 'importDir'>, id: string, format: 'xlsx' | 'csv'): string {
  return path.join(deps.importDir, `${id}.${format}`);
}

/**
 * The uploaded file on this machine's disk: when another instance received the upload, its bytes
 * are fetched from the shared store first.
 */
export async function localFileOf(deps: UploadDeps, id: string, format: 'xlsx' | 'csv'): Promise<string> {
  const file = fileOf(deps, id, format);
  if (deps.sharedImports !== null && !fs.existsSync(file)) {
    const data = await deps.sharedImports.get(sharedKeyOf(id, format));
    fs.mkdirSync(deps.importDir, { recursive: true, mode: 0o700 });
    // Another request may be fetching it too: write aside, then rename into place (atomic).
    const partial = `${file}.${deps.ids.next()}.part`;
    fs.writeFileSync(partial, data, { mode: 0o600 });
    fs.renameSync(partial, file);
  }
  return file;
}

/** Forget an uploaded file: on this disk and in the shared store. */
export async function removeUpload(deps: UploadDeps, id: string, format: 'xlsx' | 'csv'): Promise<void> {
  fs.rmSync(fileOf(deps, id, format), { force: true });
  if (deps.sharedImports !== null) await deps.sharedImports.remove(sharedKeyOf(id, format));
}
