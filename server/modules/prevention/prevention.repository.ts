/**
 * Kysely queries of the prevention module: screening campaigns and their returns, the hazard ledger
 * (hazards, measures, notes, links to petitions), and the grouped counts the roll-up and the figures
 * read. Subtrees are path prefixes on the rows' own `unit_path` (copied from the unit when written),
 * so a roll-up never joins the tree.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type {
  DB,
  HazardMeasureTable,
  HazardNoteTable,
  HazardTable,
  ScreeningCampaignTable,
  ScreeningReturnTable,
} from '../../db/schema.ts';

type PathUnit = { id: string; path: string };

/** A COUNT or SUM: a number on SQLite, a numeric string on PostgreSQL (bigint), null for a SUM of nothing. */
type Aggregate = number | string | null;

/**
 * The units asked about as a derived table `u(unit_id, path)`: one SELECT per unit joined by UNION
 * ALL, typed with CAST so PostgreSQL knows the parameters' types. Rows are then matched to a unit
 * by path prefix, each unit counting its whole subtree (units may nest: a total and its children).
 */
function unitsTable(units: readonly PathUnit[]) {
  const rows = units.map(
    (u) => sql`select cast(${u.id} as varchar(40)) as unit_id, cast(${u.path} as varchar(1000)) as path`,
  );
  return sql<{ unit_id: string; path: string }>`(${sql.join(rows, sql` union all `)})`.as('u');
}

function underPath(column: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like u.path || '%'`;
}

// ---------------------------------------------------------------------------------------------
// Campaigns and returns

export async function insertCampaign(db: Kysely<DB>, row: ScreeningCampaignTable): Promise<void> {
  await db.insertInto('screening_campaign').values(row).execute();
}

export async function insertReturns(db: Kysely<DB>, rows: readonly ScreeningReturnTable[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 200) {
    await db
      .insertInto('screening_return')
      .values(rows.slice(at, at + 200))
      .execute();
  }
}

function campaignQuery(db: Kysely<DB>) {
  return db
    .selectFrom('screening_campaign as c')
    .innerJoin('unit', 'unit.id', 'c.unit_id')
    .innerJoin('app_user as creator', 'creator.id', 'c.created_by')
    .selectAll('c')
    .select(['unit.name as unit_name', 'creator.display_name as created_by_name']);
}
export type CampaignRow = ScreeningCampaignTable & { unit_name: string; created_by_name: string };

export async function findCampaign(db: Kysely<DB>, id: string): Promise<CampaignRow | undefined> {
  return campaignQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/**
 * Campaigns a reader at `scopePath` meets: those opened in the subtree, and those opened above that
 * cover a unit of it (null: every campaign). Newest first.
 */
export async function listCampaignRows(
  db: Kysely<DB>,
  scopePath: string | null,
  limit: number,
): Promise<CampaignRow[]> {
  let query = campaignQuery(db);
  if (scopePath !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('c.unit_path', 'like', `${scopePath}%`),
        eb.exists(
          eb
            .selectFrom('screening_return as r')
            .select('r.id')
            .whereRef('r.campaign_id', '=', 'c.id')
            .where('r.unit_path', 'like', `${scopePath}%`),
        ),
      ]),
    );
  }
  return query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
}

export type CountsRow = {
  key: string;
  total: Aggregate;
  answered: Aggregate;
  answered_on_time: Aggregate;
  nil: Aggregate;
  with_hazards: Aggregate;
  hazards: Aggregate;
  missing: Aggregate;
};

/** Sums over returns, `today` (local date) deciding which pending ones are past their cut-off. */
function countColumns(today: string) {
  return [
    sql<Aggregate>`count(*)`.as('total'),
    sql<Aggregate>`sum(case when r.status <> 'pending' then 1 else 0 end)`.as('answered'),
    sql<Aggregate>`sum(case when r.on_time = 1 then 1 else 0 end)`.as('answered_on_time'),
    sql<Aggregate>`sum(case when r.status = 'nil' then 1 else 0 end)`.as('nil'),
    sql<Aggregate>`sum(case when r.status = 'hazards' then 1 else 0 end)`.as('with_hazards'),
    sql<Aggregate>`sum(r.hazard_count)`.as('hazards'),
    sql<Aggregate>`sum(case when r.status = 'pending' and r.due_date < ${today} then 1 else 0 end)`.as('missing'),
  ] as const;
}

/** Per campaign, its returns in the subtree at `scopePath` (null: all). */
export async function countsByCampaign(
  db: Kysely<DB>,
  campaignIds: readonly string[],
  scopePath: string | null,
  today: string,
): Promise<CountsRow[]> {
  if (campaignIds.length === 0) return [];
  let query = db
    .selectFrom('screening_return as r')
    .select('r.campaign_id as key')
    .select(countColumns(today))
    .where('r.campaign_id', 'in', campaignIds);
  if (scopePath !== null) query = query.where('r.unit_path', 'like', `${scopePath}%`);
  return query.groupBy('r.campaign_id').execute();
}

/** One campaign's returns per unit of `units`, each over its subtree: the roll-up, one grouped query. */
export async function countsByUnit(
  db: Kysely<DB>,
  campaignId: string,
  units: readonly PathUnit[],
  today: string,
): Promise<CountsRow[]> {
  if (units.length === 0) return [];
  return db
    .selectFrom(unitsTable(units))
    .innerJoin('screening_return as r', (join) => join.on(underPath('r.unit_path')))
    .select('u.unit_id as key')
    .select(countColumns(today))
    .where('r.campaign_id', '=', campaignId)
    .groupBy('u.unit_id')
    .execute();
}

export type ReturnRow = ScreeningReturnTable & {
  topic: string;
  unit_name: string;
  answered_by_name: string | null;
};

function returnQuery(db: Kysely<DB>) {
  return db
    .selectFrom('screening_return as r')
    .innerJoin('screening_campaign as c', 'c.id', 'r.campaign_id')
    .innerJoin('unit', 'unit.id', 'r.unit_id')
    .leftJoin('app_user as answerer', 'answerer.id', 'r.answered_by')
    .selectAll('r')
    .select(['c.topic', 'unit.name as unit_name', 'answerer.display_name as answered_by_name']);
}

/** The returns of these units (a head's own; a roll-up's direct children), newest campaign first. */
export async function returnsOfUnits(
  db: Kysely<DB>,
  unitIds: readonly string[],
  campaignId: string | null,
): Promise<ReturnRow[]> {
  if (unitIds.length === 0) return [];
  let query = returnQuery(db).where('r.unit_id', 'in', unitIds);
  if (campaignId !== null) query = query.where('r.campaign_id', '=', campaignId);
  return query.orderBy('r.due_date', 'desc').orderBy('unit.sort_order').orderBy('r.id').limit(500).execute();
}

/**
 * Returns in a subtree (`scopePath`, null: all) and, within it, a figure's unit (`unitPath`), due in a
 * period of local dates, optionally only those answered on time — the rows screening.answeredOnTime
 * counts. Latest due first; at most `limit`.
 */
export async function returnsInScope(
  db: Kysely<DB>,
  f: {
    scopePath: string | null;
    unitPath?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    onTime: boolean;
  },
  limit: number,
): Promise<ReturnRow[]> {
  let query = returnQuery(db);
  if (f.scopePath !== null) query = query.where('r.unit_path', 'like', `${f.scopePath}%`);
  if (f.unitPath !== undefined) query = query.where('r.unit_path', 'like', `${f.unitPath}%`);
  if (f.from !== undefined) query = query.where('r.due_date', '>=', f.from);
  if (f.to !== undefined) query = query.where('r.due_date', '<=', f.to);
  if (f.onTime) query = query.where('r.on_time', '=', 1);
  return query.orderBy('r.due_date', 'desc').orderBy('r.unit_path').orderBy('r.id').limit(limit).execute();
}

export async function findReturn(db: Kysely<DB>, campaignId: string, unitId: string): Promise<ReturnRow | undefined> {
  return returnQuery(db).where('r.campaign_id', '=', campaignId).where('r.unit_id', '=', unitId).executeTakeFirst();
}

/** Answer a pending return; false when it was answered meanwhile (answering twice). */
export async function answerReturnRow(
  db: Kysely<DB>,
  id: string,
  patch: Pick<ScreeningReturnTable, 'status' | 'hazard_count' | 'note' | 'answered_at' | 'answered_by' | 'on_time'>,
): Promise<boolean> {
  const result = await db
    .updateTable('screening_return')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export type ChaseRow = ScreeningReturnTable & { topic: string; unit_name: string; campaign_unit_name: string };

/** Returns still pending past their due date (local `today` after it) with someone left to tell. */
export async function returnsToChase(db: Kysely<DB>, today: string): Promise<ChaseRow[]> {
  return db
    .selectFrom('screening_return as r')
    .innerJoin('screening_campaign as c', 'c.id', 'r.campaign_id')
    .innerJoin('unit', 'unit.id', 'r.unit_id')
    .innerJoin('unit as opener', 'opener.id', 'c.unit_id')
    .selectAll('r')
    .select(['c.topic', 'unit.name as unit_name', 'opener.name as campaign_unit_name'])
    .where('r.status', '=', 'pending')
    .where('r.due_date', '<', today)
    .where('r.escalated_at', 'is', null)
    .orderBy('r.due_date')
    .orderBy('r.id')
    .execute();
}

/** Mark a return chased (`chased_at`) or escalated, once: false when another run did it first. */
export async function markReturn(
  db: Kysely<DB>,
  id: string,
  column: 'chased_at' | 'escalated_at',
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('screening_return')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---------------------------------------------------------------------------------------------
// Hazards

export async function insertHazard(db: Kysely<DB>, row: HazardTable): Promise<void> {
  await db.insertInto('hazard').values(row).execute();
}

export async function insertMeasures(db: Kysely<DB>, rows: readonly HazardMeasureTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('hazard_measure').values(rows).execute();
}

export async function insertNote(db: Kysely<DB>, row: HazardNoteTable): Promise<void> {
  await db.insertInto('hazard_note').values(row).execute();
}

function hazardQuery(db: Kysely<DB>) {
  return db
    .selectFrom('hazard as h')
    .innerJoin('unit', 'unit.id', 'h.unit_id')
    .leftJoin('app_user as lead', 'lead.id', 'h.lead_leader_id')
    .leftJoin('screening_campaign as c', 'c.id', 'h.campaign_id')
    .selectAll('h')
    .select(['unit.name as unit_name', 'lead.display_name as lead_leader_name', 'c.topic as campaign_topic']);
}
export type HazardRow = HazardTable & {
  unit_name: string;
  lead_leader_name: string | null;
  campaign_topic: string | null;
};

export async function findHazard(db: Kysely<DB>, id: string): Promise<HazardRow | undefined> {
  return hazardQuery(db).where('h.id', '=', id).executeTakeFirst();
}

export type HazardFilter = {
  /** Subtree (null: all) … */
  scopePath: string | null;
  /** … or hazards this person leads (包案), wherever they are. */
  leadId: string;
  state?: HazardTable['state'] | undefined;
  campaignId?: string | undefined;
  /** Within this subtree too (a figure's unit), never instead of the scope. */
  unitPath?: string | undefined;
  /** Local dates, inclusive, of the date found or the date due to be cleared. */
  dates?: { of: 'found' | 'due'; from: string | undefined; to: string | undefined } | undefined;
  /** Cleared (销号 approved) by the date due, as hazard.clearedOnTime counts. */
  clearedOnTime?: boolean | undefined;
};

function filtered(db: Kysely<DB>, f: HazardFilter) {
  let query = hazardQuery(db);
  const scopePath = f.scopePath;
  if (scopePath !== null) {
    query = query.where((eb) =>
      eb.or([eb('h.unit_path', 'like', `${scopePath}%`), eb('h.lead_leader_id', '=', f.leadId)]),
    );
  }
  if (f.state !== undefined) query = query.where('h.state', '=', f.state);
  if (f.campaignId !== undefined) query = query.where('h.campaign_id', '=', f.campaignId);
  if (f.unitPath !== undefined) query = query.where('h.unit_path', 'like', `${f.unitPath}%`);
  const column = f.dates?.of === 'due' ? 'h.due_date' : 'h.found_date';
  if (f.dates?.from !== undefined) query = query.where(column, '>=', f.dates.from);
  if (f.dates?.to !== undefined) query = query.where(column, '<=', f.dates.to);
  if (f.clearedOnTime === true) {
    query = query.where('h.cleared_on', 'is not', null).whereRef('h.cleared_on', '<=', 'h.due_date');
  }
  return query;
}

export async function listHazardRows(
  db: Kysely<DB>,
  f: HazardFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: HazardRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      // open first, the riskiest first, then the newest
      .orderBy(sql`case h.state when 'cleared' then 1 else 0 end`)
      .orderBy(sql`case h.risk_level when 'major' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`)
      .orderBy('h.created_at', 'desc')
      .orderBy('h.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, f)
      .clearSelect()
      .select(sql<Aggregate>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function measuresOf(db: Kysely<DB>, hazardId: string): Promise<HazardMeasureTable[]> {
  return db
    .selectFrom('hazard_measure')
    .selectAll()
    .where('hazard_id', '=', hazardId)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

export async function notesOf(db: Kysely<DB>, hazardId: string) {
  return db
    .selectFrom('hazard_note as n')
    .innerJoin('app_user as author', 'author.id', 'n.author_id')
    .selectAll('n')
    .select('author.display_name as author_name')
    .where('n.hazard_id', '=', hazardId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

export async function petitionLinksOfHazard(db: Kysely<DB>, hazardId: string) {
  return db
    .selectFrom('hazard_petition as l')
    .innerJoin('petition', 'petition.id', 'l.petition_id')
    .select(['l.petition_id', 'l.relation', 'petition.case_number'])
    .where('l.hazard_id', '=', hazardId)
    .orderBy('l.created_at')
    .execute();
}

export async function hazardIdsOfPetition(db: Kysely<DB>, petitionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('hazard_petition')
    .select('hazard_id')
    .where('petition_id', '=', petitionId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.hazard_id);
}

export async function hazardRowsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<HazardRow[]> {
  if (ids.length === 0) return [];
  return hazardQuery(db).where('h.id', 'in', ids).orderBy('h.created_at').execute();
}

export async function linkHazardPetition(
  db: Kysely<DB>,
  row: { hazard_id: string; petition_id: string; relation: 'became' | 'revealed'; created_at: string },
): Promise<void> {
  await db.insertInto('hazard_petition').values(row).execute();
}

/** Change a hazard only from the state the caller read (a concurrent 销号 step loses, refused). */
export async function updateHazardRow(
  db: Kysely<DB>,
  id: string,
  fromStates: readonly HazardTable['state'][],
  patch: Partial<Omit<HazardTable, 'id' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('hazard')
    .set(patch)
    .where('id', '=', id)
    .where('state', 'in', fromStates)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A measure done, once. */
export async function completeMeasureRow(
  db: Kysely<DB>,
  hazardId: string,
  measureId: string,
  at: string,
  by: string,
): Promise<boolean> {
  const result = await db
    .updateTable('hazard_measure')
    .set({ done_at: at, done_by: by })
    .where('id', '=', measureId)
    .where('hazard_id', '=', hazardId)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The latest measure deadline of a hazard: the date it is due to be cleared by. */
export async function latestMeasureDue(db: Kysely<DB>, hazardId: string): Promise<string | null> {
  const row = await db
    .selectFrom('hazard_measure')
    .select((eb) => eb.fn.max('due_date').as('due'))
    .where('hazard_id', '=', hazardId)
    .executeTakeFirst();
  return row?.due ?? null;
}

// ---------------------------------------------------------------------------------------------
// Figures (server/platform/figure-source.ts): one grouped query each

/** Returns due in the period per unit subtree: how many, and how many answered by their cut-off. */
export async function returnsDueByUnit(db: Kysely<DB>, units: readonly PathUnit[], from: string, to: string) {
  if (units.length === 0) return [];
  return db
    .selectFrom(unitsTable(units))
    .innerJoin('screening_return as r', (join) => join.on(underPath('r.unit_path')))
    .select('u.unit_id as key')
    .select([
      sql<Aggregate>`count(*)`.as('due'),
      sql<Aggregate>`sum(case when r.on_time = 1 then 1 else 0 end)`.as('on_time'),
    ])
    .where('r.due_date', '>=', from)
    .where('r.due_date', '<=', to)
    .groupBy('u.unit_id')
    .execute();
}

/** Hazards found in the period per unit subtree. */
export async function hazardsFoundByUnit(db: Kysely<DB>, units: readonly PathUnit[], from: string, to: string) {
  if (units.length === 0) return [];
  return db
    .selectFrom(unitsTable(units))
    .innerJoin('hazard as h', (join) => join.on(underPath('h.unit_path')))
    .select('u.unit_id as key')
    .select(sql<Aggregate>`count(*)`.as('found'))
    .where('h.found_date', '>=', from)
    .where('h.found_date', '<=', to)
    .groupBy('u.unit_id')
    .execute();
}

/**
 * Hazards due to be cleared in the period (their latest measure deadline falls in it) per unit
 * subtree, and how many were cleared by that date (`cleared_on`, the local date of approval).
 */
export async function hazardsDueByUnit(db: Kysely<DB>, units: readonly PathUnit[], from: string, to: string) {
  if (units.length === 0) return [];
  return db
    .selectFrom(unitsTable(units))
    .innerJoin('hazard as h', (join) => join.on(underPath('h.unit_path')))
    .select('u.unit_id as key')
    .select([
      sql<Aggregate>`count(*)`.as('due'),
      sql<Aggregate>`sum(case when h.cleared_on is not null and h.cleared_on <= h.due_date then 1 else 0 end)`.as(
        'cleared_on_time',
      ),
    ])
    .where('h.due_date', '>=', from)
    .where('h.due_date', '<=', to)
    .groupBy('u.unit_id')
    .execute();
}
