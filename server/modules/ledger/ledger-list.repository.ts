/**
 * The 台账 as a query: the petitions a viewer may see under the list's filters — scope and recusal
 * in SQL so paging stays right — shared by the list page, the ledger export, the dashboard's figures
 * and their drill-downs, so all of them count the same rows.
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import { PETITION_LIST_TOTAL_CAP } from '../../../common/schemas/petition.ts';
import type { DB } from '../../db/schema.ts';
import { categoryCodesUnder } from '../category/index.ts';
import { recusedPetitionIds, summaryRows, type PetitionRow } from '../petition/index.ts';
import { unitIdsUnder } from '../unit/index.ts';

export type PetitionListFilter = {
  /** Subtree path the viewer covers; null = everything (auditor). */
  scopePath: string | null;
  /** Cases the viewer is on personally (owner, handler, co-handler). */
  personalUserId: string | null;
  /** Only personal cases + cases handled in scope (handlers, frontline heads, partners). */
  handlingOnly: boolean;
  noScope: boolean;
  viewerId: string;
  /** The instant a partner's invitation (co-handler row with an expiry) is judged against. */
  now?: string | undefined;
  states?: readonly string[] | undefined;
  unitPath?: string | undefined;
  categoryCode?: string | undefined;
  channel?: string | undefined;
  type?: string | undefined;
  flag?: 'group' | 'skip_level' | 'repeat' | 'supervised' | 'anonymous' | undefined;
  ownerId?: string | undefined;
  overdueBefore?: string | undefined;
  /** Deadline status filters, evaluated as of `today` (see `deadlineStatusSql`). */
  acceptanceStatus?: DeadlineStatus | undefined;
  conclusionStatus?: DeadlineStatus | undefined;
  referralStatus?: DeadlineStatus | undefined;
  ownershipStatus?: DeadlineStatus | undefined;
  today?: string | undefined;
  /** Due-date ranges of the 受理告知 / 办结 deadlines (local dates, inclusive). */
  acceptanceDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  conclusionDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  referralDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  ownershipDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  /** A 复查/复核意见 issued in the instants (see `reviewOpinionSql`). */
  review?: ReviewFilter | undefined;
  receivedFrom?: string | undefined;
  receivedToExclusive?: string | undefined;
  evaluation?: 'due' | 'rated' | 'satisfied' | undefined;
  /** Full-text search: `petition.id` among the matches (the export) or the hits read (the list), built for the dialect (search-index.ts). */
  search?: RawBuilder<boolean> | undefined;
  sort: 'received_desc' | 'due_asc';
  limit: number;
  offset: number;
};

/** The states after a reply was issued (第32条): the petitioner may evaluate it (第21条 满意度评价). */
export const EVALUABLE_STATES: PetitionRow['state'][] = [
  'replied',
  'executing',
  'evaluated',
  'concluded',
  'review_requested',
  'reviewed',
  'reconsideration_requested',
  'final',
];
/** The lowest score counted as satisfied: 基本满意 of 1 (不满意) … 5 (非常满意). */
export const SATISFIED_FROM = 3;

export type DeadlineStatus = 'open' | 'met' | 'met_late' | 'overdue';

/**
 * A deadline's status as of `today` from the kept columns: a stored `open` whose due date has passed
 * is `overdue` (time alone moves it), so the figure needs no sweep and no per-row computation.
 */
export type KeptDeadline = 'acceptance' | 'conclusion' | 'referral' | 'ownership';

export function deadlineStatusSql(kind: KeptDeadline, today: string) {
  const status = sql.ref(`petition.${kind}_status`);
  const due = sql.ref(`petition.${kind}_due`);
  return sql<string | null>`(case when ${status} = 'open' and ${due} < ${today} then 'overdue' else ${status} end)`;
}

/** A 复查/复核意见 issued from `fromInstant` (inclusive) to `toInstant` (exclusive), or at any time. */
export type ReviewFilter = {
  kind: 'issued' | 'overturned';
  fromInstant?: string | undefined;
  toInstant?: string | undefined;
};

/**
 * The case has a 复查意见 or 复核意见 (第35–36条) issued in the instants; `overturned`: one whose result
 * differs from the reply's (the opinion's event data holds `"result":"…"`, compared as text so the
 * same predicate runs on both dialects). Shared by the list and the appraisal's figures.
 */
export function reviewOpinionSql(f: ReviewFilter) {
  const from = f.fromInstant === undefined ? sql`` : sql` and e.at >= ${f.fromInstant}`;
  const to = f.toInstant === undefined ? sql`` : sql` and e.at < ${f.toInstant}`;
  const overturned =
    f.kind === 'overturned'
      ? sql` and e.data_json not like ${sql`'%"result":"' || petition.reply_result || '"%'`}`
      : sql``;
  return sql<boolean>`exists (select 1 from petition_event e where e.petition_id = petition.id and e.kind in ('issueReviewOpinion', 'issueReconsiderationOpinion')${from}${to}${overturned})`;
}

/** The filters of the petition list without its order and page. */
export type PetitionFilter = Omit<PetitionListFilter, 'sort' | 'limit' | 'offset'>;

/** The cases `userId` co-handles: an expired invitation lists nothing; without the time an expiring one lists nothing either. */
async function coHandledIds(db: Kysely<DB>, userId: string, now: string | undefined): Promise<string[]> {
  const rows = await db
    .selectFrom('petition_co_handler')
    .select('petition_co_handler.petition_id')
    .where('petition_co_handler.user_id', '=', userId)
    .where((e) =>
      now === undefined
        ? e('petition_co_handler.expires_at', 'is', null)
        : e.or([e('petition_co_handler.expires_at', 'is', null), e('petition_co_handler.expires_at', '>', now)]),
    )
    .execute();
  return rows.map((r) => r.petition_id);
}

/**
 * How a selection is read. `all` (the export, the figures, a count): every predicate may drive it by
 * its index. `page`: a page in the list's order, read by an index in that order (pageInListOrder), so
 * the state filter is judged on the rows that index yields rather than choosing the plan: with it
 * indexable PostgreSQL misjudged "open and with a due date" (two correlated tests: it guessed 3,540
 * of the 58,707) and sorted all of them for each page (580 ms at 1M). `walk`: the same, and the
 * scope's terms too (a dense scope, see listPetitions).
 */
export type Reading = 'all' | 'page' | 'walk';

/**
 * The petitions the viewer may see, filtered: scope applied in SQL so paging stays correct — the
 * unit subtree as `unit_id IN (the ids of the units under the path)`, the co-handled cases as
 * `id IN (their ids)`, recusal as `id NOT IN (the viewer's recused petitions)`: each a short list
 * read first, so the predicate is plain values on indexed columns. A subquery there (`IN (SELECT …)`)
 * kept PostgreSQL from combining the indexes of the scope's OR (a hashed subplan is checked row by
 * row: it counted by scanning every petition) and SQLite from a multi-index OR (issue #20).
 * Shared by the list page and the ledger export, so both show exactly the same petitions.
 */
export async function filteredPetitions(
  db: Kysely<DB>,
  f: PetitionFilter,
  known?: PetitionScope,
  reading: Reading = 'all',
) {
  const scope = known ?? (await scopeOf(db, f));
  const base = db
    .selectFrom('petition')
    .where((eb) =>
      scope.terms === null
        ? sql<boolean>`1 = 1`
        : scope.terms.length === 0
          ? sql<boolean>`1 = 0`
          : eb.or(scope.terms.map((term) => (reading === 'walk' ? term.judged(eb) : term.is(eb)))),
    );
  return narrowed(db, base, f, scope, reading);
}

/**
 * The same petitions as `filteredPetitions`, as disjoint queries, one per term of the scope's OR
 * (handled in the subtree; registered there and not handled there; the viewer's own and neither):
 * each is driven by the index of its own term, so counting a small scope reads only its rows —
 * with the OR, both engines chose one scan of the whole table. Their counts add up to the list's.
 */
export async function petitionBranches(
  db: Kysely<DB>,
  f: PetitionFilter,
  known?: PetitionScope,
  reading: Exclude<Reading, 'walk'> = 'all',
) {
  const scope = known ?? (await scopeOf(db, f));
  if (scope.terms === null) return [narrowed(db, db.selectFrom('petition'), f, scope, reading)];
  const terms = scope.terms;
  return terms.map((term, i) =>
    narrowed(
      db,
      db.selectFrom('petition').where((eb) => eb.and([term.is(eb), ...terms.slice(0, i).map((t) => t.isNot(eb))])),
      f,
      scope,
      reading,
    ),
  );
}

type PetitionEb = ExpressionBuilder<DB, 'petition'>;
/** One term of the scope's OR and its negation (NULL-safe: a case no unit handles is not handled in scope). */
type ScopeTerm = {
  is: (eb: PetitionEb) => Expression<SqlBool>;
  isNot: (eb: PetitionEb) => Expression<SqlBool>;
  /**
   * The same test as `is`, written so that no index of its column drives the query (`column || ''`,
   * the same value on both engines): the scope is then judged on each case the list's own order
   * walks to, the plan a dense scope needs, whatever the planner's statistics say.
   */
  judged: (eb: PetitionEb) => Expression<SqlBool>;
  /** How many values the term lists (`IN (…)`): an index walks one value in the order of receipt, not several. */
  values: number;
};

/**
 * The scope as the terms of an OR (null: everything), the unit filter's subtree and the viewer's
 * recused petitions: the short lists a list query is built of, read once for its count and its page.
 */
export type PetitionScope = { terms: ScopeTerm[] | null; filterUnits: string[]; recused: string[] };

export async function scopeOf(db: Kysely<DB>, f: PetitionFilter): Promise<PetitionScope> {
  const subtree = async (path: string) => (await unitIdsUnder(db, path).execute()).map((r) => r.id);
  const filterUnits = f.unitPath === undefined ? [] : await subtree(f.unitPath);
  // Recusal: never list a petition naming the viewer or on which the viewer declared a conflict.
  // The viewer's recused petitions are few (usually none): fetched once, so the common case adds
  // no per-row predicate and the count stays on the indexes.
  const recused = [...(await recusedPetitionIds(db, f.viewerId))];
  if (!f.noScope && f.scopePath === null) return { terms: null, filterUnits, recused };
  const terms: ScopeTerm[] = [];
  const among = (
    column: 'petition.id' | 'petition.handling_unit_id' | 'petition.registered_unit_id',
    ids: string[],
  ) => {
    if (ids.length === 0) return;
    const nullable = column === 'petition.handling_unit_id';
    terms.push({
      values: ids.length,
      is: (eb) => eb(column, 'in', ids),
      isNot: (eb) =>
        nullable ? eb.or([eb(column, 'is', null), eb(column, 'not in', ids)]) : eb(column, 'not in', ids),
      judged: () => sql<SqlBool>`(${sql.ref(column)} || '') in (${sql.join(ids)})`,
    });
  };
  const equal = (column: 'petition.owner_id' | 'petition.handler_id', id: string) =>
    terms.push({
      values: 1,
      is: (eb) => eb(column, '=', id),
      isNot: (eb) => eb.or([eb(column, 'is', null), eb(column, '<>', id)]),
      judged: () => sql<SqlBool>`(${sql.ref(column)} || '') = ${id}`,
    });
  if (!f.noScope && f.scopePath !== null) {
    const units = await subtree(f.scopePath);
    among('petition.handling_unit_id', units);
    if (!f.handlingOnly) among('petition.registered_unit_id', units);
  }
  if (f.personalUserId !== null) {
    equal('petition.owner_id', f.personalUserId);
    equal('petition.handler_id', f.personalUserId);
    among('petition.id', await coHandledIds(db, f.personalUserId, f.now));
  }
  return { terms, filterUnits, recused };
}

/** The list's filters on `base` (a selection of petitions already scoped). */
function narrowed(
  db: Kysely<DB>,
  scoped: SelectQueryBuilder<DB, 'petition', object>,
  f: PetitionFilter,
  scope: PetitionScope,
  reading: Reading,
) {
  const { filterUnits, recused } = scope;
  let base = scoped;
  if (recused.length > 0) base = base.where('petition.id', 'not in', recused);
  if (f.states !== undefined && f.states.length > 0)
    base =
      reading === 'all'
        ? base.where('petition.state', 'in', f.states as PetitionRow['state'][])
        : base.where(sql<SqlBool>`(petition.state || '') in (${sql.join(f.states)})`);
  if (f.unitPath !== undefined) {
    base =
      filterUnits.length === 0
        ? base.where(sql<boolean>`1 = 0`)
        : base.where((eb) =>
            eb.or([
              eb('petition.handling_unit_id', 'in', filterUnits),
              eb.and([
                eb('petition.handling_unit_id', 'is', null),
                eb('petition.registered_unit_id', 'in', filterUnits),
              ]),
            ]),
          );
  }
  // A top level covers its children: the code itself or any code whose parent it is (a few codes, resolved
  // by the category primary key), never a LIKE on user input.
  if (f.categoryCode !== undefined)
    base = base.where('petition.category_code', 'in', categoryCodesUnder(db, f.categoryCode));
  if (f.channel !== undefined) base = base.where('petition.channel', '=', f.channel as PetitionRow['channel']);
  if (f.type !== undefined) base = base.where('petition.type', '=', f.type as PetitionRow['type']);
  if (f.ownerId !== undefined) base = base.where('petition.owner_id', '=', f.ownerId);
  if (f.overdueBefore !== undefined) base = base.where('petition.due_date', '<', f.overdueBefore);
  const kept = [
    ['acceptance', f.acceptanceStatus, f.acceptanceDue, 'petition.acceptance_due'],
    ['conclusion', f.conclusionStatus, f.conclusionDue, 'petition.conclusion_due'],
    ['referral', f.referralStatus, f.referralDue, 'petition.referral_due'],
    ['ownership', f.ownershipStatus, f.ownershipDue, 'petition.ownership_due'],
  ] as const;
  for (const [kind, status, range, due] of kept) {
    if (status !== undefined)
      base = base.where(sql<boolean>`${deadlineStatusSql(kind, f.today ?? '9999-12-31')} = ${status}`);
    if (range?.from !== undefined) base = base.where(due, '>=', range.from);
    if (range?.to !== undefined) base = base.where(due, '<=', range.to);
  }
  if (f.receivedFrom !== undefined) base = base.where('petition.received_at', '>=', f.receivedFrom);
  if (f.receivedToExclusive !== undefined) base = base.where('petition.received_at', '<', f.receivedToExclusive);
  if (f.search !== undefined) base = base.where(f.search);
  if (f.review !== undefined) base = base.where(reviewOpinionSql(f.review));
  // 满意度评价: a petitioner may evaluate once a reply is issued; 基本满意 (3) and better count as satisfied.
  if (f.evaluation === 'due') base = base.where('petition.state', 'in', EVALUABLE_STATES);
  if (f.evaluation === 'rated') base = base.where('petition.satisfaction', 'is not', null);
  if (f.evaluation === 'satisfied') base = base.where('petition.satisfaction', '>=', SATISFIED_FROM);
  switch (f.flag) {
    case 'group':
      base = base.where('petition.is_group', '=', 1);
      break;
    case 'skip_level':
      base = base.where('petition.is_skip_level', '=', 1);
      break;
    case 'repeat':
      base = base.where('petition.is_repeat', '=', 1);
      break;
    case 'supervised':
      base = base.where('petition.supervision_level', 'is not', null);
      break;
    case 'anonymous':
      base = base.where('petition.is_anonymous', '=', 1);
      break;
    case undefined:
      break;
  }
  return base;
}

/**
 * How many petitions `filteredPetitions` selects, counting no further than `limit`: each disjoint
 * branch of the scope reads at most what is still missing (`SELECT count(*) FROM (… LIMIT n)`), so a
 * broad filter over a million petitions costs as much as one of ten thousand.
 */
export async function countPetitions(
  db: Kysely<DB>,
  f: PetitionFilter,
  limit: number,
  known?: PetitionScope,
): Promise<number> {
  return Math.min(
    limit,
    (await countBranches(db, f, limit, known)).reduce((sum, b) => sum + b.n, 0),
  );
}

/** The count of each branch (`petitionBranches`), each stopping at what the limit still misses (at least one). */
async function countBranches(db: Kysely<DB>, f: PetitionFilter, limit: number, known?: PetitionScope) {
  let counted = 0;
  const counts: { n: number; exact: boolean }[] = [];
  for (const branch of await petitionBranches(db, f, known)) {
    // Past the limit a branch is still asked whether it holds any: the page reads only those that do.
    const row = await db
      .selectFrom(
        branch
          .select(sql<number>`1`.as('hit'))
          .limit(Math.max(1, limit - counted))
          .as('hits'),
      )
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    counts.push({ n, exact: n < Math.max(1, limit - counted) });
    counted += n;
  }
  return counts;
}

/** A branch of several values with no more cases than this is read whole and sorted (a few ms). */
const FEW_TO_SORT = 1_000;

type PageRow = { id: string; received_at: string; due_date: string | null };
const NO_DUE = '9999-12-31';
type Selection = SelectQueryBuilder<DB, 'petition', object>;

/**
 * The rows `offset` to `offset + limit` of a selection in the list's order, each read by an index
 * walked in that order that stops at the page. Newest first (ids break ties) walks the receipt
 * order. Nearest deadline first — those without one last, oldest first — is two walks: the cases
 * with a due date by (due_date, received_at, id) on petition_due_order_idx, then, when they run out
 * before the page does, the rest by receipt. As one `ORDER BY coalesce(due_date, …)` no index held
 * that order, and both engines sorted every open case for each page (PostgreSQL 230 ms at 1M).
 */
async function pageInListOrder(
  db: Kysely<DB>,
  selection: Selection,
  sort: PetitionListFilter['sort'],
  limit: number,
  offset: number,
): Promise<PageRow[]> {
  const columns = ['petition.id', 'petition.received_at', 'petition.due_date'] as const;
  if (sort === 'received_desc')
    return selection
      .select(columns)
      .orderBy('petition.received_at', 'desc')
      .orderBy('petition.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  const withDue = selection.where('petition.due_date', 'is not', null);
  const due = await withDue
    .select(columns)
    .orderBy('petition.due_date')
    .orderBy('petition.received_at')
    .orderBy('petition.id')
    .limit(limit)
    .offset(offset)
    .execute();
  if (due.length === limit) return due;
  // The cases with a due date end on this page (then none of them precedes it past `offset`) or before it.
  const before =
    due.length > 0 || offset === 0
      ? offset + due.length
      : Number(
          (
            await db
              .selectFrom(
                withDue
                  .select(sql<number>`1`.as('hit'))
                  .limit(offset)
                  .as('hits'),
              )
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
  const rest = await selection
    .where('petition.due_date', 'is', null)
    .select(columns)
    .orderBy('petition.received_at')
    .orderBy('petition.id')
    .limit(limit - due.length)
    .offset(Math.max(0, offset - before))
    .execute();
  return [...due, ...rest];
}

/** The order of `pageInListOrder`, for merging the pages of the branches (ISO instants and dates compare as text). */
function compareInListOrder(sort: PetitionListFilter['sort']) {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return sort === 'due_asc'
    ? (a: PageRow, b: PageRow) =>
        text(a.due_date ?? NO_DUE, b.due_date ?? NO_DUE) || text(a.received_at, b.received_at) || text(a.id, b.id)
    : (a: PageRow, b: PageRow) => text(b.received_at, a.received_at) || text(b.id, a.id);
}

/** One page of petitions the viewer may see (see `filteredPetitions`), and the total; display joins only for the page. */
export async function listPetitions(db: Kysely<DB>, f: PetitionListFilter) {
  const scope = await scopeOf(db, f);
  const counts = await countBranches(db, f, PETITION_LIST_TOTAL_CAP + 1, scope);
  const counted = counts.reduce((sum, b) => sum + b.n, 0);
  // The branches are paged apart when each walks its index in the order of receipt (one value) or
  // holds few rows to sort; a branch of many units with many cases (a mine office's subtree) is
  // dense in the whole table instead: there one walk in the list's order, judging the scope on each
  // case it meets, stops first. That plan is asked for, not left to the planner: with sampled or no
  // statistics SQLite fetched all 143,000 cases of a mine through the scope's indexes to sort them.
  const terms = scope.terms ?? [];
  const dense = terms.some((term, i) => {
    const count = counts[i];
    return term.values > 1 && !(count !== undefined && count.exact && count.n <= FEW_TO_SORT);
  });
  const apart = counts.length > 1 && !dense;
  // A selection of few cases is read whole by its most selective index and sorted (a rare state over a
  // million cases: a walk in the list's order would read them all to find it); a larger one is paged
  // by walking the order, its filters judged on the way (see Reading).
  const few = counts.every((c) => c.exact) && counted <= FEW_TO_SORT;
  // Deferred join: order and cut the page on ids alone (small sort records), then load those rows.
  let ids: string[];
  if (!apart) {
    const selection = await filteredPetitions(db, f, scope, dense ? 'walk' : few ? 'all' : 'page');
    ids = (await pageInListOrder(db, selection, f.sort, f.limit, f.offset)).map((r) => r.id);
  } else {
    // A scope of several terms: each branch gives its first offset + limit in the list's order on its
    // own index (a handler's unit walks (handling_unit_id, received_at) backwards and stops), and the
    // page is cut from their merge. With the OR, SQLite fetched all 13,000 of a unit's cases at 1M to
    // sort them. A branch counted empty is not read: its index would be walked for nothing.
    const want = f.offset + f.limit;
    const branches = await petitionBranches(db, f, scope, few ? 'all' : 'page');
    const rows: PageRow[] = [];
    for (const [i, branch] of branches.entries()) {
      if (counts[i]?.n === 0) continue;
      rows.push(...(await pageInListOrder(db, branch, f.sort, want, 0)));
    }
    ids = rows
      .sort(compareInListOrder(f.sort))
      .slice(f.offset, want)
      .map((r) => r.id);
  }
  return {
    rows: await summaryRows(db, ids),
    total: Math.min(counted, PETITION_LIST_TOTAL_CAP),
    totalCapped: counted > PETITION_LIST_TOTAL_CAP,
  };
}
