/** Kysely queries of the early-warning module. */
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, PetitionTable, WarningKind, WarningStatus, WarningTable } from '../../db/schema.ts';
import { yieldToLoop } from '../../platform/slices.ts';

/**
 * Petitions per window of the jobs' reads over every case (by primary key): tens of milliseconds each
 * (windows of 50,000 held the loop 115–320 ms in the sweep's read of unconfirmed ownerships at 1M).
 */
const ID_WINDOW = 10_000;

/**
 * The state as an expression no index answers: a window's statement then walks its id range by the
 * primary key (tens of milliseconds) instead of the state index over the whole table for each window.
 */
const stateOf = (column: 'state' | 'petition.state') => sql<string>`${sql.ref(column)} || ''`;

/** A window of petition ids: `after` < id ≤ `last` (`last` null: to the end). */
export type IdWindow = { after: string; last: string | null };

/**
 * The petition ids cut into consecutive windows of ID_WINDOW by the primary key, the event loop
 * turning between them (issue #20): a job reads every open case window by window, never all in one
 * statement — at a million petitions one such statement held every request for half a second or more.
 */
export async function readInIdWindows<T>(db: Kysely<DB>, read: (w: IdWindow) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  let after = '';
  for (;;) {
    const edge = await db
      .selectFrom('petition')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .offset(ID_WINDOW - 1)
      .limit(1)
      .executeTakeFirst();
    const last = edge?.id ?? null;
    for (const row of await read({ after, last })) all.push(row);
    if (last === null) return all;
    after = last;
    await yieldToLoop();
  }
}

/**
 * Every fact of one petition's risk that lives in other rows, in one statement of scalar
 * subqueries: its petitioners' earlier petitions (count, latest), its petitioner messages waiting
 * since the office last answered (count, oldest), today's sensitive period and its top category's name.
 */
export async function riskFactsRow(
  db: Kysely<DB>,
  input: {
    petition: Pick<PetitionTable, 'id' | 'received_at'>;
    petitionerIds: readonly string[] | undefined;
    topCategory: string | null;
    today: string;
  },
) {
  const { petition, today } = input;
  const people =
    input.petitionerIds === undefined
      ? db.selectFrom('petition_petitioner').select('petitioner_id').where('petition_id', '=', petition.id)
      : null;
  const ids = input.petitionerIds ?? [];
  const earlier = (eb: Kysely<DB>) =>
    eb
      .selectFrom('petition as p')
      .innerJoin('petition_petitioner as pp', 'pp.petition_id', 'p.id')
      .where((w) =>
        people !== null
          ? w('pp.petitioner_id', 'in', people)
          : ids.length > 0
            ? w('pp.petitioner_id', 'in', ids)
            : sql<boolean>`1 = 0`,
      )
      .where('p.id', '!=', petition.id)
      .where('p.received_at', '<', petition.received_at);
  const lastAnswer = db
    .selectFrom('petition_message')
    .select(sql<string>`coalesce(max(created_at), '')`.as('at'))
    .where('petition_id', '=', petition.id)
    .where('direction', '=', 'out');
  const waiting = db
    .selectFrom('petition_message as m')
    .where('m.petition_id', '=', petition.id)
    .where('m.direction', '=', 'in')
    .where('m.created_at', '>', lastAnswer);
  return db
    .selectNoFrom([
      earlier(db)
        .select(sql<number | string>`count(distinct p.id)`.as('n'))
        .as('earlier_count'),
      earlier(db)
        .select((eb) => eb.fn.max('p.received_at').as('at'))
        .as('earlier_last'),
      waiting.select(sql<number | string>`count(*)`.as('n')).as('unanswered'),
      waiting.select((eb) => eb.fn.min('m.created_at').as('at')).as('oldest_unanswered'),
      db
        .selectFrom('sensitive_period')
        .select('name')
        .where('active', '=', 1)
        .where('start_date', '<=', today)
        .where('end_date', '>=', today)
        .orderBy('start_date')
        .limit(1)
        .as('period_name'),
      db
        .selectFrom('category')
        .select('name')
        .where('code', '=', input.topCategory ?? '')
        .as('category_name'),
    ])
    .executeTakeFirstOrThrow();
}

/** The active sensitive period covering `date`, if any (the first by start). */
export async function sensitivePeriodOn(db: Kysely<DB>, date: string): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('sensitive_period')
    .select(['id', 'name'])
    .where('active', '=', 1)
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .orderBy('start_date')
    .executeTakeFirst();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// What the scan reads

/** The states in which a case no longer moves (its warnings stop being raised from it). */
export const CLOSED_STATES = [
  'final',
  'declined',
  'redirected',
  'diverted',
  'not_accepted',
  'concluded',
  'reviewed',
] as const;

/** Open cases due by `dueBy` or with a petitioner message unread: time moves their risk. */
export async function timeSensitiveCaseIds(db: Kysely<DB>, dueBy: string, w: IdWindow): Promise<string[]> {
  const rows = await db
    .selectFrom('petition')
    .select('id')
    .where('id', '>', w.after)
    .$if(w.last !== null, (q) => q.where('id', '<=', w.last ?? ''))
    .where('state', 'not in', [...CLOSED_STATES])
    .where((eb) =>
      eb.or([
        eb('due_date', '<=', dueBy),
        eb(
          'id',
          'in',
          eb
            .selectFrom('petition_message')
            .select('petition_id')
            .where('direction', '=', 'in')
            .where('read_at', 'is', null),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Open cases whose risk reached orange or red. */
export async function riskyOpenCases(db: Kysely<DB>) {
  return db
    .selectFrom('petition')
    .select(['id', 'case_number', 'title', 'risk_level', 'risk_json', 'handling_unit_id', 'registered_unit_id'])
    .where('risk_level', 'in', ['orange', 'red'])
    .where('state', 'not in', [...CLOSED_STATES])
    .execute();
}

/** Categorised petitions received since `since`, with the path of the unit handling them (else registering). */
export async function categorisedSince(db: Kysely<DB>, since: string, until?: string) {
  return db
    .selectFrom('petition')
    .innerJoin('unit', 'unit.id', 'petition.registered_unit_id')
    .leftJoin('unit as h', 'h.id', 'petition.handling_unit_id')
    .select(['petition.id', 'petition.received_at', 'petition.category_code', 'unit.path', 'h.path as handling_path'])
    .where('petition.received_at', '>=', since)
    .$if(until !== undefined, (q) => q.where('petition.received_at', '<', until ?? ''))
    .where('petition.category_code', 'is not', null)
    .execute();
}

/**
 * Categorised petitions received in [since, until) counted per registering unit's path, handling
 * unit's path and top-level category (the code's first two characters): the spike signal's earlier
 * weeks, a day at a time (warning-signals.ts, `SpikeCount`).
 */
export async function categorisedCountsBetween(db: Kysely<DB>, since: string, until: string) {
  const category = sql<string>`substr(${sql.ref('petition.category_code')}, 1, 2)`;
  const rows = await db
    .selectFrom('petition')
    .innerJoin('unit', 'unit.id', 'petition.registered_unit_id')
    .leftJoin('unit as h', 'h.id', 'petition.handling_unit_id')
    .select(['unit.path', 'h.path as handling_path', category.as('category')])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('petition.received_at', '>=', since)
    .where('petition.received_at', '<', until)
    .where('petition.category_code', 'is not', null)
    .groupBy(['unit.path', 'h.path', category])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Each petitioner of each petition received since `since` (a person petitioning again and again). */
export async function petitionersSince(db: Kysely<DB>, since: string) {
  return db
    .selectFrom('petition_petitioner as pp')
    .innerJoin('petition as p', 'p.id', 'pp.petition_id')
    .innerJoin('petitioner as r', 'r.id', 'pp.petitioner_id')
    .innerJoin('unit', 'unit.id', 'p.registered_unit_id')
    .leftJoin('unit as h', 'h.id', 'p.handling_unit_id')
    .select(['pp.petitioner_id', 'r.name', 'p.id', 'unit.path', 'h.path as handling_path'])
    .where('p.received_at', '>=', since)
    .execute();
}

/** Each named person of each petition received since `since` (a cadre named in many). */
export async function namedPersonsSince(db: Kysely<DB>, since: string) {
  return db
    .selectFrom('petition_named_person as n')
    .innerJoin('petition as p', 'p.id', 'n.petition_id')
    .innerJoin('unit', 'unit.id', 'p.registered_unit_id')
    .leftJoin('unit as h', 'h.id', 'p.handling_unit_id')
    .select(['n.user_id', 'n.name', 'n.position', 'p.id', 'unit.path', 'h.path as handling_path'])
    .where('p.received_at', '>=', since)
    .execute();
}

/**
 * The newest petitions received since `since`, a page of `limit` after the first `offset`, with their
 * text, for the hotspot signal. By offset on the received_at index, so the pages read together are
 * the rows one statement would read: a keyset on (received_at, id) made SQLite sort every petition of
 * the 28 days for each page (300–640 ms a page at a million).
 */
export async function textsSince(db: Kysely<DB>, since: string, limit: number, offset = 0) {
  return db
    .selectFrom('petition')
    .innerJoin('unit', 'unit.id', 'petition.registered_unit_id')
    .select([
      'petition.id',
      'petition.title',
      'petition.body',
      'petition.received_at',
      'petition.headcount',
      'unit.path',
    ])
    .where('petition.received_at', '>=', since)
    .orderBy('petition.received_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Names of the top-level categories by code. */
export async function topCategoryNames(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('category').select(['code', 'name']).where('parent_code', 'is', null).execute();
  return new Map(rows.map((c) => [c.code, c.name]));
}

// ---------------------------------------------------------------------------------------------
// Warnings

export type WarningRow = WarningTable & { unit_name: string; unit_path: string };

function selectWarnings(db: Kysely<DB>) {
  return db
    .selectFrom('warning')
    .innerJoin('unit', 'unit.id', 'warning.unit_id')
    .selectAll('warning')
    .select(['unit.name as unit_name', 'unit.path as unit_path']);
}

export async function findWarningByDedupeKey(db: Kysely<DB>, key: string) {
  return db.selectFrom('warning').selectAll().where('dedupe_key', '=', key).executeTakeFirst();
}

export async function findWarningRow(db: Kysely<DB>, id: string): Promise<WarningRow | undefined> {
  return selectWarnings(db).where('warning.id', '=', id).executeTakeFirst();
}

/** The newest warnings (at most `limit`) under `unitPath` (everywhere when null), by status and kind. */
export async function warningRows(
  db: Kysely<DB>,
  filter: { unitPath: string | null; status: WarningStatus | 'active'; kind?: WarningKind | undefined; limit: number },
): Promise<WarningRow[]> {
  let q = selectWarnings(db);
  if (filter.unitPath !== null) q = q.where('unit.path', 'like', `${filter.unitPath}%`);
  q =
    filter.status === 'active'
      ? q.where('warning.status', '!=', 'closed')
      : q.where('warning.status', '=', filter.status);
  if (filter.kind !== undefined) q = q.where('warning.kind', '=', filter.kind);
  return q.orderBy('warning.updated_at', 'desc').limit(filter.limit).execute();
}

export async function insertWarning(db: Kysely<DB>, row: Insertable<WarningTable>): Promise<void> {
  await db.insertInto('warning').values(row).execute();
}

export async function updateWarning(db: Kysely<DB>, id: string, patch: Updateable<WarningTable>): Promise<void> {
  await db.updateTable('warning').set(patch).where('id', '=', id).execute();
}

/** Warnings open or acknowledged, never analysed, whose last escalation (or creation) is before `cutoff`. */
export async function unanalysedSince(db: Kysely<DB>, cutoff: string) {
  return db
    .selectFrom('warning')
    .innerJoin('unit', 'unit.id', 'warning.unit_id')
    .select([
      'warning.id',
      'warning.level',
      'warning.unit_id',
      'warning.title',
      'warning.escalation_level',
      'warning.petition_ids_json',
      'warning.subject_user_ids_json',
      'unit.parent_id',
    ])
    .where('warning.status', 'in', ['open', 'acknowledged'])
    .where((eb) =>
      eb.or([
        eb.and([eb('warning.escalated_at', 'is', null), eb('warning.created_at', '<=', cutoff)]),
        eb('warning.escalated_at', '<=', cutoff),
      ]),
    )
    .execute();
}

export async function analysesOf(db: Kysely<DB>, warningId: string) {
  return db
    .selectFrom('warning_analysis as a')
    .innerJoin('app_user as u', 'u.id', 'a.author_id')
    .select(['a.id', 'u.display_name', 'a.judgement', 'a.measures', 'a.responsible', 'a.due_date', 'a.created_at'])
    .where('a.warning_id', '=', warningId)
    .orderBy('a.created_at')
    .execute();
}

export async function insertAnalysis(db: Kysely<DB>, row: Insertable<DB['warning_analysis']>): Promise<void> {
  await db.insertInto('warning_analysis').values(row).execute();
}

// ---------------------------------------------------------------------------------------------
// Sensitive periods

export async function activePeriods(db: Kysely<DB>, limit: number) {
  return db
    .selectFrom('sensitive_period')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('start_date', 'desc')
    .limit(limit)
    .execute();
}

/** The active sensitive periods meeting the local dates [from, to] (the duty roster's 24-hour rule). */
export async function sensitivePeriodsBetween(
  db: Kysely<DB>,
  from: string,
  to: string,
): Promise<{ name: string; start_date: string; end_date: string }[]> {
  return db
    .selectFrom('sensitive_period')
    .select(['name', 'start_date', 'end_date'])
    .where('active', '=', 1)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .orderBy('start_date')
    .execute();
}

export async function insertPeriod(db: Kysely<DB>, row: Insertable<DB['sensitive_period']>): Promise<void> {
  await db.insertInto('sensitive_period').values(row).execute();
}

/** @returns whether an active period was there to end. */
export async function deactivatePeriod(db: Kysely<DB>, id: string): Promise<boolean> {
  const updated = await db
    .updateTable('sensitive_period')
    .set({ active: 0 })
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Open petitions whose nearest deadline is on or before `horizon` (the deadline sweep). */
export async function dueOpenPetitions(
  db: Kysely<DB>,
  states: readonly PetitionTable['state'][],
  horizon: string,
  w: IdWindow,
) {
  return db
    .selectFrom('petition')
    .select(['id', 'case_number', 'due_date', 'due_kind', 'owner_id', 'handler_id', 'registered_unit_id', 'state'])
    .where('id', '>', w.after)
    .$if(w.last !== null, (q) => q.where('id', '<=', w.last ?? ''))
    .where(stateOf('state'), 'in', states)
    .where('due_date', 'is not', null)
    .where('due_date', '<=', horizon)
    .execute();
}

/**
 * Open petitions whose owner has not confirmed 包案, with when the owner was named (the latest
 * accept or setOwner event: only those name an owner), the owner's unit and the unit above it.
 */
export async function unconfirmedOwnerships(db: Kysely<DB>, states: readonly PetitionTable['state'][], w: IdWindow) {
  return (
    db
      .selectFrom('petition')
      // The owner's id as an expression no index answers, for the reason of stateOf: joined on the
      // column, SQLite walked every owner's petitions by petition_owner_order_idx for each window
      // (0.3–0.8 s each at a million petitions, the deadline sweep's longest block), not the window's ids.
      .innerJoin('app_user as owner', (join) =>
        join.on('owner.id', '=', sql<string>`${sql.ref('petition.owner_id')} || ''`),
      )
      .innerJoin('unit', 'unit.id', 'owner.unit_id')
      .select((eb) => [
        'petition.id',
        'petition.case_number',
        'petition.owner_id',
        'petition.policy_json',
        'unit.parent_id',
        'owner.unit_id',
        eb
          .selectFrom('petition_event as e')
          .select((e) => e.fn.max('e.at').as('at'))
          .whereRef('e.petition_id', '=', 'petition.id')
          .where('e.kind', 'in', ['accept', 'setOwner'])
          .as('named_at'),
      ])
      .where('petition.id', '>', w.after)
      .$if(w.last !== null, (q) => q.where('petition.id', '<=', w.last ?? ''))
      .where('petition.owner_confirmed_at', 'is', null)
      .where(stateOf('petition.state'), 'in', states)
      .execute()
  );
}

/**
 * Open hazards of risk 高/重大 with a category (排查台账, written by the prevention module): a spike on
 * their category at their mine is raised one level (warning-signals.ts, `spikeSignals`). Read here,
 * not through the prevention module, because the petition engine depends on this module.
 */
export async function openSevereHazards(db: Kysely<DB>) {
  return db
    .selectFrom('hazard')
    .select(['id', 'title', 'category_code', 'owner_path', 'unit_path', 'risk_level'])
    .where('state', '!=', 'cleared')
    .where('risk_level', 'in', ['high', 'major'])
    .where('category_code', 'is not', null)
    .execute();
}

/**
 * The warnings raised from `fromInstant` (inclusive) to `toInstant` (exclusive), by the path of the unit
 * they were raised for (not the one an escalation moved them to): how many, and how many were analysed
 * (研判) before the scan escalated them (escalation level 0 and an analysis on record).
 */
export async function analysedByPath(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  return db
    .selectFrom('warning')
    .innerJoin('unit', (join) => join.on(sql<boolean>`unit.id = coalesce(warning.raised_unit_id, warning.unit_id)`))
    .where('warning.created_at', '>=', fromInstant)
    .where('warning.created_at', '<', toInstant)
    .select([
      'unit.path',
      sql<number | string>`count(*)`.as('n'),
      sql<
        number | string
      >`sum(case when warning.escalation_level = 0 and exists (select 1 from warning_analysis a where a.warning_id = warning.id) then 1 else 0 end)`.as(
        'analysed',
      ),
    ])
    .groupBy('unit.path')
    .execute();
}
