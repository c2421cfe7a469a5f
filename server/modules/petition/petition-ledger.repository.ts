/**
 * Kysely queries of the ledger (台账) paths of the petition module: keyset pages of the filtered
 * list with everything a ledger row shows, and the bulk inserts of an import (many rows per
 * statement, inside the caller's transaction).
 */
import type { Kysely } from 'kysely';
import type { DB, PetitionEventTable, PetitionerTable, PetitionImportSourceTable } from '../../db/schema.ts';
import { filteredPetitions, type PetitionFilter, type PetitionRow } from './petition.repository.ts';

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
    .selectAll('petition')
    .select([
      'ru.path as registered_unit_path',
      'hu.path as handling_unit_path',
      'owner.display_name as owner_name',
      'category.name as category_name',
    ])
    .where('petition.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
}

/** The people, units, co-handlers, named persons, conflicts and events of a page of petitions, each in one query. */
export async function ledgerPageDetails(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return { petitioners: [], units: [], coHandlers: [], named: [], conflicts: [], events: [] };
  const list = [...ids];
  const [petitioners, units, coHandlers, named, conflicts, events] = await Promise.all([
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
    db.selectFrom('petition_co_handler').select(['petition_id', 'user_id']).where('petition_id', 'in', list).execute(),
    db
      .selectFrom('petition_named_person')
      .select(['petition_id', 'user_id'])
      .where('petition_id', 'in', list)
      .execute(),
    db.selectFrom('conflict_declaration').select(['petition_id', 'user_id']).where('petition_id', 'in', list).execute(),
    db
      .selectFrom('petition_event')
      .select(['petition_id', 'kind', 'at', 'data_json'])
      .where('petition_id', 'in', list)
      .orderBy('petition_id')
      .orderBy('seq')
      .execute(),
  ]);
  return { petitioners, units, coHandlers, named, conflicts, events };
}

export async function allUnits(db: Kysely<DB>) {
  return db.selectFrom('unit').select(['id', 'name', 'path', 'active']).execute();
}

export async function allCategories(db: Kysely<DB>) {
  return db.selectFrom('category').select(['code', 'name', 'parent_code', 'active']).execute();
}

// ---------------------------------------------------------------------------------------------
// Bulk writes of an import (inside the caller's transaction)

/**
 * Rows per INSERT: the petition row has ~36 columns, so 250 rows stay far below SQLite's 32 766
 * and PostgreSQL's 65 535 bound parameters.
 */
const CHUNK = 250;

async function insertChunked<T extends keyof DB>(db: Kysely<DB>, table: T, rows: readonly DB[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // The row types are the table's own; Kysely's insert value type is structurally the same.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

export const insertPetitionsBulk = (db: Kysely<DB>, rows: readonly PetitionRow[]) =>
  insertChunked(db, 'petition', rows);
export const insertPetitionersBulk = (db: Kysely<DB>, rows: readonly PetitionerTable[]) =>
  insertChunked(db, 'petitioner', rows);
export const insertPetitionPetitionersBulk = (db: Kysely<DB>, rows: readonly DB['petition_petitioner'][]) =>
  insertChunked(db, 'petition_petitioner', rows);
export const insertPetitionUnitsBulk = (db: Kysely<DB>, rows: readonly DB['petition_unit'][]) =>
  insertChunked(db, 'petition_unit', rows);
export const insertEventsBulk = (db: Kysely<DB>, rows: readonly PetitionEventTable[]) =>
  insertChunked(db, 'petition_event', rows);
export const insertImportSourcesBulk = (db: Kysely<DB>, rows: readonly PetitionImportSourceTable[]) =>
  insertChunked(db, 'petition_import_source', rows);

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

/** Petitioners already on file with one of these blind indexes, with the newest petition of each (repeat flag). */
export async function petitionersByIndexes(
  db: Kysely<DB>,
  column: 'id_number_index' | 'phone_index',
  indexes: readonly string[],
) {
  const out: { id: string; index: string; lastPetitionId: string | null }[] = [];
  for (let i = 0; i < indexes.length; i += 1000) {
    const rows = await db
      .selectFrom('petitioner')
      .select(['petitioner.id', `petitioner.${column} as index`])
      .select((eb) =>
        eb
          .selectFrom('petition_petitioner')
          .innerJoin('petition', 'petition.id', 'petition_petitioner.petition_id')
          .select('petition.id')
          .whereRef('petition_petitioner.petitioner_id', '=', 'petitioner.id')
          .orderBy('petition.received_at', 'desc')
          .limit(1)
          .as('last_petition_id'),
      )
      .where(column, 'in', indexes.slice(i, i + 1000))
      .execute();
    for (const row of rows)
      if (row.index !== null) out.push({ id: row.id, index: row.index, lastPetitionId: row.last_petition_id });
  }
  return out;
}

/** Reserve `count` case numbers of a year in one statement. @returns the first number reserved */
export async function reserveCaseNumbers(db: Kysely<DB>, year: number, count: number): Promise<number> {
  const bumped = await db
    .updateTable('case_counter')
    .set((eb) => ({ last_number: eb('last_number', '+', count) }))
    .where('year', '=', year)
    .returning('last_number')
    .executeTakeFirst();
  if (bumped !== undefined) return bumped.last_number - count + 1;
  await db.insertInto('case_counter').values({ year, last_number: count }).execute();
  return 1;
}

/** The import sources of some petitions (the old case number shown beside the new one). */
export async function sourcesOf(db: Kysely<DB>, petitionIds: readonly string[]) {
  if (petitionIds.length === 0) return [];
  return db
    .selectFrom('petition_import_source')
    .select(['petition_id', 'source_key', 'source_case_number'])
    .where('petition_id', 'in', [...petitionIds])
    .execute();
}
