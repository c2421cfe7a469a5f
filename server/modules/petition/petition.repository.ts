/** Kysely queries for petitions, their people, events and deadlines. */
import { sql, type ExpressionBuilder, type RawBuilder, type Kysely } from 'kysely';
import type { DB, PetitionEventTable, PetitionTable } from '../../db/schema.ts';
import { categoryCodesUnder } from '../category/index.ts';
import { officeLevelPathSubquery, unitIdsUnder } from '../unit/index.ts';

export type PetitionRow = PetitionTable;

export async function findPetition(db: Kysely<DB>, id: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petition').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPetitionByCaseNumber(db: Kysely<DB>, caseNumber: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petition').selectAll().where('case_number', '=', caseNumber).executeTakeFirst();
}

/**
 * The petition with what its page and its access decision need from around it — the registering
 * and handling units (path, name), the owner's name and the category's label — in one statement.
 */
export async function findCaseRow(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('petition')
    .innerJoin('unit as ru', 'ru.id', 'petition.registered_unit_id')
    .leftJoin('unit as hu', 'hu.id', 'petition.handling_unit_id')
    .leftJoin('unit as rvu', 'rvu.id', 'petition.review_unit_id')
    .leftJoin('app_user as owner', 'owner.id', 'petition.owner_id')
    .leftJoin('category as cat', 'cat.code', 'petition.category_code')
    .leftJoin('category as cat_parent', 'cat_parent.code', 'cat.parent_code')
    .selectAll('petition')
    .select([
      'ru.path as registered_path',
      'ru.name as registered_name',
      'hu.path as handling_path',
      'hu.name as handling_name',
      'rvu.path as review_path',
      'owner.display_name as owner_name',
      'cat.name as category_name',
      'cat_parent.name as category_parent_name',
    ])
    .select((eb) => [
      // The body that answers for the case: the nearest 集团/矿/公司 at or above the unit handling it
      // (or registering it while none does) — it accepts (第23条) and is reviewed (第35条).
      officeLevelPathSubquery(db, sql<string>`coalesce(hu.path, ru.path)`).as('handling_office_path'),
      // Where the latest 交办/转送 came from: that side decides on an objection (第23条第3款).
      eb
        .selectFrom('petition_event as sent')
        .innerJoin('app_user as sender', 'sender.id', 'sent.actor_id')
        .innerJoin('unit as sender_unit', 'sender_unit.id', 'sender.unit_id')
        .select('sender_unit.path')
        .whereRef('sent.petition_id', '=', 'petition.id')
        .where('sent.kind', 'in', ['assign', 'forward'])
        .orderBy('sent.seq', 'desc')
        .limit(1)
        .as('sender_path'),
      // Who signed the reply and who decided the 复查: neither decides the review of their own decision.
      latestActor(eb, 'issueReply').as('reply_signer_id'),
      latestActor(eb, 'issueReviewOpinion').as('review_decider_id'),
    ])
    .where('petition.id', '=', id)
    .executeTakeFirst();
}

function latestActor(eb: ExpressionBuilder<DB & { petition: PetitionTable }, 'petition'>, kind: string) {
  return eb
    .selectFrom('petition_event as decided')
    .select('decided.actor_id')
    .whereRef('decided.petition_id', '=', 'petition.id')
    .where('decided.kind', '=', kind)
    .orderBy('decided.seq', 'desc')
    .limit(1);
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseRow>>>;

/** The unit paths of many petitions, for access decisions about them all at once. */
export async function caseScopeRows(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('petition')
    .innerJoin('unit as ru', 'ru.id', 'petition.registered_unit_id')
    .leftJoin('unit as hu', 'hu.id', 'petition.handling_unit_id')
    .select([
      'petition.id',
      'petition.type',
      'petition.owner_id',
      'petition.handler_id',
      'ru.path as registered_path',
      'hu.path as handling_path',
    ])
    .where('petition.id', 'in', ids)
    .execute();
}

/**
 * The people around petitions, in one statement: co-handlers (`co`), named persons (`named`, with
 * the account when resolved), declared conflicts (`conflict`), and — while a named person is not
 * yet resolved (resolution `unresolved`) — every active or inactive account of that name in the unit
 * named (anywhere in the tree when no unit was named): `namesake`, recused until an officer resolves
 * it to an account or confirms that no account is that person.
 */
export async function casePeople(db: Kysely<DB>, petitionIds: readonly string[]) {
  if (petitionIds.length === 0) return [];
  const ids = [...petitionIds];
  return db
    .selectFrom('petition_co_handler')
    .select([
      'petition_id',
      sql<string>`'co'`.as('kind'),
      sql<string | null>`user_id`.as('user_id'),
      sql<string | null>`null`.as('name'),
      sql<string | null>`null`.as('position'),
    ])
    .where('petition_id', 'in', ids)
    .unionAll(
      db
        .selectFrom('petition_named_person')
        .select(['petition_id', sql<string>`'named'`.as('kind'), 'user_id', 'name', 'position'])
        .where('petition_id', 'in', ids),
    )
    .unionAll(
      db
        .selectFrom('conflict_declaration')
        .select([
          'petition_id',
          sql<string>`'conflict'`.as('kind'),
          sql<string | null>`user_id`.as('user_id'),
          sql<string | null>`null`.as('name'),
          sql<string | null>`null`.as('position'),
        ])
        .where('petition_id', 'in', ids),
    )
    .unionAll(
      db
        .selectFrom('petition_named_person as n')
        .innerJoin('app_user as u', 'u.display_name', 'n.name')
        .innerJoin('unit as uu', 'uu.id', 'u.unit_id')
        .leftJoin('unit as nu', 'nu.id', 'n.unit_id')
        .select([
          'n.petition_id',
          sql<string>`'namesake'`.as('kind'),
          sql<string | null>`u.id`.as('user_id'),
          sql<string | null>`null`.as('name'),
          sql<string | null>`null`.as('position'),
        ])
        .where('n.petition_id', 'in', ids)
        .where('n.resolution', '=', 'unresolved')
        .where((eb) => eb.or([eb('n.unit_id', 'is', null), eb('uu.path', 'like', sql<string>`nu.path || '%'`)])),
    )
    .execute();
}
export type CasePersonRow = Awaited<ReturnType<typeof casePeople>>[number];

/**
 * Update with optimistic concurrency, bumping the version and the event number in the same
 * statement. @returns the row as it is now, or undefined when somebody changed it meanwhile
 */
export async function updatePetitionReturning(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Partial<PetitionRow>,
): Promise<PetitionRow | undefined> {
  return db
    .updateTable('petition')
    .set((eb) => ({ ...patch, version: version + 1, event_seq: eb('event_seq', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Columns that time alone moves (deadlines, risk), written without a new version (the sweep, the scan). */
export async function updateDerivedColumns(db: Kysely<DB>, id: string, patch: Partial<PetitionRow>): Promise<void> {
  await db.updateTable('petition').set(patch).where('id', '=', id).execute();
}

export async function insertPetitionRows(db: Kysely<DB>, rows: readonly PetitionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('petition')
    .values([...rows])
    .execute();
}

export async function insertEventRows(db: Kysely<DB>, rows: readonly PetitionEventTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('petition_event')
    .values([...rows])
    .execute();
}

/** The next case number of a year, gap-free: the counter row is bumped with UPDATE … RETURNING (row lock on PostgreSQL). */
export async function nextCaseNumber(db: Kysely<DB>, year: number): Promise<number> {
  return reserveCaseNumbers(db, year, 1);
}

/** Reserve `count` consecutive case numbers of a year. @returns the first */
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

export async function listEvents(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_event')
    .leftJoin('app_user', 'app_user.id', 'petition_event.actor_id')
    .selectAll('petition_event')
    .select('app_user.display_name as actor_name')
    .where('petition_event.petition_id', '=', petitionId)
    .orderBy('petition_event.seq')
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

export async function insertCoHandlers(db: Kysely<DB>, petitionId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('petition_co_handler').where('petition_id', '=', petitionId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('petition_co_handler')
    .values(userIds.map((user_id) => ({ petition_id: petitionId, user_id })))
    .execute();
}

export async function removeCoHandler(db: Kysely<DB>, petitionId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('petition_co_handler')
    .where('petition_id', '=', petitionId)
    .where('user_id', '=', userId)
    .execute();
}

export async function insertConflict(db: Kysely<DB>, row: DB['conflict_declaration']): Promise<void> {
  await db.insertInto('conflict_declaration').values(row).execute();
}

export async function insertCaseLinks(
  db: Kysely<DB>,
  links: {
    petitioners: DB['petition_petitioner'][];
    units: DB['petition_unit'][];
    named: DB['petition_named_person'][];
  },
): Promise<void> {
  if (links.petitioners.length > 0) await db.insertInto('petition_petitioner').values(links.petitioners).execute();
  if (links.units.length > 0) await db.insertInto('petition_unit').values(links.units).execute();
  if (links.named.length > 0) await db.insertInto('petition_named_person').values(links.named).execute();
}

/**
 * The named persons of a case as the office's page shows them: the unit named (its path, for its
 * name along the tree) and, once confirmed, the account with its unit and position.
 */
export async function namedPersonRows(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_named_person as n')
    .leftJoin('unit as nu', 'nu.id', 'n.unit_id')
    .leftJoin('app_user as u', 'u.id', 'n.user_id')
    .leftJoin('unit as uu', 'uu.id', 'u.unit_id')
    .select([
      'n.id',
      'n.name',
      'n.position',
      'n.unit_id',
      'n.unit_text',
      'n.resolution',
      'n.user_id',
      'nu.path as unit_path',
      'u.display_name as account_name',
      'u.position as account_position',
      'uu.path as account_unit_path',
    ])
    .where('n.petition_id', '=', petitionId)
    .orderBy('n.id')
    .execute();
}
export type NamedPersonRow = Awaited<ReturnType<typeof namedPersonRows>>[number];

export async function insertNamedPerson(db: Kysely<DB>, row: DB['petition_named_person']): Promise<void> {
  await db.insertInto('petition_named_person').values(row).execute();
}

/** Change a named person of this petition. @returns whether there was one to change */
export async function updateNamedPerson(
  db: Kysely<DB>,
  petitionId: string,
  id: string,
  patch: Partial<Omit<DB['petition_named_person'], 'id' | 'petition_id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('petition_named_person')
    .set(patch)
    .where('petition_id', '=', petitionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listPetitioners(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_petitioner')
    .innerJoin('petitioner', 'petitioner.id', 'petition_petitioner.petitioner_id')
    .selectAll('petitioner')
    .select('petition_petitioner.is_representative')
    .where('petition_petitioner.petition_id', '=', petitionId)
    .orderBy('petition_petitioner.sort_order')
    .execute();
}

/** The petitions of these petitioners, newest first (the office's look-up). */
export async function petitionsOfPetitioners(db: Kysely<DB>, petitionerIds: readonly string[], limit: number) {
  if (petitionerIds.length === 0) return [];
  return db
    .selectFrom('petition')
    .innerJoin('petition_petitioner', 'petition_petitioner.petition_id', 'petition.id')
    .select('petition.id')
    .distinct()
    .where('petition_petitioner.petitioner_id', 'in', petitionerIds)
    .orderBy('petition.id', 'desc')
    .limit(limit)
    .execute();
}

/** For each of these petitioners, their newest petition (the import's 重复访 by identity). */
export async function latestPetitionsOf(
  db: Kysely<DB>,
  petitionerIds: readonly string[],
): Promise<Map<string, string>> {
  const latest = new Map<string, { id: string; at: string }>();
  for (let i = 0; i < petitionerIds.length; i += 500) {
    const rows = await db
      .selectFrom('petition_petitioner')
      .innerJoin('petition', 'petition.id', 'petition_petitioner.petition_id')
      .select(['petition_petitioner.petitioner_id', 'petition.id', 'petition.received_at'])
      .where('petition_petitioner.petitioner_id', 'in', petitionerIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const known = latest.get(row.petitioner_id);
      if (known === undefined || row.received_at > known.at)
        latest.set(row.petitioner_id, { id: row.id, at: row.received_at });
    }
  }
  return new Map([...latest].map(([petitioner, petition]) => [petitioner, petition.id]));
}

/** The newest petition of any of these petitioners (重复访 by identity). */
export async function latestPetitionOf(db: Kysely<DB>, petitionerIds: readonly string[]) {
  if (petitionerIds.length === 0) return undefined;
  return db
    .selectFrom('petition')
    .innerJoin('petition_petitioner', 'petition_petitioner.petition_id', 'petition.id')
    .select(['petition.id', 'petition.state'])
    .where('petition_petitioner.petitioner_id', 'in', petitionerIds)
    .orderBy('petition.received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export type PetitionListFilter = {
  /** Subtree path the viewer covers; null = everything (auditor). */
  scopePath: string | null;
  /** Cases the viewer is on personally (owner, handler, co-handler). */
  personalUserId: string | null;
  /** Only personal cases + cases handled in scope (handlers, frontline heads, partners). */
  handlingOnly: boolean;
  noScope: boolean;
  viewerId: string;
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
  today?: string | undefined;
  /** Due-date ranges of the 受理告知 / 办结 deadlines (local dates, inclusive). */
  acceptanceDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  conclusionDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  referralDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  receivedFrom?: string | undefined;
  receivedToExclusive?: string | undefined;
  /** Full-text search: `petition.id IN (matching ids)`, built for the dialect (petition-search.ts). */
  search?: RawBuilder<boolean> | undefined;
  sort: 'received_desc' | 'due_asc';
  limit: number;
  offset: number;
};

export type DeadlineStatus = 'open' | 'met' | 'met_late' | 'overdue';

/**
 * A deadline's status as of `today` from the kept columns: a stored `open` whose due date has passed
 * is `overdue` (time alone moves it), so the figure needs no sweep and no per-row computation.
 */
export type KeptDeadline = 'acceptance' | 'conclusion' | 'referral';

export function deadlineStatusSql(kind: KeptDeadline, today: string) {
  const status = sql.ref(`petition.${kind}_status`);
  const due = sql.ref(`petition.${kind}_due`);
  return sql<string | null>`(case when ${status} = 'open' and ${due} < ${today} then 'overdue' else ${status} end)`;
}

/**
 * The petitions `userId` is recused from: named in them (被反映人), a declared conflict, or — while
 * a named person is unresolved — bearing that name in the unit named. One statement; usually none.
 */
export async function recusedPetitionIds(db: Kysely<DB>, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('petition_named_person')
    .select('petition_id')
    .where('user_id', '=', userId)
    .union(db.selectFrom('conflict_declaration').select('petition_id').where('user_id', '=', userId))
    .union(
      db
        .selectFrom('petition_named_person as n')
        .innerJoin('app_user as u', 'u.display_name', 'n.name')
        .innerJoin('unit as uu', 'uu.id', 'u.unit_id')
        .leftJoin('unit as nu', 'nu.id', 'n.unit_id')
        .select('n.petition_id')
        .where('u.id', '=', userId)
        .where('n.resolution', '=', 'unresolved')
        .where((eb) => eb.or([eb('n.unit_id', 'is', null), eb('uu.path', 'like', sql<string>`nu.path || '%'`)])),
    )
    .execute();
  return new Set(rows.map((r) => r.petition_id));
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
                .where('petition_co_handler.user_id', '=', f.personalUserId),
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

/** These petitions with the names a list row shows, in the order of `ids`. */
export async function summaryRows(db: Kysely<DB>, ids: readonly string[]) {
  const found =
    ids.length === 0
      ? []
      : await db
          .selectFrom('petition')
          .leftJoin('unit as hu', 'hu.id', 'petition.handling_unit_id')
          .leftJoin('app_user as owner', 'owner.id', 'petition.owner_id')
          .leftJoin('category as cat', 'cat.code', 'petition.category_code')
          .leftJoin('category as cat_parent', 'cat_parent.code', 'cat.parent_code')
          .selectAll('petition')
          .select([
            'hu.name as handling_unit_name',
            'owner.display_name as owner_name',
            'cat.name as category_name',
            'cat_parent.name as category_parent_name',
          ])
          .where('petition.id', 'in', [...ids])
          .execute();
  const byId = new Map(found.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
}

/** Open petitions whose nearest deadline is on or before `horizon` (the deadline sweep). */
export async function dueOpenPetitions(db: Kysely<DB>, states: readonly PetitionRow['state'][], horizon: string) {
  return db
    .selectFrom('petition')
    .select(['id', 'case_number', 'due_date', 'due_kind', 'owner_id', 'handler_id', 'registered_unit_id', 'state'])
    .where('state', 'in', states)
    .where('due_date', 'is not', null)
    .where('due_date', '<=', horizon)
    .execute();
}

/**
 * Open petitions whose owner has not confirmed 包案, with when the owner was named (the latest
 * accept or setOwner event: only those name an owner), the owner's unit and the unit above it.
 */
export async function unconfirmedOwnerships(db: Kysely<DB>, states: readonly PetitionRow['state'][]) {
  return db
    .selectFrom('petition')
    .innerJoin('app_user as owner', 'owner.id', 'petition.owner_id')
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
    .where('petition.owner_confirmed_at', 'is', null)
    .where('petition.state', 'in', states)
    .execute();
}
