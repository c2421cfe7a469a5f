/** Every SQL statement on the `daily_report` and `daily_report_item` tables. */
import { sql, type Kysely } from 'kysely';
import type { DailyReportItemTable, DailyReportTable, DB } from '../../db/schema.ts';
import { unitIdsUnder } from '../unit/index.ts';

export type DailyReportRow = DailyReportTable;
export type DailyReportItemRow = DailyReportItemTable;

/** A report with the names and the unit path its view and its access decision need. */
export type DailyReportNamedRow = DailyReportRow & { unit_name: string; unit_path: string; submitted_by_name: string };

/** An item with its petition's case number. */
export type DailyReportItemNamedRow = DailyReportItemRow & { case_number: string | null };

function named(db: Kysely<DB>) {
  return db
    .selectFrom('daily_report')
    .innerJoin('unit', 'unit.id', 'daily_report.unit_id')
    .innerJoin('app_user', 'app_user.id', 'daily_report.submitted_by')
    .selectAll('daily_report')
    .select(['unit.name as unit_name', 'unit.path as unit_path', 'app_user.display_name as submitted_by_name']);
}

export async function findReport(db: Kysely<DB>, id: string): Promise<DailyReportNamedRow | undefined> {
  return named(db).where('daily_report.id', '=', id).executeTakeFirst();
}

export async function findReportByKey(db: Kysely<DB>, key: string): Promise<DailyReportNamedRow | undefined> {
  return named(db).where('daily_report.report_key', '=', key).executeTakeFirst();
}

export async function findReportOfUnitDay(
  db: Kysely<DB>,
  unitId: string,
  date: string,
): Promise<DailyReportNamedRow | undefined> {
  return named(db)
    .where('daily_report.unit_id', '=', unitId)
    .where('daily_report.report_date', '=', date)
    .executeTakeFirst();
}

/** The report and its items; the unique keys (unit and day, report key) refuse a second row. */
export async function insertReport(
  db: Kysely<DB>,
  row: DailyReportRow,
  items: readonly DailyReportItemRow[],
): Promise<void> {
  await db.insertInto('daily_report').values(row).execute();
  if (items.length > 0)
    await db
      .insertInto('daily_report_item')
      .values([...items])
      .execute();
}

function namedItems(db: Kysely<DB>) {
  return db
    .selectFrom('daily_report_item')
    .leftJoin('petition', 'petition.id', 'daily_report_item.petition_id')
    .selectAll('daily_report_item')
    .select('petition.case_number');
}

export async function itemsOfReports(db: Kysely<DB>, reportIds: readonly string[]): Promise<DailyReportItemNamedRow[]> {
  if (reportIds.length === 0) return [];
  return namedItems(db)
    .where('daily_report_item.report_id', 'in', reportIds)
    .orderBy('daily_report_item.report_id')
    .orderBy('daily_report_item.seq')
    .execute();
}

export async function findItem(db: Kysely<DB>, id: string): Promise<DailyReportItemNamedRow | undefined> {
  return namedItems(db).where('daily_report_item.id', '=', id).executeTakeFirst();
}

/** Links an item to the petition it became; false when it already is (nothing written). */
export async function linkItemToPetition(db: Kysely<DB>, id: string, petitionId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('daily_report_item')
    .set({ petition_id: petitionId, linked_at: at })
    .where('id', '=', id)
    .where('petition_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Link an item to the hazard it became; false when it already has one. */
export async function linkItemToHazard(db: Kysely<DB>, id: string, hazardId: string): Promise<boolean> {
  const result = await db
    .updateTable('daily_report_item')
    .set({ hazard_id: hazardId })
    .where('id', '=', id)
    .where('hazard_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What the morning view counts for one report: no text, so it is read from the date index alone. */
export type DayReportRow = Pick<DailyReportRow, 'id' | 'unit_id' | 'late' | 'nil' | 'item_count' | 'submitted_at'>;

/** The reports of one day at the units of a subtree. */
export async function reportsOfDay(db: Kysely<DB>, date: string, path: string): Promise<DayReportRow[]> {
  // The subtree as a subquery resolved once (the unit module's), so the date index stays usable.
  return db
    .selectFrom('daily_report')
    .select(['id', 'unit_id', 'late', 'nil', 'item_count', 'submitted_at'])
    .where('report_date', '=', date)
    .where('unit_id', 'in', unitIdsUnder(db, path))
    .execute();
}

/** The units (of `unitIds`) that have a report for `date`: those the chase leaves alone. */
export async function unitsReported(db: Kysely<DB>, date: string, unitIds: readonly string[]): Promise<Set<string>> {
  if (unitIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('daily_report')
    .select('unit_id')
    .where('report_date', '=', date)
    .where('unit_id', 'in', unitIds)
    .execute();
  return new Set(rows.map((r) => r.unit_id));
}

/**
 * Per unit of a subtree: the reports of the days due (`from`–`dueTo`) and those on time, and the items
 * raised over the whole period (`from`–`to`) — one grouped query, streamed in the unit-first index.
 */
export type UnitPeriodCounts = { unit_id: string; reports: number; on_time: number; items: number };

export async function countsByUnit(
  db: Kysely<DB>,
  path: string,
  period: { from: string; dueTo: string; to: string },
): Promise<UnitPeriodCounts[]> {
  const due = sql`daily_report.report_date <= ${period.dueTo}`;
  const rows = await db
    .selectFrom('daily_report')
    .select([
      'daily_report.unit_id',
      sql<number | string>`sum(case when ${due} then 1 else 0 end)`.as('reports'),
      sql<number | string>`sum(case when ${due} and daily_report.late = 0 then 1 else 0 end)`.as('on_time'),
      sql<number | string>`sum(daily_report.item_count)`.as('items'),
    ])
    .where('daily_report.report_date', '>=', period.from)
    .where('daily_report.report_date', '<=', period.to)
    .where('daily_report.unit_id', 'in', unitIdsUnder(db, path))
    .groupBy('daily_report.unit_id')
    .execute();
  // PostgreSQL answers count/sum as strings (bigint).
  return rows.map((r) => ({
    unit_id: r.unit_id,
    reports: Number(r.reports),
    on_time: Number(r.on_time),
    items: Number(r.items),
  }));
}
