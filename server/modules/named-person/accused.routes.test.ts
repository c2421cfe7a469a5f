/**
 * Issue #11 finding 1, as the issue tells it: a portal accusation naming 东山煤矿矿长张志强, whose
 * account (`dongshan.chief`) exists. He found it with `q=张志强`, saw the accuser's name, revealed her
 * ID number and phone, downloaded her ID-card photo and declined the case. Now the portal names
 * him, the name recuses every 张志强 of 东山煤矿 until an officer resolves it, and each of those
 * paths is refused — while his deputy, who is not named, can take every one of them (so each
 * refusal is the recusal, not a broken path). Also the proposals an officer gets while typing a
 * name: the office only, its own subtree, and only what is needed to choose.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NamedPersonMatchView } from '../../../common/schemas/named-person.ts';
import type { PetitionDetailView, PetitionListView } from '../../../common/schemas/petition.ts';
import type { PortalReceiptView } from '../../../common/schemas/portal.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../common/schemas/auth.ts';
import { buildTestApp, loginAs, type Client } from '../../test/test-app.ts';
import { filePortalPetition, multipart, solvedChallenge } from '../../test/portal-client.ts';
import { createOrg, createTestContext, TEST_PASSWORD, type Org, type TestContext } from '../../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import { createUnit } from '../unit/unit.service.ts';
import { createUser } from '../user/user.service.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
let dongshan: { id: string; code: string };
beforeEach(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  await ensureDefaultTaxonomy(ctx.deps.db);
  app = await buildTestApp(ctx, { portalPowBits: 4, portalRateLimits: { file: 100, track: 100, other: 100 } });
  const unit = await createUnit(ctx.deps, org.admin, { parentId: org.units.root.id, kind: 'mine', name: '东山煤矿' });
  dongshan = { id: unit.id, code: unit.code };
  for (const [username, displayName, role, position] of [
    ['dongshan.chief', '张志强', 'chief', '矿长'],
    ['dongshan.deputy', '李国华', 'deputy', '分管副矿长'],
    ['dongshan.officer', '王秀兰', 'officer', '矿信访干部'],
  ] as const) {
    await createUser(ctx.deps, org.admin, {
      username,
      displayName,
      role,
      unitId: unit.id,
      password: TEST_PASSWORD,
      position,
    });
  }
});
afterEach(async () => {
  await app.close();
  await ctx.close();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const ACCUSER = { name: '李秀梅', idNumber: '11010519491231002X', phone: '13812345678' };

/** The accusation as she files it through 东山煤矿's QR code, naming him. */
async function fileAccusation(named: Record<string, unknown>): Promise<PortalReceiptView> {
  const response = await filePortalPetition(app, {
    anonymous: false,
    ...ACCUSER,
    identity: 'employee',
    unitCode: dongshan.code,
    matter: 'accusation',
    body: '举报东山煤矿矿长张志强违规发放补贴，虚报冒领，请组织调查。',
    namedPersons: [named],
    ...(await solvedChallenge(app)),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PortalReceiptView>();
}

/** Upload as `client`, marked as an identity document (the accuser's ID card). */
async function uploadIdCard(client: Client, petitionId: string) {
  const body = multipart([
    { name: 'identityDocument', data: 'true' },
    { name: 'file', fileName: '身份证.png', type: 'image/png', data: PNG },
  ]);
  const response = await app.inject({
    method: 'POST',
    url: `/api/petitions/${petitionId}/attachments`,
    headers: { ...body.headers, cookie: `${SESSION_COOKIE}=${client.cookie}`, [CSRF_HEADER]: client.csrfToken },
    payload: body.payload,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ id: string }>().id;
}

type Case = { id: string; attachmentId: string; petitionerId: string };

/** File it, then the group office finds it, files her ID card and triages it (研判), so 不予受理 is a step it may take. */
async function accusationNaming(named: Record<string, unknown>): Promise<Case> {
  const receipt = await fileAccusation(named);
  const office = await loginAs(app, 'officer.root');
  const list = (await office.get('/api/petitions?q=张志强')).json<PetitionListView>();
  const id = list.items.find((p) => p.caseNumber === receipt.caseNumber)?.id ?? '';
  const attachmentId = await uploadIdCard(office, id);
  expect((await office.post(`/api/petitions/${id}/triage`, {})).statusCode).toBe(200);
  const view = (await office.get(`/api/petitions/${id}`)).json<PetitionDetailView>();
  return { id, attachmentId, petitionerId: view.petitioners?.[0]?.id ?? '' };
}

/** Every path of the finding, as `client` takes it: the status of each answer. */
async function paths(client: Client, c: Case) {
  const found = (await client.get('/api/petitions?q=张志强')).json<PetitionListView>();
  const listed = (await client.get('/api/petitions?pageSize=200')).json<PetitionListView>();
  const page = await client.get(`/api/petitions/${c.id}`);
  return {
    search: found.items.some((p) => p.id === c.id),
    list: listed.items.some((p) => p.id === c.id),
    page: page.statusCode,
    accuser: page.body.includes(ACCUSER.name),
    reveal: (await client.post(`/api/petitions/${c.id}/petitioners/${c.petitionerId}/reveal`)).statusCode,
    idCard: (await client.get(`/api/petitions/${c.id}/attachments/${c.attachmentId}`)).statusCode,
    decline: (await client.post(`/api/petitions/${c.id}/decline`, { reason: '反映不实，不予受理' })).statusCode,
  };
}

const REFUSED = { search: false, list: false, page: 404, accuser: false, reveal: 404, idCard: 404, decline: 404 };
const ALLOWED = { search: true, list: true, page: 200, accuser: true, reveal: 200, idCard: 200, decline: 200 };

describe('a portal accusation naming 东山煤矿矿长张志强 (issue #11 finding 1)', () => {
  it('keeps him from every path: search, the page and the accuser, reveal, the ID photo, 不予受理', async () => {
    const c = await accusationNaming({ name: '张志强', unitCode: dongshan.code, position: '矿长' });
    expect(await paths(await loginAs(app, 'dongshan.chief'), c)).toEqual(REFUSED);
    // The control: his deputy at the same mine is not named and takes each path (the last one declines it).
    expect(await paths(await loginAs(app, 'dongshan.deputy'), c)).toEqual(ALLOWED);
  });

  it('refuses him every other step on the case too (NOT_FOUND: it does not exist for him)', async () => {
    const c = await accusationNaming({ name: '张志强', unitCode: dongshan.code, position: '矿长' });
    const chief = await loginAs(app, 'dongshan.chief');
    const steps: [string, string, unknown][] = [
      ['POST', 'accept', {}],
      ['POST', 'notes', { text: '已核实，无此事', internal: true }],
      ['POST', 'assign', { handlingUnitId: dongshan.id }],
      ['POST', 'redirect', { reason: '不属本单位', authority: '地方纪委' }],
      ['POST', 'conflicts', { reason: '本人被反映' }],
      ['POST', 'messages', { body: '请撤回举报' }],
      ['POST', 'documents', { kind: 'non_acceptance_notice' }],
      ['GET', 'messages', undefined],
      ['GET', 'documents', undefined],
      ['GET', 'attachments', undefined],
    ];
    for (const [method, path, body] of steps) {
      const url = `/api/petitions/${c.id}/${path}`;
      const response = method === 'GET' ? await chief.get(url) : await chief.post(url, body);
      expect([path, response.statusCode]).toEqual([path, 404]);
    }
    // And nothing he tried left a trace on the case.
    const office = await loginAs(app, 'officer.root');
    const view = (await office.get(`/api/petitions/${c.id}`)).json<PetitionDetailView>();
    expect(view.state).toBe('triaged');
    expect(view.events.map((e) => e.kind)).toEqual(['register', 'attach', 'triage']);
  });

  it.each([
    ['the unit in her own words', { name: '张志强', unitText: '东山煤矿', position: '矿长' }],
    ['no unit at all', { name: '张志强' }],
  ])('keeps him out when she names him with %s (every 张志强 is recused until resolved)', async (_, named) => {
    const c = await accusationNaming(named);
    expect(await paths(await loginAs(app, 'dongshan.chief'), c)).toEqual(REFUSED);
  });

  it('an officer resolves the name: his account stays out; "no account" lets his namesake back in', async () => {
    const c = await accusationNaming({ name: '张志强', unitCode: dongshan.code, position: '矿长' });
    const office = await loginAs(app, 'officer.root');
    const view = (await office.get(`/api/petitions/${c.id}`)).json<PetitionDetailView>();
    expect(view.namedPersons).toEqual([
      {
        id: expect.any(String) as string,
        name: '张志强',
        position: '矿长',
        unitId: dongshan.id,
        unitName: '东山煤矿',
        resolution: 'unresolved',
        account: null,
      },
    ]);
    const namedPersonId = view.namedPersons[0]?.id ?? '';
    const proposals = (
      await office.get(`/api/named-persons/matches?name=张志强&unitId=${dongshan.id}&position=矿长`)
    ).json<NamedPersonMatchView>();
    const chiefId = proposals.items[0]?.userId ?? '';
    const resolved = await office.post(`/api/petitions/${c.id}/resolve-named-person`, {
      namedPersonId,
      userId: chiefId,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json<PetitionDetailView>().namedPersons[0]).toMatchObject({
      resolution: 'account',
      account: { id: chiefId, displayName: '张志强', unitPathName: '东山煤矿', position: '矿长' },
    });
    const chief = await loginAs(app, 'dongshan.chief');
    expect((await chief.get(`/api/petitions/${c.id}`)).statusCode).toBe(404);

    // Another case names a 张志强 who has no account (a contractor): the office confirms it, and
    // the chief — a namesake only — is no longer kept out of a case he may otherwise read.
    const other = await accusationNaming({ name: '张志强', position: '外包队负责人' });
    expect((await chief.get(`/api/petitions/${other.id}`)).statusCode).toBe(404);
    const otherView = (await office.get(`/api/petitions/${other.id}`)).json<PetitionDetailView>();
    const none = await office.post(`/api/petitions/${other.id}/resolve-named-person`, {
      namedPersonId: otherView.namedPersons[0]?.id,
      noAccount: true,
    });
    expect(none.statusCode, none.body).toBe(200);
    expect((await chief.get(`/api/petitions/${other.id}`)).statusCode).toBe(200);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'after_json'])
      .where('action', '=', 'petition.resolveNamedPerson')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json ?? '{}') as { resolution: string })).toEqual([
      expect.objectContaining({ resolution: 'account' }),
      expect.objectContaining({ resolution: 'no_account' }),
    ]);
  });
});

describe('naming a person on the portal', () => {
  it('refuses a unit code that is not one of the public list, naming the field, and writes nothing', async () => {
    const response = await filePortalPetition(app, {
      anonymous: true,
      matter: 'accusation',
      body: '举报某矿领导违规发放补贴，请组织调查。',
      namedPersons: [{ name: '张志强', unitCode: 'NO-SUCH-UNIT' }],
      ...(await solvedChallenge(app)),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { details: { issues: { path: unknown[] }[] } } }>().error.details.issues).toEqual([
      expect.objectContaining({ path: ['namedPersons', 0, 'unitCode'] }),
    ]);
    expect(await ctx.deps.db.selectFrom('petition').select('id').execute()).toHaveLength(0);
  });

  it('cannot confirm an account: the portal takes no userId', async () => {
    const response = await filePortalPetition(app, {
      anonymous: true,
      matter: 'accusation',
      body: '举报某矿领导违规发放补贴，请组织调查。',
      namedPersons: [{ name: '张志强', userId: '01ANYACCOUNT' }],
      ...(await solvedChallenge(app)),
    });
    expect(response.statusCode).toBe(400);
    expect(await ctx.deps.db.selectFrom('petition').select('id').execute()).toHaveLength(0);
  });
});

describe('GET /api/named-persons/matches', () => {
  it('proposes the accounts of the name, the unit and the position named, best first, with only what is needed to choose', async () => {
    await createUser(ctx.deps, org.admin, {
      username: 'jia.zhang',
      displayName: '张志强',
      role: 'unit_head',
      unitId: org.units.teamA1.id,
      password: TEST_PASSWORD,
      position: '综采一队队长',
    });
    const office = await loginAs(app, 'officer.root');
    const response = await office.get(`/api/named-persons/matches?name=张志强&unitId=${dongshan.id}&position=矿长`);
    expect(response.statusCode, response.body).toBe(200);
    const { items } = response.json<NamedPersonMatchView>();
    expect(items).toEqual([
      { userId: expect.any(String) as string, displayName: '张志强', unitPathName: '东山煤矿', position: '矿长' },
      {
        userId: expect.any(String) as string,
        displayName: '张志强',
        unitPathName: '甲矿 综采一队',
        position: '综采一队队长',
      },
    ]);
    // Nothing else of the account: no username, role, contact, login state.
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['displayName', 'position', 'unitPathName', 'userId']);
    // A name's beginning proposes too, after the exact ones.
    const partial = (await office.get('/api/named-persons/matches?name=张')).json<NamedPersonMatchView>();
    expect(partial.items.map((i) => i.displayName)).toEqual(['张志强', '张志强']);
  });

  it("proposes only accounts of the office's own subtree", async () => {
    const mineOffice = await loginAs(app, 'officer.minea');
    expect((await mineOffice.get('/api/named-persons/matches?name=张志强')).json<NamedPersonMatchView>().items).toEqual(
      [],
    );
    const dongshanOffice = await loginAs(app, 'dongshan.officer');
    expect(
      (await dongshanOffice.get('/api/named-persons/matches?name=张志强')).json<NamedPersonMatchView>().items,
    ).toHaveLength(1);
  });

  it.each(['handler.teama1', 'unit-head.teama1', 'partner.depthr', 'auditor.root', 'admin.minea'])(
    'refuses %s (only the office is proposed accounts)',
    async (username) => {
      const client = await loginAs(app, username);
      const response = await client.get('/api/named-persons/matches?name=张志强');
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('东山煤矿');
    },
  );

  it('refuses the public, and names a bad field', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/named-persons/matches?name=张志强' })).statusCode).toBe(401);
    const office = await loginAs(app, 'officer.root');
    const blank = await office.get('/api/named-persons/matches?name=');
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('name');
    const unknownUnit = await office.get('/api/named-persons/matches?name=张志强&unitId=01NOSUCHUNIT');
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.body).toContain('unitId');
  });

  it('the portal never shows an account: its filing answers with the receipt only, its unit list with units only', async () => {
    const receipt = await fileAccusation({ name: '张志强', unitCode: dongshan.code, position: '矿长' });
    expect(Object.keys(receipt).sort()).toEqual([
      'attachments',
      'caseNumber',
      'office',
      'receivedAt',
      'smsQueued',
      'trackingCode',
    ]);
    const units = await app.inject({ method: 'GET', url: '/api/portal/units' });
    expect(units.statusCode).toBe(200);
    expect(units.body).toContain('东山煤矿');
    expect(units.body).not.toContain('张志强');
    expect(units.body).not.toContain('dongshan');
  });
});
