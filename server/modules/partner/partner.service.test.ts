/**
 * Partners on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): the invitation onto a
 * case with its expiry (after it, the case is not found — exactly like one that does not exist), the
 * identity only when the office grants it (audited), the partner's reads audited, a referral to the
 * body that can decide, a partner's opinion, joint reception sessions and the visits registered in them.
 */
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { registerPetition } from '../intake/index.ts';
import { getPetition } from '../petition/index.ts';
import { listPetitions } from '../ledger/index.ts';
import {
  addMember,
  casePartners,
  createOrganisation,
  createSession,
  endInvitation,
  getSession,
  giveOpinion,
  grantIdentity,
  invitePartner,
  listSessions,
  partnerWorkspace,
  referToPartner,
  registerVisit,
} from './partner.service.ts';
import { figureSources } from './partner-figures.ts';

const world = serviceWorld({ people: [['partner', 'mineA']] });
const DAY = 86_400_000;

function petition(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '采煤塌陷房屋开裂要求补偿',
    body: '本村多户房屋因采煤塌陷出现裂缝，请求鉴定并补偿。',
    petitioners: [{ name: '王大山', identity: 'villager', idNumber: '11010519491231002X', phone: '13812345678' }],
    ...overrides,
  });
}

async function aCase(overrides: Partial<RegisterPetitionInput> = {}) {
  return (await registerPetition(world.deps, world.user('officer@root'), petition(overrides))).petition.id;
}

const inDays = (n: number) => new Date(world.ctx.clock.now().getTime() + n * DAY).toISOString();

describe('invitePartner', () => {
  it('lets the invited partner read the case until the expiry, then answers NOT_FOUND like a missing case', async () => {
    const office = world.user('officer@root');
    const lawyer = world.user('partner@deptHr');
    const id = await aCase();
    const other = await aCase({ title: '另一件事项与本人无关' });
    expect(await codeOf(getPetition(world.deps, lawyer, id))).toBe('NOT_FOUND');
    await invitePartner(world.deps, office, id, { userId: lawyer.id, expiresAt: inDays(3) });
    expect((await getPetition(world.deps, lawyer, id)).id).toBe(id);
    // Not the other case, and nothing in the list but the invited one.
    expect(await codeOf(getPetition(world.deps, lawyer, other))).toBe('NOT_FOUND');
    expect((await listPetitions(world.deps, lawyer, {})).items.map((p) => p.id)).toEqual([id]);
    world.ctx.clock.advance(3 * DAY + 1);
    expect(await codeOf(getPetition(world.deps, lawyer, id))).toBe('NOT_FOUND');
    expect(await codeOf(getPetition(world.deps, lawyer, 'NO-SUCH-CASE'))).toBe('NOT_FOUND');
    expect((await listPetitions(world.deps, lawyer, {})).items).toEqual([]);
    expect(await codeOf(giveOpinion(world.deps, lawyer, id, { capacity: 'lawyer', opinion: '建议鉴定' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses an invitation to a non-partner account or one outside the office, naming userId; nothing written', async () => {
    const office = world.user('officer@mineA');
    const id = (await registerPetition(world.deps, office, petition())).petition.id;
    const events = async () =>
      (await world.ctx.deps.db.selectFrom('petition_event').select('id').where('petition_id', '=', id).execute())
        .length;
    const before = await events();
    for (const userId of [world.user('handler@teamA1').id, world.user('partner@deptHr').id]) {
      const error = await invitePartner(world.deps, office, id, { userId, expiresAt: inDays(1) }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'ASSIGNEE_INVALID', details: { issues: [{ path: ['userId'] }] } });
    }
    expect(
      await codeOf(
        invitePartner(world.deps, office, id, { userId: world.user('partner@mineA').id, expiresAt: inDays(-1) }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(await events()).toBe(before);
    expect(await world.ctx.deps.db.selectFrom('petition_co_handler').selectAll().execute()).toEqual([]);
  });

  it('keeps a partner from inviting anyone (FORBIDDEN once invited, NOT_FOUND otherwise)', async () => {
    const id = await aCase();
    const lawyer = world.user('partner@deptHr');
    expect(await codeOf(invitePartner(world.deps, lawyer, id, { userId: lawyer.id, expiresAt: inDays(1) }))).toBe(
      'NOT_FOUND',
    );
    await invitePartner(world.deps, world.user('officer@root'), id, { userId: lawyer.id, expiresAt: inDays(1) });
    expect(await codeOf(invitePartner(world.deps, lawyer, id, { userId: lawyer.id, expiresAt: inDays(9) }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('identity', () => {
  it('hides the petitioner from an invited partner until the office grants it; the grant and each read are audited', async () => {
    const office = world.user('officer@root');
    const lawyer = world.user('partner@deptHr');
    const id = await aCase();
    await invitePartner(world.deps, office, id, { userId: lawyer.id, expiresAt: inDays(2) });
    expect((await getPetition(world.deps, lawyer, id)).petitioners).toBeNull();
    await grantIdentity(world.deps, office, id, lawyer.id);
    expect((await getPetition(world.deps, lawyer, id)).petitioners?.[0]?.name).toBe('王大山');
    const audit = await world.ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'petition.register',
      'petition.invitePartner',
      'petition.read_by_partner',
      'petition.grantPartnerIdentity',
      'petition.read_by_partner',
    ]);
    expect(audit.filter((a) => a.action === 'petition.read_by_partner').every((a) => a.actor_id === lawyer.id)).toBe(
      true,
    );
  });

  it('never grants the identity of an accuser (第30条), naming userId', async () => {
    const office = world.user('officer@root');
    const lawyer = world.user('partner@deptHr');
    const id = await aCase({ type: 'accusation', title: '举报某队长克扣工资' });
    await invitePartner(world.deps, office, id, { userId: lawyer.id, expiresAt: inDays(2) });
    const error = await grantIdentity(world.deps, office, id, lawyer.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['userId'] }] } });
    expect((await getPetition(world.deps, lawyer, id)).petitioners).toBeNull();
  });

  it('ends an invitation at once', async () => {
    const office = world.user('officer@root');
    const lawyer = world.user('partner@deptHr');
    const id = await aCase();
    await invitePartner(world.deps, office, id, { userId: lawyer.id, expiresAt: inDays(2) });
    await endInvitation(world.deps, office, id, lawyer.id);
    expect(await codeOf(getPetition(world.deps, lawyer, id))).toBe('NOT_FOUND');
    expect((await casePartners(world.deps, office, id)).invitations[0]).toMatchObject({ current: false });
  });
});

describe('referToPartner and giveOpinion', () => {
  it('records where the case went, lets the organisation read it and its lawyer record an opinion on the case', async () => {
    const office = world.user('officer@root');
    const township = await createOrganisation(world.deps, office, { name: '东山镇人民政府', kind: 'township' });
    await addMember(world.deps, office, township.id, { userId: world.user('partner@mineA').id });
    const id = await aCase();
    await referToPartner(world.deps, office, id, {
      organisationId: township.id,
      note: '涉及宅基地补偿',
      expiresAt: inDays(30),
    });
    const official = world.user('partner@mineA');
    await giveOpinion(world.deps, official, id, { capacity: 'government', opinion: '镇政府将组织鉴定并协调补偿。' });
    const page = await getPetition(world.deps, office, id);
    const kinds = page.events.map((e) => e.kind);
    expect(kinds).toContain('referToPartner');
    expect(page.events.find((e) => e.kind === 'giveOpinion')?.data).toMatchObject({
      capacity: 'government',
      opinion: '镇政府将组织鉴定并协调补偿。',
      organisationName: '东山镇人民政府',
    });
    // An organisation the office does not keep is refused naming the field.
    const error = await referToPartner(world.deps, office, id, {
      organisationId: 'NO-SUCH-ORG',
      note: '转交说明',
      expiresAt: inDays(1),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['organisationId'] }] } });
  });
});

describe('joint reception sessions', () => {
  it('schedules a session, registers a walk-in in it, and the partners sitting read that case until access ends', async () => {
    const office = world.user('officer@root');
    const lawyer = world.user('partner@deptHr');
    const session = await createSession(world.deps, office, {
      title: '三月联合接访',
      place: '集团信访接待室',
      startsAt: inDays(0),
      endsAt: new Date(world.ctx.clock.now().getTime() + 4 * 3_600_000).toISOString(),
      accessUntil: inDays(7),
      partnerUserIds: [lawyer.id],
      leaderIds: [world.user('chief@root').id],
    });
    expect(session.partners.map((p) => p.userId)).toEqual([lawyer.id]);
    const visit = await registerVisit(world.deps, office, session.id, { petition: petition() });
    expect((await getSession(world.deps, office, session.id)).cases.map((c) => c.petitionId)).toEqual([
      visit.receipt.petitionId,
    ]);
    expect((await getPetition(world.deps, lawyer, visit.receipt.petitionId)).events.map((e) => e.kind)).toContain(
      'registerInSession',
    );
    expect((await partnerWorkspace(world.deps, lawyer)).cases.map((c) => c.petitionId)).toEqual([
      visit.receipt.petitionId,
    ]);
    expect((await listSessions(world.deps, lawyer)).items.map((s) => s.id)).toEqual([session.id]);
    // Another partner does not see the session at all.
    expect(await codeOf(getSession(world.deps, world.user('partner@mineA'), session.id))).toBe('NOT_FOUND');
    world.ctx.clock.advance(7 * DAY + 1);
    expect(await codeOf(getPetition(world.deps, lawyer, visit.receipt.petitionId))).toBe('NOT_FOUND');
    expect(await codeOf(getSession(world.deps, lawyer, session.id))).toBe('NOT_FOUND');
    expect(await partnerWorkspace(world.deps, lawyer)).toEqual({ sessions: [], cases: [] });
  });

  it('refuses a session ending before it starts, naming endsAt; a non-partner sitting as partner, naming the entry', async () => {
    const office = world.user('officer@root');
    const base = {
      title: '联合接访',
      place: '接待室',
      startsAt: inDays(1),
      endsAt: inDays(0.5),
      accessUntil: inDays(2),
      partnerUserIds: [],
      leaderIds: [],
    };
    expect(await createSession(world.deps, office, base).catch((e: unknown) => e)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['endsAt'] }] },
    });
    const wrong = { ...base, endsAt: inDays(1.1), partnerUserIds: [world.user('handler@teamA1').id] };
    expect(await createSession(world.deps, office, wrong).catch((e: unknown) => e)).toMatchObject({
      code: 'ASSIGNEE_INVALID',
      details: { issues: [{ path: ['partnerUserIds', 0] }] },
    });
    expect(await world.ctx.deps.db.selectFrom('partner_session').selectAll().execute()).toEqual([]);
  });

  it('counts the sessions held per unit subtree in the period (partner.sessionsHeld)', async () => {
    const office = world.user('officer@root');
    const mineOffice = world.user('officer@mineA');
    const at = (iso: string) => ({
      title: '联合接访',
      place: '接待室',
      startsAt: iso,
      endsAt: new Date(Date.parse(iso) + 3_600_000).toISOString(),
      accessUntil: new Date(Date.parse(iso) + 2 * 3_600_000).toISOString(),
      partnerUserIds: [],
      leaderIds: [],
    });
    // 2026-03-01 local (UTC+8) starts at 2026-02-28T16:00Z: the first counts in March, the last in April.
    await createSession(world.deps, office, at('2026-02-28T16:30:00.000Z'));
    await createSession(world.deps, mineOffice, at('2026-03-10T02:00:00.000Z'));
    await createSession(world.deps, mineOffice, at('2026-03-31T16:00:00.000Z'));
    const source = figureSources.find((s) => s.key === 'partner.sessionsHeld')!;
    const values = await source.compute(
      world.deps,
      [world.org.units.root, world.org.units.mineA, world.org.units.mineB],
      {
        from: '2026-03-01',
        to: '2026-03-31',
      },
    );
    expect(values.get(world.org.units.root.id)).toEqual({ value: 2, of: null });
    expect(values.get(world.org.units.mineA.id)).toEqual({ value: 1, of: null });
    expect(values.get(world.org.units.mineB.id)).toEqual({ value: 0, of: null });
  });
});
