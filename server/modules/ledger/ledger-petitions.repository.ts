/**
 * Kysely queries of the ledger (台账) paths of the petition module: keyset pages of the filtered
 * list with everything a ledger row shows, and the bulk inserts of an import (many rows per
 * statement, inside the caller's transaction).
 */
import type { Kysely } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import type { DB, PetitionImportSourceTable } from '../../db/schema.ts';
import { filteredPetitions, type PetitionFilter } from './ledger-list.repository.ts';

/** Position after the last row of a page, newest first: (received_at, id) descending. */
export type LedgerCursor = { receivedAt: string; id: string };

/**
 * The next page of the filtered petitions after `cursor`, newest first, by keyset (never OFFSET,
 * so page 1000 costs what page 1 costs), with the display joins of a ledger row.
 */
export async function ledgerPage(db: Kysely<DB>, filter: PetitionFilter, cursor: LedgerCursor | null, limit: number) {
  let base = await filteredPetitions(db, filter);
  if (cursor !== null) {
    const { receivedAt, id } = cursor;
    // `received_at <= x AND NOT (received_at = x AND id >= y)`: the same rows as the row-value
    // comparison (received_at, id) < (x, y), written so the received_at index gives a range.
    base = base
      .where('petition.received_at', '<=', receivedAt)
      .where((eb) => eb.not(eb.and([eb('petition.received_at', '=', receivedAt), eb('petition.id', '>=', id)])));
  }
  const ids = (
    await base
      .select('petition.id')
      .orderBy('petition.received_at', 'desc')
      .orderBy('petition.id', 'desc')
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('petition')
    .innerJoin('unit as ru', 'ru.id', 'petition.registered_unit_id')
    .leftJoin('unit as hu', 'hu.id', 'petition.handling_unit_id')
    .leftJoin('app_user as owner', 'owner.id', 'petition.owner_id')
    .leftJoin('category', 'category.code', 'petition.category_code')
    // The columns a ledger row shows and the access decision reads — not `petition.*`: building
    // 48 properties per row where 29 are read was a fifth of the export's time (issue #20).
    .select([
      'petition.id',
      'petition.case_number',
      'petition.received_at',
      'petition.channel',
      'petition.type',
      'petition.is_anonymous',
      'petition.headcount',
      'petition.registered_unit_id',
      'petition.handling_unit_id',
      'petition.owner_id',
      'petition.handler_id',
      'petition.category_code',
      'petition.title',
      'petition.state',
      'petition.outcomes',
      'petition.reply_result',
      'petition.satisfaction',
      'petition.is_group',
      'petition.is_skip_level',
      'petition.is_repeat',
      'petition.supervision_level',
      'petition.acceptance_due',
      'petition.acceptance_status',
      'petition.conclusion_due',
      'petition.conclusion_status',
      'ru.path as registered_path',
      'hu.path as handling_path',
      'owner.display_name as owner_name',
      'category.name as category_name',
    ])
    .where('petition.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
}

/**
 * The people, involved units and named persons of a page of petitions, each in one query. (No
 * events: a row's 受理/办结 due dates and statuses are the derived columns the engine keeps with
 * every event, read with the page — recomputing them from the events was a third of the export.)
 */
export async function ledgerPageDetails(db: Kysely<DB>, ids: readonly string[]) {
  const list = [...ids];
  if (list.length === 0) list.push('');
  const [petitioners, units, named] = await Promise.all([
    db
      .selectFrom('petition_petitioner')
      .innerJoin('petitioner', 'petitioner.id', 'petition_petitioner.petitioner_id')
      .select([
        'petition_petitioner.petition_id',
        'petitioner.name',
        'petition_petitioner.is_representative',
        'petition_petitioner.sort_order',
      ])
      .where('petition_petitioner.petition_id', 'in', list)
      .orderBy('petition_petitioner.sort_order')
      .execute(),
    db.selectFrom('petition_unit').select(['petition_id', 'unit_id']).where('petition_id', 'in', list).execute(),
    db
      .selectFrom('petition_named_person')
      .select(['petition_id', 'name', 'unit_id', 'unit_text', 'position'])
      .where('petition_id', 'in', list)
      .orderBy('petition_id')
      .orderBy('id')
      .execute(),
  ]);
  return { petitioners, units, named };
}

/** Where each imported petition came from (its source key), many rows per statement. */
export async function insertImportSources(db: Kysely<DB>, rows: readonly PetitionImportSourceTable[]): Promise<void> {
  await insertRows(db, 'petition_import_source', rows);
}

/** Source keys among `keys` that were imported before. */
export async function existingSourceKeys(db: Kysely<DB>, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db
      .selectFrom('petition_import_source')
      .select('source_key')
      .where('source_key', 'in', keys.slice(i, i + 1000))
      .execute();
    for (const row of rows) found.add(row.source_key);
  }
  return found;
}
