/** Kysely queries of the ledger: saved column mappings, import jobs, the statistics-month setting. */
import type { Kysely } from 'kysely';
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

export async function insertImport(db: Kysely<DB>, row: LedgerImportTable): Promise<void> {
  await db.insertInto('ledger_import').values(row).execute();
}

export async function findImport(db: Kysely<DB>, id: string) {
  return db.selectFrom('ledger_import').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImport(db: Kysely<DB>, id: string, patch: Partial<LedgerImportTable>): Promise<void> {
  await db.updateTable('ledger_import').set(patch).where('id', '=', id).execute();
}
