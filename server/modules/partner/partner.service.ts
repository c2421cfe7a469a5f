/**
 * Partners (外部协作, issue #16; 《信访工作条例》第5条 多元化解, 第13条 联合接访, 第21条 the body that can
 * decide): the organisations the office works with and their accounts; a partner's invitation onto a
 * case; the case referred to the body that can decide; a partner's written opinion (律师、社工参与);
 * joint reception sessions (联合接访) with the visits registered in them.
 *
 * One mechanism of access: a partner reads a case because it is on the case (the co-handler row the
 * petition policy already honours), now with an expiry instant and, only when the office grants it
 * per case (audited), the petitioner's identity. After expiry the case answers NOT_FOUND, exactly as
 * a case that does not exist (petition module, `loadReadable` with the clock). A partner never sees
 * whom an accusation names or who filed it (第30条).
 */
import type { Kysely } from 'kysely';
import { can, isLeader, PARTNER_ROLES, scopeOf, type Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import { SessionListQuerySchema, type SessionListQuery } from '../../../common/schemas/partner.ts';
import type {
  CasePartnersView,
  InvitationListView,
  OpinionCapacity,
  PartnerAccountListView,
  PartnerOrganisationKind,
  PartnerOrganisationListView,
  PartnerOrganisationView,
  PartnerWorkspaceView,
  SessionListView,
  SessionView,
  SessionVisitView,
} from '../../../common/schemas/partner.ts';
import type { RegisterPetitionData } from '../../../common/schemas/petition.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { assertMayRegister, noticesForRegistration, receiptOf, registerInTransaction } from '../intake/index.ts';
import { canAct, loadReadable, recordPetitionEvent, type Loaded, type PetitionDeps } from '../petition/index.ts';
import { unitFilterPath } from '../unit/index.ts';
import { activePeopleWithRoles, usersByIds } from '../user/index.ts';
import {
  deleteMember,
  findOrganisation,
  findSession,
  insertOrganisation,
  insertSession,
  insertSessionCase,
  membersOf,
  organisationsOfUsers,
  organisationsUnder,
  sessionCases,
  sessionMembers,
  sessionsOfPartner,
  sessionsUnder,
  upsertMember,
  findInvitation,
  invitationsOf,
  invitedCasesOf,
  setInvitationTerms,
  upsertInvitation,
  type OrganisationRow,
  type SessionRow,
} from './partner.repository.ts';

function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', { message: `${what} not found`, details: { id } });
}

function assertManage(actor: Actor, unit: { id: string; path: string }): void {
  if (!can(actor, 'partner.manage', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'Only the petition office arranges partners and joint reception' });
  }
}

function nowOf(deps: PetitionDeps): string {
  return deps.clock.now().toISOString();
}

/** An instant given by the user, as stored (UTC ISO), and after now. */
function futureInstant(deps: PetitionDeps, field: string, value: string): string {
  const at = new Date(value).toISOString();
  if (at <= nowOf(deps)) throw fieldError(field, 'must be in the future');
  return at;
}

/**
 * An active partner account in the actor's subtree: inviting anyone else (an employee, a stranger)
 * through this door is refused naming the field.
 * @throws ASSIGNEE_INVALID
 */
async function partnerAccount(db: Kysely<DB>, actor: Actor, userId: string, field: string) {
  const user = (await usersByIds(db, [userId]))[0];
  if (user?.active !== 1 || user.role !== 'partner' || !user.unit_path.startsWith(actor.unitPath)) {
    throw fieldError(field, 'not an active partner account of your units', 'ASSIGNEE_INVALID');
  }
  return user;
}

// ---------------------------------------------------------------------------------------------
// Organisations

async function organisationViews(db: Kysely<DB>, rows: readonly OrganisationRow[]): Promise<PartnerOrganisationView[]> {
  const members = await membersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as PartnerOrganisationKind,
    contact: r.contact,
    unitId: r.unit_id,
    members: members
      .filter((m) => m.organisation_id === r.id)
      .map((m) => ({ userId: m.user_id, name: m.display_name })),
  }));
}

async function manageableOrganisation(db: Kysely<DB>, actor: Actor, id: string, field?: string) {
  const row = await findOrganisation(db, id);
  if (row === undefined || !can(actor, 'partner.manage', { id: row.unit_id, path: row.unit_path })) {
    if (field !== undefined) throw fieldError(field, 'no such partner organisation of your units');
    throw notFound('Partner organisation', id);
  }
  return row;
}

/** The organisations of the actor's subtree with their people. @throws FORBIDDEN */
export async function listOrganisations(deps: PetitionDeps, actor: Actor): Promise<PartnerOrganisationListView> {
  assertManage(actor, { id: actor.unitId, path: actor.unitPath });
  return { items: await organisationViews(deps.db, await organisationsUnder(deps.db, actor.unitPath)) };
}

/** A new organisation kept by the actor's unit (audited). @throws FORBIDDEN */
export async function createOrganisation(
  deps: PetitionDeps,
  actor: Actor,
  input: { name: string; kind: PartnerOrganisationKind; contact?: string | undefined },
): Promise<PartnerOrganisationView> {
  assertManage(actor, { id: actor.unitId, path: actor.unitPath });
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await insertOrganisation(trx, {
      id,
      unit_id: actor.unitId,
      kind: input.kind,
      name: input.name,
      contact: input.contact ?? null,
      active: 1,
      created_at: nowOf(deps),
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'partner_organisation.create',
      entityType: 'partner_organisation',
      entityId: id,
      after: { kind: input.kind, name: input.name },
    });
  });
  return organisationById(deps, actor, id);
}

async function organisationById(deps: PetitionDeps, actor: Actor, id: string): Promise<PartnerOrganisationView> {
  const row = await manageableOrganisation(deps.db, actor, id);
  const [view] = await organisationViews(deps.db, [row]);
  if (view === undefined) throw notFound('Partner organisation', id);
  return view;
}

/** A partner account joins the organisation. @throws NOT_FOUND, FORBIDDEN, ASSIGNEE_INVALID (userId) */
export async function addMember(
  deps: PetitionDeps,
  actor: Actor,
  organisationId: string,
  input: { userId: string },
): Promise<PartnerOrganisationView> {
  await deps.db.transaction().execute(async (trx) => {
    await manageableOrganisation(trx, actor, organisationId);
    await partnerAccount(trx, actor, input.userId, 'userId');
    await upsertMember(trx, organisationId, input.userId);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'partner_organisation.add_member',
      entityType: 'partner_organisation',
      entityId: organisationId,
      after: { userId: input.userId },
    });
  });
  return organisationById(deps, actor, organisationId);
}

/** The account leaves the organisation. @throws NOT_FOUND */
export async function removeMember(
  deps: PetitionDeps,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<PartnerOrganisationView> {
  await deps.db.transaction().execute(async (trx) => {
    await manageableOrganisation(trx, actor, organisationId);
    if (!(await deleteMember(trx, organisationId, userId))) throw notFound('Member', userId);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'partner_organisation.remove_member',
      entityType: 'partner_organisation',
      entityId: organisationId,
      after: { userId },
    });
  });
  return organisationById(deps, actor, organisationId);
}

/** The partner accounts of the actor's subtree, with the organisation each speaks for. @throws FORBIDDEN */
export async function listPartnerAccounts(deps: PetitionDeps, actor: Actor): Promise<PartnerAccountListView> {
  assertManage(actor, { id: actor.unitId, path: actor.unitPath });
  const users = (await activePeopleWithRoles(deps.db, PARTNER_ROLES)).filter((u) =>
    u.unit_path.startsWith(actor.unitPath),
  );
  const orgs = await organisationsOfUsers(
    deps.db,
    users.map((u) => u.id),
  );
  return {
    items: users
      .map((u) => {
        const org = orgs.find((o) => o.user_id === u.id);
        return {
          userId: u.id,
          name: u.display_name,
          organisationId: org?.organisation_id ?? null,
          organisationName: org?.name ?? null,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

// ---------------------------------------------------------------------------------------------
// A case: invitations, identity, referral, opinions

/** The office in scope of the case (the one that registers and routes it) arranges its partners. */
function assertOfficeOfCase(actor: Actor, loaded: Loaded): void {
  if (!canAct(actor, 'register', loaded.facts)) {
    throw new DomainError('FORBIDDEN', { message: 'Only the office of the case invites partners' });
  }
}

async function readable(deps: PetitionDeps, actor: Actor, petitionId: string, db: Kysely<DB> = deps.db) {
  return loadReadable(deps, actor, petitionId, db);
}

async function invitationViews(deps: PetitionDeps, petitionId: string): Promise<InvitationListView['items']> {
  const rows = await invitationsOf(deps.db, petitionId);
  const orgs = await organisationsOfUsers(
    deps.db,
    rows.map((r) => r.user_id),
  );
  const now = nowOf(deps);
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.display_name,
    organisationName: orgs.find((o) => o.user_id === r.user_id)?.name ?? null,
    expiresAt: r.expires_at ?? '',
    identityGranted: r.identity_granted === 1,
    current: r.expires_at !== null && r.expires_at > now,
  }));
}

/**
 * The partners of a case as the viewer may see them: the office sees every invitation; a partner
 * only its own. @throws NOT_FOUND (no case, or not readable — an expired invitation included)
 */
export async function casePartners(deps: PetitionDeps, actor: Actor, petitionId: string): Promise<CasePartnersView> {
  const loaded = await readable(deps, actor, petitionId);
  const mayManage = canAct(actor, 'register', loaded.facts);
  const all = await invitationViews(deps, petitionId);
  return {
    invitations: mayManage ? all : all.filter((i) => i.userId === actor.id),
    mayManage,
    mayGiveOpinion: canAct(actor, 'giveOpinion', loaded.facts),
  };
}

/**
 * Invite a partner onto the case until `expiresAt` (a case event; a second invitation moves the expiry).
 * @throws NOT_FOUND, FORBIDDEN, ASSIGNEE_INVALID (userId: not a partner), ASSIGNEE_RECUSED (userId),
 *   VALIDATION_FAILED (expiresAt not in the future)
 */
export async function invitePartner(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  input: { userId: string; expiresAt: string },
): Promise<CasePartnersView> {
  const expiresAt = futureInstant(deps, 'expiresAt', input.expiresAt);
  await deps.db.transaction().execute(async (trx) => {
    const loaded = await readable(deps, actor, petitionId, trx);
    assertOfficeOfCase(actor, loaded);
    const user = await partnerAccount(trx, actor, input.userId, 'userId');
    if (loaded.facts.recusedUserIds.includes(user.id)) {
      throw fieldError('userId', 'This person is named in the petition or declared a conflict', 'ASSIGNEE_RECUSED');
    }
    await upsertInvitation(trx, petitionId, user.id, expiresAt);
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'invitePartner',
      data: { userId: user.id, userName: user.display_name, expiresAt },
      internal: true,
      audit: { after: { userId: user.id, expiresAt } },
    });
  });
  return casePartners(deps, actor, petitionId);
}

async function currentInvitation(trx: Kysely<DB>, deps: PetitionDeps, petitionId: string, userId: string) {
  const row = await findInvitation(trx, petitionId, userId);
  if (row?.expires_at == null || row.expires_at <= nowOf(deps)) {
    throw fieldError('userId', 'no current partner invitation of this person on the case');
  }
  return row;
}

/**
 * The office shows an invited partner the petitioner's identity on this case (audited as a case
 * event). Never on an accusation: who accuses stays with the office (第30条第3款).
 * @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (userId: no current invitation, or an accusation)
 */
export async function grantIdentity(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  userId: string,
): Promise<CasePartnersView> {
  await deps.db.transaction().execute(async (trx) => {
    const loaded = await readable(deps, actor, petitionId, trx);
    if (!canAct(actor, 'revealIdentity', loaded.facts)) {
      throw new DomainError('FORBIDDEN', { message: 'Only the office of the case grants the identity' });
    }
    if (loaded.facts.type === 'accusation') {
      throw fieldError('userId', 'the identity of an accuser stays with the office (第30条)');
    }
    await currentInvitation(trx, deps, petitionId, userId);
    await setInvitationTerms(trx, petitionId, userId, { identity_granted: 1 });
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'grantPartnerIdentity',
      data: { userId },
      internal: true,
      audit: { after: { userId } },
    });
  });
  return casePartners(deps, actor, petitionId);
}

/** End a partner's invitation now: from this instant the case is not found for it. @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (userId) */
export async function endInvitation(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  userId: string,
): Promise<CasePartnersView> {
  await deps.db.transaction().execute(async (trx) => {
    const loaded = await readable(deps, actor, petitionId, trx);
    assertOfficeOfCase(actor, loaded);
    await currentInvitation(trx, deps, petitionId, userId);
    const now = nowOf(deps);
    await setInvitationTerms(trx, petitionId, userId, { expires_at: now });
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'endPartnerInvitation',
      data: { userId, endedAt: now },
      internal: true,
      audit: { after: { userId } },
    });
  });
  return casePartners(deps, actor, petitionId);
}

/**
 * 转交: the case goes to the partner organisation that can decide (第21条: the body with the power
 * to handle it), recorded on the case, its people invited until `expiresAt`.
 * @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (organisationId, expiresAt)
 */
export async function referToPartner(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  input: { organisationId: string; note: string; expiresAt: string },
): Promise<CasePartnersView> {
  const expiresAt = futureInstant(deps, 'expiresAt', input.expiresAt);
  await deps.db.transaction().execute(async (trx) => {
    const loaded = await readable(deps, actor, petitionId, trx);
    assertOfficeOfCase(actor, loaded);
    const org = await manageableOrganisation(trx, actor, input.organisationId, 'organisationId');
    const members = (await membersOf(trx, [org.id])).filter((m) => !loaded.facts.recusedUserIds.includes(m.user_id));
    for (const m of members) await upsertInvitation(trx, petitionId, m.user_id, expiresAt);
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'referToPartner',
      data: {
        organisationId: org.id,
        organisationName: org.name,
        organisationKind: org.kind,
        note: input.note,
        expiresAt,
        userIds: members.map((m) => m.user_id),
      },
      audit: { after: { organisationId: org.id, userIds: members.map((m) => m.user_id), expiresAt } },
    });
  });
  return casePartners(deps, actor, petitionId);
}

/**
 * 意见: a partner's written opinion on the case (a lawyer's or social worker's consultation, a
 * department's view), or the office writing down what a partner said at the table. It stays on the
 * case and appears in the 信访处理意见书.
 * @throws NOT_FOUND (also after the invitation expired), FORBIDDEN
 */
export async function giveOpinion(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  input: { capacity: OpinionCapacity; opinion: string },
): Promise<CasePartnersView> {
  await deps.db.transaction().execute(async (trx) => {
    const loaded = await readable(deps, actor, petitionId, trx);
    if (!canAct(actor, 'giveOpinion', loaded.facts)) {
      throw new DomainError('FORBIDDEN', { message: 'Only an invited partner or the office records an opinion' });
    }
    const [author] = await usersByIds(trx, [actor.id]);
    const org = (await organisationsOfUsers(trx, [actor.id]))[0];
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'giveOpinion',
      data: {
        capacity: input.capacity,
        opinion: input.opinion,
        authorName: author?.display_name ?? '',
        organisationName: org?.name ?? null,
      },
      internal: true,
      audit: { after: { capacity: input.capacity } },
    });
  });
  return casePartners(deps, actor, petitionId);
}

// ---------------------------------------------------------------------------------------------
// Joint reception sessions

type SessionItem = SessionListView['items'][number];

async function sessionItems(
  db: Kysely<DB>,
  rows: readonly (Omit<SessionRow, 'unit_path' | 'unit_name'> & { case_count: number | string })[],
): Promise<SessionItem[]> {
  const members = await sessionMembers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mine = members.filter((m) => m.session_id === r.id);
    return {
      id: r.id,
      title: r.title,
      place: r.place,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      accessUntil: r.access_until,
      partners: mine
        .filter((m) => m.part === 'partner')
        .map((m) => ({ userId: m.user_id, name: m.display_name, organisationName: m.organisation_name })),
      leaders: mine.filter((m) => m.part === 'leader').map((m) => ({ userId: m.user_id, name: m.display_name })),
      caseCount: Number(r.case_count),
    };
  });
}

/**
 * Schedule a joint reception: place and time, the partners and leaders sitting, and until when the
 * partners read the cases registered in it.
 * @throws FORBIDDEN, VALIDATION_FAILED (endsAt before startsAt, accessUntil before endsAt),
 *   ASSIGNEE_INVALID (partnerUserIds.n not a partner, leaderIds.n not a leader of the units)
 */
export async function createSession(
  deps: PetitionDeps,
  actor: Actor,
  input: {
    title: string;
    place: string;
    startsAt: string;
    endsAt: string;
    accessUntil: string;
    partnerUserIds: string[];
    leaderIds: string[];
  },
): Promise<SessionView> {
  assertManage(actor, { id: actor.unitId, path: actor.unitPath });
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = new Date(input.endsAt).toISOString();
  const accessUntil = new Date(input.accessUntil).toISOString();
  if (endsAt <= startsAt) throw fieldError('endsAt', 'must be after startsAt');
  if (accessUntil < endsAt) throw fieldError('accessUntil', 'must not be before endsAt');
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    const partners = [...new Set(input.partnerUserIds)];
    for (const [i, userId] of partners.entries()) await partnerAccount(trx, actor, userId, `partnerUserIds.${i}`);
    const leaders = [...new Set(input.leaderIds)];
    const leaderRows = await usersByIds(trx, leaders);
    for (const [i, userId] of leaders.entries()) {
      const u = leaderRows.find((r) => r.id === userId);
      if (u?.active !== 1 || !isLeader(u.role) || !u.unit_path.startsWith(actor.unitPath)) {
        throw fieldError(`leaderIds.${i}`, 'not an active leader of your units', 'ASSIGNEE_INVALID');
      }
    }
    await insertSession(
      trx,
      {
        id,
        unit_id: actor.unitId,
        title: input.title,
        place: input.place,
        starts_at: startsAt,
        ends_at: endsAt,
        access_until: accessUntil,
        created_by: actor.id,
        created_at: nowOf(deps),
      },
      [
        ...partners.map((user_id) => ({ session_id: id, user_id, part: 'partner' as const })),
        ...leaders.map((user_id) => ({ session_id: id, user_id, part: 'leader' as const })),
      ],
    );
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'partner_session.create',
      entityType: 'partner_session',
      entityId: id,
      after: { startsAt, endsAt, accessUntil, partnerUserIds: partners, leaderIds: leaders },
    });
  });
  return getSession(deps, actor, id);
}

/** The office's sessions (its subtree), or a partner's (those it sits in, until their access ends). */
export async function listSessions(
  deps: PetitionDeps,
  actor: Actor,
  rawQuery: SessionListQuery = {},
): Promise<SessionListView> {
  const query = SessionListQuerySchema.parse(rawQuery);
  if (can(actor, 'partner.manage', { id: actor.unitId, path: actor.unitPath })) {
    const rows = await sessionsUnder(deps.db, actor.unitPath, {
      unitPath: await unitFilterPath(deps.db, query.unitId),
      from: query.from === undefined ? undefined : localDayStartUtc(query.from),
      before: query.to === undefined ? undefined : localDayStartUtc(addCalendarDays(query.to, 1)),
    });
    return { items: await sessionItems(deps.db, rows) };
  }
  if (scopeOf(actor, 'partner.workspace').kind !== 'none') {
    return { items: await sessionItems(deps.db, await sessionsOfPartner(deps.db, actor.id, nowOf(deps))) };
  }
  throw new DomainError('FORBIDDEN', { message: 'Joint reception is the office’s and its partners’' });
}

/** A session the actor may see: the office of its unit, or a partner sitting in it before its access ends. */
async function visibleSession(deps: PetitionDeps, actor: Actor, id: string): Promise<SessionRow> {
  const row = await findSession(deps.db, id);
  if (row === undefined) throw notFound('Session', id);
  if (can(actor, 'partner.manage', { id: row.unit_id, path: row.unit_path })) return row;
  if (actor.role === 'partner' && row.access_until > nowOf(deps)) {
    const members = await sessionMembers(deps.db, [id]);
    if (members.some((m) => m.user_id === actor.id && m.part === 'partner')) return row;
  }
  throw notFound('Session', id);
}

/** One session with its cases. @throws NOT_FOUND (also for a partner not sitting in it, or after its access ended) */
export async function getSession(deps: PetitionDeps, actor: Actor, id: string): Promise<SessionView> {
  const row = await visibleSession(deps, actor, id);
  const [item] = await sessionItems(deps.db, [{ ...row, case_count: 0 }]);
  if (item === undefined) throw notFound('Session', id);
  const cases = await sessionCases(deps.db, id);
  return {
    id: item.id,
    title: item.title,
    place: item.place,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    accessUntil: item.accessUntil,
    partners: item.partners,
    leaders: item.leaders,
    cases: cases.map((c) => ({ petitionId: c.id, caseNumber: c.case_number, title: c.title, state: c.state })),
    mayRegister: can(actor, 'partner.manage', { id: row.unit_id, path: row.unit_path }),
  };
}

/**
 * A visit registered IN the session (through the intake module's registration, at the session's
 * unit, as a visit): the case records its session, and the partners sitting read it until the
 * session's access ends — all in one transaction.
 * @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (any rule of registration, under `petition`)
 */
export async function registerVisit(
  deps: PetitionDeps,
  actor: Actor,
  sessionId: string,
  input: { petition: RegisterPetitionData },
): Promise<SessionVisitView> {
  const session = await visibleSession(deps, actor, sessionId);
  assertManage(actor, { id: session.unit_id, path: session.unit_path });
  assertMayRegister(actor, { id: session.unit_id, path: session.unit_path });
  const receipt = await deps.db.transaction().execute(async (trx) => {
    const notices = await noticesForRegistration(trx, actor, { path: session.unit_path, name: session.unit_name });
    const registered = await registerInTransaction(
      deps,
      trx,
      actor,
      { ...input.petition, channel: 'visit' },
      { registeredUnitId: session.unit_id, notices },
    );
    const now = nowOf(deps);
    await insertSessionCase(trx, { petition_id: registered.id, session_id: sessionId, created_at: now });
    const partners = (await sessionMembers(trx, [sessionId])).filter(
      (m) => m.part === 'partner' && !registered.loaded.facts.recusedUserIds.includes(m.user_id),
    );
    for (const p of partners) await upsertInvitation(trx, registered.id, p.user_id, session.access_until);
    await recordPetitionEvent(
      trx,
      deps,
      actor,
      registered.loaded.petition,
      registered.loaded.petition.registered_path,
      {
        kind: 'registerInSession',
        data: {
          sessionId,
          sessionTitle: session.title,
          partnerUserIds: partners.map((p) => p.user_id),
          expiresAt: session.access_until,
        },
        internal: true,
        audit: { after: { sessionId, partnerUserIds: partners.map((p) => p.user_id) } },
      },
    );
    return receiptOf(registered, actor);
  });
  return { receipt, sessionId };
}

/** 我的协作: the sessions and cases a partner is invited to now. @throws FORBIDDEN (not a partner) */
export async function partnerWorkspace(deps: PetitionDeps, actor: Actor): Promise<PartnerWorkspaceView> {
  if (scopeOf(actor, 'partner.workspace').kind === 'none') {
    throw new DomainError('FORBIDDEN', { message: 'Only partner accounts have this view' });
  }
  const now = nowOf(deps);
  const [sessions, cases] = await Promise.all([
    sessionsOfPartner(deps.db, actor.id, now),
    invitedCasesOf(deps.db, actor.id, now),
  ]);
  return {
    sessions: await sessionItems(deps.db, sessions),
    cases: cases.map((c) => ({
      petitionId: c.id,
      caseNumber: c.case_number,
      title: c.title,
      state: c.state,
      expiresAt: c.expires_at ?? '',
    })),
  };
}
