/**
 * Where the bytes of stored files live (attachments, appraisal evidence, uploaded ledgers): a
 * directory on this machine (the SQLite default — one process, one disk) or a table of the database
 * (the PostgreSQL default), so that several instances behind a load balancer all see every file
 * (issue #21). Either way a key is written once and never overwritten; the row that points at a file
 * is written after it, and the file removed again when that row's transaction fails.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';

export const FILE_STORE_KINDS = ['filesystem', 'database'] as const;
export type FileStoreKind = (typeof FILE_STORE_KINDS)[number];

export type FileStore = {
  readonly kind: FileStoreKind;
  /** Keep `data` under `key`. @throws when the key is taken (a file is never overwritten) */
  put: (key: string, data: Buffer) => Promise<void>;
  /** The bytes under `key`. @throws FileMissingError when there are none */
  get: (key: string) => Promise<Buffer>;
  /** The size of the file under `key`, or null when there is none (restore checks every attachment). */
  sizeOf: (key: string) => Promise<number | null>;
  /** Remove the file under `key`; nothing happens when there is none. */
  remove: (key: string) => Promise<void>;
};

export class FileMissingError extends Error {
  constructor(key: string) {
    super(`stored file ${key} is missing`);
    this.name = 'FileMissingError';
  }
}

/**
 * Keys are ids we generated, optionally under one folder (`ledger/<id>.csv`); anything else is
 * refused, so a tampered row cannot name a path outside the store.
 */
const KEY = /^(?:[A-Za-z0-9_-]{1,40}\/)?[A-Za-z0-9_-]{1,80}(?:\.[a-z]{1,5})?$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a stored file key: ${key}`);
  return key;
}

/** Files under `dir` (created 0700 on first write; each file 0600, readable by the server's user only). */
export function filesystemStore(dir: string): FileStore {
  const fileOf = (key: string) => path.join(dir, checkKey(key));
  return {
    kind: 'filesystem',
    put: async (key, data) => {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // 'wx': never overwrite an existing file.
      await fs.writeFile(file, data, { flag: 'wx', mode: 0o600 });
    },
    get: async (key) => {
      try {
        return await fs.readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileMissingError(key);
        throw error;
      }
    },
    sizeOf: async (key) => {
      try {
        return (await fs.stat(fileOf(key))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    remove: async (key) => {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}

/**
 * Files in the `stored_file` table (bytea on PostgreSQL, blob on SQLite). Written on the primary
 * outside the caller's transaction, like a file on disk: the row that points at it comes after.
 */
export function databaseStore(db: Kysely<DB>, clock: Clock): FileStore {
  return {
    kind: 'database',
    put: async (key, data) => {
      await db
        .insertInto('stored_file')
        .values({ key: checkKey(key), data, size: data.length, created_at: clock.now().toISOString() })
        .execute();
    },
    get: async (key) => {
      const row = await db.selectFrom('stored_file').select('data').where('key', '=', checkKey(key)).executeTakeFirst();
      if (row === undefined) throw new FileMissingError(key);
      return Buffer.from(row.data);
    },
    sizeOf: async (key) => {
      const row = await db.selectFrom('stored_file').select('size').where('key', '=', checkKey(key)).executeTakeFirst();
      return row?.size ?? null;
    },
    remove: async (key) => {
      await db.deleteFrom('stored_file').where('key', '=', checkKey(key)).execute();
    },
  };
}

/**
 * The store a deployment uses: `kind` when configured (XINFANG_FILE_STORE), else the database on
 * PostgreSQL (several instances share it) and the directory on SQLite.
 */
export function fileStoreFor(
  database: { db: Kysely<DB>; dialect: 'sqlite' | 'postgres' },
  clock: Clock,
  dir: string,
  kind: FileStoreKind | null = null,
): FileStore {
  const chosen = kind ?? (database.dialect === 'postgres' ? 'database' : 'filesystem');
  return chosen === 'database' ? databaseStore(database.db, clock) : filesystemStore(dir);
}
