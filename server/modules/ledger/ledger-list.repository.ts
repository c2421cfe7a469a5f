/**
 * The 台账 as a query: the petitions a viewer may see under the list's filters — scope and recusal
 * in SQL so paging stays right — shared by the list page, the ledger export, the dashboard's figures
 * and their drill-downs, so all of them count the same rows.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
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
  /** Full-text search: `petition.id IN (matching ids)`, built for the dialect (petition-search.ts). */
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

/**
 * The petitions the viewer may see, filtered: scope applied in SQL so paging stays correct — the
 * unit subtree as `unit_id IN (units under the path)` (a small set, resolved once, so the petition
 * indexes stay usable), recusal as `id NOT IN (the viewer's recused petitions)`, a list read first.
 * Shared by the list page and the ledger export, so both show exactly the same petitions.
 */
export async function filteredPetitions(db: Kysely<DB>, f: PetitionFilter) {
  const unitsUnder = (path: string) => unitIdsUnder(db, path);
  let base = db.selectFrom('petition').where((eb) => {
    const personal =
      f.personalUserId === null
        ? sql<boolean>`1 = 0`
        : eb.or([
            eb('petition.owner_id', '=', f.personalUserId),
            eb('petition.handler_id', '=', f.personalUserId),
            eb(
              'petition.id',
              'in',
              db
                .selectFrom('petition_co_handler')
                .select('petition_co_handler.petition_id')
                .where('petition_co_handler.user_id', '=', f.personalUserId)
                // An expired invitation lists nothing; without the time an expiring one lists nothing either.
                .where((e) =>
                  f.now === undefined
                    ? e('petition_co_handler.expires_at', 'is', null)
                    : e.or([
                        e('petition_co_handler.expires_at', 'is', null),
                        e('petition_co_handler.expires_at', '>', f.now),
                      ]),
                ),
            ),
          ]);
    if (f.noScope) return personal;
    if (f.scopePath === null) return sql<boolean>`1 = 1`;
    const handled = eb('petition.handling_unit_id', 'in', unitsUnder(f.scopePath));
    if (f.handlingOnly) return eb.or([handled, personal]);
    return eb.or([eb('petition.registered_unit_id', 'in', unitsUnder(f.scopePath)), handled, personal]);
  });
  // Recusal: never list a petition naming the viewer or on which the viewer declared a conflict.
  // The viewer's recused petitions are few (usually none): fetched once, so the common case adds
  // no per-row predicate and the count stays on the indexes.
  const recused = [...(await recusedPetitionIds(db, f.viewerId))];
  if (recused.length > 0) base = base.where('petition.id', 'not in', recused);
  if (f.states !== undefined && f.states.length > 0)
    base = base.where('petition.state', 'in', f.states as PetitionRow['state'][]);
  if (f.unitPath !== undefined) {
    const path = f.unitPath;
    base = base.where((eb) =>
      eb.or([
        eb('petition.handling_unit_id', 'in', unitsUnder(path)),
        eb.and([
          eb('petition.handling_unit_id', 'is', null),
          eb('petition.registered_unit_id', 'in', unitsUnder(path)),
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

/** One page of petitions the viewer may see (see `filteredPetitions`), and the total; display joins only for the page. */
export async function listPetitions(db: Kysely<DB>, f: PetitionListFilter) {
  const base = await filteredPetitions(db, f);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // Deferred join: order and cut the page on ids alone (small sort records), then load those rows.
  const ordered =
    f.sort === 'due_asc'
      ? // Nearest deadline first, none last; the columns come from petition_state_due_received_idx.
        base
          .select('petition.id')
          .orderBy(sql`coalesce(petition.due_date, '9999-12-31')`)
          .orderBy('petition.received_at')
      : base.select('petition.id').orderBy('petition.received_at', 'desc').orderBy('petition.id', 'desc');
  const ids = (await ordered.limit(f.limit).offset(f.offset).execute()).map((r) => r.id);
  return { rows: await summaryRows(db, ids), total: countRow.n };
}
