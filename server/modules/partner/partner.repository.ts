/** Every query of the partner module: organisations, members, joint reception sessions and their cases. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// ---------------------------------------------------------------------------------------------
// Organisations

export async function insertOrganisation(db: Kysely<DB>, row: DB['partner_organisation']): Promise<void> {
  await db.insertInto('partner_organisation').values(row).execute();
}

export async function findOrganisation(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('partner_organisation as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .selectAll('o')
    .select('u.path as unit_path')
    .where('o.id', '=', id)
    .executeTakeFirst();
}
export type OrganisationRow = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

/** The organisations kept by units in the subtree `path`, by name. */
export async function organisationsUnder(db: Kysely<DB>, path: string) {
  return db
    .selectFrom('partner_organisation as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .selectAll('o')
    .select('u.path as unit_path')
    .where('u.path', 'like', `${path}%`)
    .where('o.active', '=', 1)
    .orderBy('o.name')
    .execute();
}

/** The members of these organisations with their display names. */
export async function membersOf(db: Kysely<DB>, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('partner_member as m')
    .innerJoin('app_user as a', 'a.id', 'm.user_id')
    .select(['m.organisation_id', 'm.user_id', 'a.display_name'])
    .where('m.organisation_id', 'in', [...organisationIds])
    .orderBy('a.display_name')
    .execute();
}

/** The organisation each of these accounts speaks for. */
export async function organisationsOfUsers(db: Kysely<DB>, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('partner_member as m')
    .innerJoin('partner_organisation as o', 'o.id', 'm.organisation_id')
    .select(['m.user_id', 'o.id as organisation_id', 'o.name'])
    .where('m.user_id', 'in', [...userIds])
    .execute();
}

/** An account joins an organisation (moving from any other). */
export async function upsertMember(db: Kysely<DB>, organisationId: string, userId: string): Promise<void> {
  await db.deleteFrom('partner_member').where('user_id', '=', userId).execute();
  await db.insertInto('partner_member').values({ organisation_id: organisationId, user_id: userId }).execute();
}

export async function deleteMember(db: Kysely<DB>, organisationId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('partner_member')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Sessions

export async function insertSession(
  db: Kysely<DB>,
  row: DB['partner_session'],
  members: readonly DB['partner_session_member'][],
): Promise<void> {
  await db.insertInto('partner_session').values(row).execute();
  if (members.length > 0)
    await db
      .insertInto('partner_session_member')
      .values([...members])
      .execute();
}

export async function findSession(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('partner_session as s')
    .innerJoin('unit as u', 'u.id', 's.unit_id')
    .selectAll('s')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** The number of cases registered in the session `s` of the enclosing query. */
const sessionCaseCount = sql<number | string>`(select count(*) from partner_session_case c where c.session_id = s.id)`;

/** Sessions held by units of the subtree `path`, newest first. */
export async function sessionsUnder(
  db: Kysely<DB>,
  path: string,
  within: { unitPath?: string | undefined; from?: string | undefined; before?: string | undefined } = {},
) {
  let query = db
    .selectFrom('partner_session as s')
    .innerJoin('unit as u', 'u.id', 's.unit_id')
    .selectAll('s')
    .select(sessionCaseCount.as('case_count'))
    .where('u.path', 'like', `${path}%`);
  // A figure's unit and period (instants [from, before)), as well as the reader's subtree.
  if (within.unitPath !== undefined) query = query.where('u.path', 'like', `${within.unitPath}%`);
  if (within.from !== undefined) query = query.where('s.starts_at', '>=', within.from);
  if (within.before !== undefined) query = query.where('s.starts_at', '<', within.before);
  return query.orderBy('s.starts_at', 'desc').limit(200).execute();
}

/** Sessions a partner sits in whose access has not ended at `now`. */
export async function sessionsOfPartner(db: Kysely<DB>, userId: string, now: string) {
  return db
    .selectFrom('partner_session as s')
    .innerJoin('partner_session_member as m', 'm.session_id', 's.id')
    .selectAll('s')
    .select(sessionCaseCount.as('case_count'))
    .where('m.user_id', '=', userId)
    .where('m.part', '=', 'partner')
    .where('s.access_until', '>', now)
    .orderBy('s.starts_at', 'desc')
    .execute();
}

export async function sessionMembers(db: Kysely<DB>, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('partner_session_member as m')
    .innerJoin('app_user as a', 'a.id', 'm.user_id')
    .leftJoin('partner_member as pm', 'pm.user_id', 'm.user_id')
    .leftJoin('partner_organisation as o', 'o.id', 'pm.organisation_id')
    .select(['m.session_id', 'm.user_id', 'm.part', 'a.display_name', 'o.name as organisation_name'])
    .where('m.session_id', 'in', [...sessionIds])
    .orderBy('a.display_name')
    .execute();
}

export async function insertSessionCase(db: Kysely<DB>, row: DB['partner_session_case']): Promise<void> {
  await db.insertInto('partner_session_case').values(row).execute();
}

export async function sessionCases(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('partner_session_case as c')
    .innerJoin('petition as p', 'p.id', 'c.petition_id')
    .select(['p.id', 'p.case_number', 'p.title', 'p.state'])
    .where('c.session_id', '=', sessionId)
    .orderBy('c.created_at')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Sessions by the path of their unit that started within [from, to) (UTC instants). */
export async function sessionsHeldByPath(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('partner_session as s')
    .innerJoin('unit as u', 'u.id', 's.unit_id')
    .select(['u.path', sql<number | string>`count(*)`.as('n')])
    .where('s.starts_at', '>=', from)
    .where('s.starts_at', '<', to)
    .groupBy('u.path')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Invitations: a partner's co-handler row on a case, with its expiry and identity grant (the petition
// policy reads them through the case's people; these write and list them)

/** A partner's invitation onto a case (a co-handler row with its expiry); an existing row gets the new expiry. */
export async function upsertInvitation(
  db: Kysely<DB>,
  petitionId: string,
  userId: string,
  expiresAt: string,
): Promise<void> {
  const updated = await db
    .updateTable('petition_co_handler')
    .set({ expires_at: expiresAt })
    .where('petition_id', '=', petitionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto('petition_co_handler')
    .values({ petition_id: petitionId, user_id: userId, expires_at: expiresAt, identity_granted: 0 })
    .execute();
}

/** The cases a partner is invited onto now (co-handler rows with an expiry after `now`), soonest to expire first. */
export async function invitedCasesOf(db: Kysely<DB>, userId: string, now: string) {
  return db
    .selectFrom('petition_co_handler as co')
    .innerJoin('petition as p', 'p.id', 'co.petition_id')
    .select(['p.id', 'p.case_number', 'p.title', 'p.state', 'co.expires_at'])
    .where('co.user_id', '=', userId)
    .where('co.expires_at', '>', now)
    .orderBy('co.expires_at')
    .execute();
}

/** The invitation row as stored (also expired ones), or undefined. */
export async function findInvitation(db: Kysely<DB>, petitionId: string, userId: string) {
  return db
    .selectFrom('petition_co_handler')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Every invitation of a case with an expiry (partners), with the account's name. */
export async function invitationsOf(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_co_handler as co')
    .innerJoin('app_user as u', 'u.id', 'co.user_id')
    .select(['co.user_id', 'co.expires_at', 'co.identity_granted', 'u.display_name'])
    .where('co.petition_id', '=', petitionId)
    .where('co.expires_at', 'is not', null)
    .orderBy('u.display_name')
    .execute();
}

export async function setInvitationTerms(
  db: Kysely<DB>,
  petitionId: string,
  userId: string,
  terms: { expires_at?: string; identity_granted?: number },
): Promise<void> {
  await db
    .updateTable('petition_co_handler')
    .set(terms)
    .where('petition_id', '=', petitionId)
    .where('user_id', '=', userId)
    .execute();
}
