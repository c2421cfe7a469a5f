/**
 * The dashboard's aggregate queries. Each starts from the petition list's own scoped and filtered
 * query (`scopedPetitions`), so a figure and its drill-down list count the same rows; the grouping
 * is coarse (a few thousand groups at most) and folded into buckets by the service.
 */
import { sql, type Kysely } from 'kysely';
import type { DB, WarningTable } from '../../db/schema.ts';
import { recusedPetitionIds } from '../petition/index.ts';
import { deadlineStatusSql, type KeptDeadline, type scopedPetitions } from '../ledger/index.ts';
import { unitIdsUnder } from '../unit/index.ts';

export type PetitionScope = Awaited<ReturnType<typeof scopedPetitions>>;

/** Counts grouped by attributed unit (handling, else registering), category, channel and type. */
export async function countsByDimension(scope: PetitionScope) {
  const unit = sql<string>`coalesce(petition.handling_unit_id, petition.registered_unit_id)`;
  return scope
    .select([
      unit.as('unit_id'),
      'petition.category_code',
      'petition.channel',
      'petition.type',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(petition.headcount)`.as('persons'),
      sql<number>`sum(petition.is_group)`.as('group_batches'),
      sql<number>`sum(case when petition.is_group = 1 then petition.headcount else 0 end)`.as('group_persons'),
      sql<number>`sum(petition.is_skip_level)`.as('skip_level'),
      sql<number>`sum(petition.is_repeat)`.as('repeat'),
      sql<number>`sum(petition.is_anonymous)`.as('anonymous'),
    ])
    .groupBy(sql`1, 2, 3, 4`)
    .execute();
}

/**
 * Counts by the status (as of `today`) of one deadline kind; `scope` already holds the petitions
 * whose deadline of that kind falls due in the period.
 */
export async function countsByDeadline(scope: PetitionScope, kind: KeptDeadline, today: string) {
  return (
    scope
      .select([deadlineStatusSql(kind, today).as('status'), sql<number>`count(*)`.as('n')])
      // By position: PostgreSQL would see the select's and the group's `today` parameters as different expressions.
      .groupBy(sql`1`)
      .execute()
  );
}

/** Counts by satisfaction score (null = not rated). */
export async function countsBySatisfaction(scope: PetitionScope) {
  return scope
    .select(['petition.satisfaction', sql<number>`count(*)`.as('n')])
    .groupBy('petition.satisfaction')
    .execute();
}

/** Counts by UTC hour of receipt (`YYYY-MM-DDTHH`): shifted to local days and months by the service, on both dialects. */
export async function countsByHour(scope: PetitionScope) {
  const hour = sql<string>`substr(petition.received_at, 1, 13)`;
  return scope
    .select([hour.as('hour'), sql<number>`count(*)`.as('n')])
    .groupBy(sql`1`)
    .execute();
}

/** Open cases past their nearest deadline, by owner (null = no 包案 leader), largest first. */
export async function overdueByOwner(scope: PetitionScope) {
  return scope
    .select(['petition.owner_id', sql<number>`count(*)`.as('n')])
    .groupBy('petition.owner_id')
    .orderBy(sql`count(*)`, 'desc')
    .execute();
}

/**
 * Open (not closed) warnings of units under `path` (null = all), by level — without those behind a
 * case the viewer is named in or declared a conflict on, as on the warnings page (recusal). Open
 * warnings are few, so they are filtered here rather than by matching ids inside JSON in SQL.
 */
export async function openWarningsByLevel(db: Kysely<DB>, path: string | null, viewerId: string) {
  let q = db
    .selectFrom('warning')
    .innerJoin('unit', 'unit.id', 'warning.unit_id')
    .where('warning.status', '!=', 'closed');
  if (path !== null) q = q.where('unit.path', 'like', `${path}%`);
  const [rows, recused] = await Promise.all([
    q.select(['warning.level', 'warning.petition_ids_json']).execute(),
    recusedPetitionIds(db, viewerId),
  ]);
  const counts = new Map<WarningTable['level'], number>();
  for (const row of rows) {
    if (recused.size > 0 && (JSON.parse(row.petition_ids_json) as string[]).some((id) => recused.has(id))) continue;
    counts.set(row.level, (counts.get(row.level) ?? 0) + 1);
  }
  return [...counts].map(([level, n]) => ({ level, n }));
}

export async function listCategories(db: Kysely<DB>) {
  return db.selectFrom('category').select(['code', 'name', 'parent_code']).execute();
}

/** The newest petitions of the scope, for the hotspot analysis. */
export async function latestTexts(scope: PetitionScope, limit: number) {
  return scope
    .select([
      'petition.id',
      'petition.title',
      'petition.body',
      'petition.received_at',
      'petition.headcount',
      'petition.category_code',
    ])
    .orderBy('petition.received_at', 'desc')
    .limit(limit)
    .execute();
}

/** For the statistics report: forwarded (转送) and assigned (交办) at least once, supervised, suggestions and those adopted. */
export async function handlingCounts(scope: PetitionScope) {
  const hasEvent = (kind: string) =>
    sql<number>`sum(case when exists (select 1 from petition_event e where e.petition_id = petition.id and e.kind = ${kind}) then 1 else 0 end)`;
  return scope
    .select([
      hasEvent('forward').as('forwarded'),
      hasEvent('assign').as('assigned'),
      sql<number>`sum(case when petition.supervision_level is not null then 1 else 0 end)`.as('supervised'),
      sql<number>`sum(case when petition.type = 'suggestion' then 1 else 0 end)`.as('suggestions'),
      sql<number>`sum(case when petition.type = 'suggestion' and petition.reply_result = 'support' then 1 else 0 end)`.as(
        'adopted',
      ),
    ])
    .executeTakeFirstOrThrow();
}

export async function countScope(scope: PetitionScope): Promise<number> {
  const row = await scope.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open petitions whose nearest deadline falls from `from` to `to` (local dates). */
export async function countDueBetween(scope: PetitionScope, from: string, to: string): Promise<number> {
  return countScope(scope.where('petition.due_date', '>=', from).where('petition.due_date', '<=', to));
}

/** Which rollup rows a dashboard reads: the list's unit scope and unit filter on the rollup's two unit columns. */
export type RollupScope = {
  /** Subtree the viewer covers by unit (null = every unit). */
  scopePath: string | null;
  /** Only cases handled in the subtree count by unit (leaders, handlers); else registered or handled there. */
  handlingOnly: boolean;
  /** The dashboard's unit: handling unit in it, or no handling unit and registered in it. */
  unitPath: string | undefined;
};

/** A segment of the period: local days (grain d) or whole calendar months (grain m), inclusive. */
export type RollupSegment = { grain: 'd' | 'm'; from: string; to: string };

function rollupBase(db: Kysely<DB>, scope: RollupScope, segment: RollupSegment) {
  let q = db
    .selectFrom('petition_rollup as r')
    .where('r.grain', '=', segment.grain)
    .where('r.period', '>=', segment.from)
    .where('r.period', '<=', segment.to);
  if (scope.scopePath !== null) {
    const units = unitIdsUnder(db, scope.scopePath);
    q = scope.handlingOnly
      ? q.where('r.handling_unit_id', 'in', units)
      : q.where((eb) => eb.or([eb('r.handling_unit_id', 'in', units), eb('r.registered_unit_id', 'in', units)]));
  }
  if (scope.unitPath !== undefined) {
    const units = unitIdsUnder(db, scope.unitPath);
    q = q.where((eb) =>
      eb.or([
        eb('r.handling_unit_id', 'in', units),
        eb.and([eb('r.handling_unit_id', '=', ''), eb('r.registered_unit_id', 'in', units)]),
      ]),
    );
  }
  return q;
}

/** The totals of a segment by period and attributed unit (handling, else registering): the series and the by-unit chart. */
export async function rollupTotals(db: Kysely<DB>, scope: RollupScope, segment: RollupSegment) {
  const unit = sql<string>`case when r.handling_unit_id = '' then r.registered_unit_id else r.handling_unit_id end`;
  return rollupBase(db, scope, segment)
    .where('r.dim', '=', 'all')
    .select([
      'r.period',
      unit.as('unit_id'),
      sql<number>`sum(r.n)`.as('n'),
      sql<number>`sum(r.persons)`.as('persons'),
      sql<number>`sum(r.group_n)`.as('group_n'),
      sql<number>`sum(r.group_persons)`.as('group_persons'),
      sql<number>`sum(r.skip_level_n)`.as('skip_level_n'),
      sql<number>`sum(r.repeat_n)`.as('repeat_n'),
      sql<number>`sum(r.anonymous_n)`.as('anonymous_n'),
    ])
    .groupBy(sql`1, 2`)
    .execute();
}

/**
 * The other dimensions of a segment by value (category, channel, type, satisfaction by the day of
 * receipt; the kept deadlines by their due day and stored status), with `past` = due before `today`,
 * which turns a stored `open` into overdue as the list's `deadlineStatusSql` does.
 */
export async function rollupValues(db: Kysely<DB>, scope: RollupScope, segment: RollupSegment, today: string) {
  return rollupBase(db, scope, segment)
    .where('r.dim', 'in', ['category', 'channel', 'type', 'satisfaction', 'acceptance', 'conclusion', 'referral'])
    .select([
      'r.dim',
      'r.value',
      sql<number>`case when r.period < ${today} then 1 else 0 end`.as('past'),
      sql<number>`sum(r.n)`.as('n'),
      sql<number>`sum(r.persons)`.as('persons'),
    ])
    .groupBy(sql`1, 2, 3`)
    .execute();
}

/** Open cases whose nearest deadline falls in the segment, by 包案 leader ('' = none): overdue by owner. */
export async function rollupOpenDueByOwner(db: Kysely<DB>, scope: RollupScope, segment: RollupSegment) {
  return rollupBase(db, scope, segment)
    .where('r.dim', '=', 'open_due')
    .select(['r.value', sql<number>`sum(r.n)`.as('n')])
    .groupBy('r.value')
    .execute();
}

const ROLLUP_SOURCE = [
  'petition.id',
  'petition.received_at',
  'petition.registered_unit_id',
  'petition.handling_unit_id',
  'petition.category_code',
  'petition.channel',
  'petition.type',
  'petition.satisfaction',
  'petition.headcount',
  'petition.is_group',
  'petition.is_skip_level',
  'petition.is_repeat',
  'petition.is_anonymous',
  'petition.acceptance_due',
  'petition.acceptance_status',
  'petition.conclusion_due',
  'petition.conclusion_status',
  'petition.referral_due',
  'petition.referral_status',
  'petition.state',
  'petition.due_date',
  'petition.owner_id',
] as const;

/** Petitions by id with what the rollup reads and their units' paths (the viewer's recused cases). */
export async function rollupSourcesByIds(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('petition')
    .innerJoin('unit as ru', 'ru.id', 'petition.registered_unit_id')
    .leftJoin('unit as hu', 'hu.id', 'petition.handling_unit_id')
    .select([...ROLLUP_SOURCE, 'ru.path as registered_path', 'hu.path as handling_path'])
    .where('petition.id', 'in', [...ids])
    .execute();
}

/**
 * The cases the viewer is on personally (owner, handler, unexpired co-handler: the list's personal
 * rule) that the unit scope does not already cover, with what the rollup reads.
 */
export async function personalOutsideScope(db: Kysely<DB>, userId: string, now: string, scope: RollupScope) {
  if (scope.scopePath === null) return [];
  const units = unitIdsUnder(db, scope.scopePath);
  return (
    db
      .selectFrom('petition')
      .innerJoin('unit as ru', 'ru.id', 'petition.registered_unit_id')
      .leftJoin('unit as hu', 'hu.id', 'petition.handling_unit_id')
      .select([...ROLLUP_SOURCE, 'ru.path as registered_path', 'hu.path as handling_path'])
      // A union of three index look-ups (owner, handler, co-handler): an OR of them scans every petition on PostgreSQL.
      .where(
        'petition.id',
        'in',
        db
          .selectFrom('petition as o')
          .select('o.id')
          .where('o.owner_id', '=', userId)
          .union(db.selectFrom('petition as h').select('h.id').where('h.handler_id', '=', userId))
          .union(
            db
              .selectFrom('petition_co_handler')
              .select('petition_co_handler.petition_id as id')
              .where('petition_co_handler.user_id', '=', userId)
              .where((e) =>
                e.or([e('petition_co_handler.expires_at', 'is', null), e('petition_co_handler.expires_at', '>', now)]),
              ),
          ),
      )
      .where((eb) =>
        eb.not(
          scope.handlingOnly
            ? eb(sql<string>`coalesce(petition.handling_unit_id, '')`, 'in', units)
            : eb.or([
                eb(sql<string>`coalesce(petition.handling_unit_id, '')`, 'in', units),
                eb('petition.registered_unit_id', 'in', units),
              ]),
        ),
      )
      .execute()
  );
}
