/** Kysely queries for petitions, their people, events and deadlines. */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB, PetitionEventTable, PetitionTable } from '../../db/schema.ts';
import { insertRows } from '../../db/bulk-insert.ts';

import { officeLevelPathSubquery } from '../unit/index.ts';

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
  return scopeRowsQuery(db, ids).execute();
}

/** The columns of `caseScopeRows`, for it and for `caseScopeRowsFor` to add to. */
function scopeRowsQuery(db: Kysely<DB>, ids: readonly string[]) {
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
    .where('petition.id', 'in', ids);
}

/**
 * A co-handler row still gives access: no expiry (the office's own staff), or — for a partner's
 * invitation — an expiry after `now`. Without `now` an expiring invitation counts as ended, so a
 * reader that does not know the time can never widen a partner's access (fail closed).
 */
function invitationCurrent(column: string, now: string | undefined) {
  return now === undefined
    ? sql<boolean>`${sql.ref(column)} is null`
    : sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} > ${now})`;
}

/**
 * The people around petitions, in one statement: co-handlers (`co`), named persons (`named`, with
 * the account when resolved), declared conflicts (`conflict`), and — while a named person is not
 * yet resolved (resolution `unresolved`) — every active or inactive account of that name in the unit
 * named (anywhere in the tree when no unit was named): `namesake`, recused until an officer resolves
 * it to an account or confirms that no account is that person.
 */
export async function casePeople(db: Kysely<DB>, petitionIds: readonly string[], now?: string) {
  if (petitionIds.length === 0) return [];
  const ids = [...petitionIds];
  return db
    .selectFrom('petition_co_handler')
    .select([
      'petition_id',
      sql<string>`case when identity_granted = 1 then 'co_identity' else 'co' end`.as('kind'),
      sql<string | null>`user_id`.as('user_id'),
      sql<string | null>`null`.as('name'),
      sql<string | null>`null`.as('position'),
    ])
    .where('petition_id', 'in', ids)
    .where(invitationCurrent('expires_at', now))
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
  await insertRows(db, 'petition', rows);
}

export async function insertEventRows(db: Kysely<DB>, rows: readonly PetitionEventTable[]): Promise<void> {
  await insertRows(db, 'petition_event', rows);
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

/** The case's co-handlers become `userIds`; one kept keeps its row (a partner's expiry and identity grant). */
export async function insertCoHandlers(db: Kysely<DB>, petitionId: string, userIds: readonly string[]): Promise<void> {
  let removed = db.deleteFrom('petition_co_handler').where('petition_id', '=', petitionId);
  if (userIds.length > 0) removed = removed.where('user_id', 'not in', [...userIds]);
  await removed.execute();
  if (userIds.length === 0) return;
  const kept = new Set(
    (await db.selectFrom('petition_co_handler').select('user_id').where('petition_id', '=', petitionId).execute()).map(
      (r) => r.user_id,
    ),
  );
  const added = userIds.filter((u) => !kept.has(u));
  if (added.length === 0) return;
  await db
    .insertInto('petition_co_handler')
    .values(added.map((user_id) => ({ petition_id: petitionId, user_id, expires_at: null, identity_granted: 0 })))
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
  await insertRows(db, 'petition_petitioner', links.petitioners);
  await insertRows(db, 'petition_unit', links.units);
  await insertRows(db, 'petition_named_person', links.named);
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

/**
 * The petitions `userId` is recused from: named in them (被反映人), a declared conflict, or — while
 * a named person is unresolved — bearing that name in the unit named. One statement; usually none.
 */
export async function recusedPetitionIds(db: Kysely<DB>, userId: string): Promise<Set<string>> {
  const rows = await recusedPetitionsQuery(db, userId).execute();
  return new Set(rows.map((r) => r.petition_id));
}

/** The ids of the petitions `userId` is recused from, as a query (see `recusedPetitionIds`). */
function recusedPetitionsQuery(db: Kysely<DB>, userId: string) {
  return db
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
    );
}

/**
 * The scope rows of these petitions as one viewer meets them, in one statement: whether the viewer
 * is recused from each (named, a namesake of an unresolved name, a declared conflict) and whether
 * he is its co-handler — all `canRead` asks of the people around a case about that viewer.
 */
export async function caseScopeRowsFor(db: Kysely<DB>, ids: readonly string[], viewerId: string, now?: string) {
  if (ids.length === 0) return [];
  return scopeRowsQuery(db, ids)
    .select((eb) => [
      eb('petition.id', 'in', recusedPetitionsQuery(db, viewerId)).as('viewer_recused'),
      eb
        .exists(
          eb
            .selectFrom('petition_co_handler as co')
            .select('co.petition_id')
            .whereRef('co.petition_id', '=', 'petition.id')
            .where('co.user_id', '=', viewerId)
            .where(invitationCurrent('co.expires_at', now)),
        )
        .as('viewer_co_handler'),
    ])
    .execute();
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
