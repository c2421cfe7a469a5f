/** Kysely queries of the ledger: saved column mappings, import jobs, the statistics-month setting. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, LedgerImportTable } from '../../db/schema.ts';

export async function findMapping(db: Kysely<DB>, layoutHash: string) {
  return db.selectFrom('ledger_mapping').selectAll().where('layout_hash', '=', layoutHash).executeTakeFirst();
}

/** Insert or replace the mapping of a layout. */
export async function saveMapping(db: Kysely<DB>, row: DB['ledger_mapping']): Promise<void> {
  const updated = await db
    .updateTable('ledger_mapping')
    .set({
      mapping_json: row.mapping_json,
      headers_json: row.headers_json,
      updated_by: row.updated_by,
      updated_at: row.updated_at,
    })
    .where('layout_hash', '=', row.layout_hash)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('ledger_mapping').values(row).execute();
}

export async function insertImport(db: Kysely<DB>, row: Insertable<LedgerImportTable>): Promise<void> {
  await db.insertInto('ledger_import').values(row).execute();
}

export async function findImport(db: Kysely<DB>, id: string) {
  return db.selectFrom('ledger_import').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImport(db: Kysely<DB>, id: string, patch: Updateable<LedgerImportTable>): Promise<void> {
  await db.updateTable('ledger_import').set(patch).where('id', '=', id).execute();
}

/**
 * Update a running import held by `owner` (its lease), renewing the lease to `leaseUntil` (null: released).
 * @returns false when the import is no longer running under this owner (another runner claimed it)
 */
export async function updateHeldImport(
  db: Kysely<DB>,
  id: string,
  owner: string,
  leaseUntil: string | null,
  patch: Updateable<LedgerImportTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('ledger_import')
    .set({ ...patch, lease_until: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Running imports whose runner's lease ran out before `now` (its process died or lost the database). */
export async function abandonedImports(db: Kysely<DB>, now: string): Promise<{ id: string }[]> {
  return db
    .selectFrom('ledger_import')
    .select('id')
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('created_at')
    .execute();
}

/** Take over an abandoned running import: at most one claimant wins (the lease is compared in the update). */
export async function claimImport(
  db: Kysely<DB>,
  id: string,
  owner: string,
  now: string,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('ledger_import')
    .set({ lease_owner: owner, lease_until: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Mark an import running under `owner` — unless it already runs or is done (two clicks, two
 * instances: one start wins).
 * @returns false when it was running or done
 */
export async function startHeldImport(
  db: Kysely<DB>,
  id: string,
  patch: Updateable<LedgerImportTable> & { lease_owner: string; lease_until: string },
): Promise<boolean> {
  const result = await db
    .updateTable('ledger_import')
    .set({ ...patch, status: 'running' })
    .where('id', '=', id)
    .where('status', 'not in', ['running', 'done'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
