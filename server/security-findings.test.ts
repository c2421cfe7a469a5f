/**
 * Findings of issue #11 that had no test of their own, each reproduced the way the attacker or the
 * accused cadre met it — over HTTP — and proved closed. (The others are named in docs/security.md.)
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvePow } from '../common/domain/pow.ts';
import type { Actor } from '../common/domain/access.ts';
import type { PortalChallengeView } from '../common/schemas/portal.ts';
import { RegisterPetitionInputSchema } from '../common/schemas/petition.ts';
import { registerPetition } from './modules/intake/index.ts';
import {
  acceptPetition,
  assignPetition,
  declareConflict,
  triagePetition,
  type PetitionDeps,
} from './modules/petition/index.ts';
import { createUser } from './modules/user/user.service.ts';
import { changedTables, snapshotTables } from './test/db-snapshot.ts';
import { multipartBody, PNG_BYTES } from './test/route-inputs.ts';
import { buildTestApp, loginAs, type Client } from './test/test-app.ts';
import {
  createOrg,
  createTestContext,
  petitionDepsOf,
  TEST_PASSWORD,
  type Org,
  type TestContext,
} from './test/test-context.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
let app: FastifyInstance;
/** 东山煤矿 (mine A) 矿长 张志强, named by account in the accusation. */
let chief: Actor;
let accusationId: string;
let identityPhotoId: string;

const ACCUSER = { name: '李秀兰', idNumber: '11010519491231002X', phone: '13812345678' };

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = petitionDepsOf(ctx);
  const view = await createUser(ctx.deps, org.admin, {
    username: 'dongshan.chief',
    displayName: '张志强',
    role: 'chief',
    unitId: org.units.mineA.id,
    password: TEST_PASSWORD,
  });
  chief = { id: view.id, role: 'chief', unitId: org.units.mineA.id, unitPath: org.units.mineA.path };
  const officer = org.users['officer@mineA']!;
  const { petition } = await registerPetition(
    deps,
    officer,
    RegisterPetitionInputSchema.parse({
      channel: 'online',
      type: 'accusation',
      purpose: 'report',
      title: '举报东山煤矿矿长违规发放补贴',
      body: '东山煤矿矿长张志强违规向亲属发放安全补贴，请求查处。',
      petitioners: [{ ...ACCUSER, identity: 'employee' }],
      namedPersons: [{ name: '张志强', userId: chief.id, position: '矿长' }],
    }),
  );
  accusationId = petition.id;
  await triagePetition(deps, officer, accusationId, {});
  // Handed to the team under the mine its chief leads, it is routed to the group (回避, 第28条),
  // whose office gives it to a handler of its own.
  await assignPetition(deps, officer, accusationId, { handlingUnitId: org.units.teamA1.id });
  await acceptPetition(deps, org.users['officer@root']!, accusationId, {
    handlerId: org.users['handler@deptHr']!.id,
  });
  app = await buildTestApp(ctx, { portalPowBits: 1, portalRateLimits: { file: 100, track: 100, other: 100 } });
  // The accuser's ID card, attached by the office and marked as an identity document.
  const upload = multipartBody(
    [{ name: 'identityDocument', value: 'true' }],
    [{ name: 'file', fileName: '身份证.png', contentType: 'image/png', data: PNG_BYTES }],
  );
  const office = await loginAs(app, 'officer.minea');
  const response = await app.inject({
    method: 'POST',
    url: `/api/petitions/${accusationId}/attachments`,
    headers: { ...headersOf(office), 'content-type': upload.contentType },
    payload: upload.payload,
  });
  expect(response.statusCode).toBe(200);
  identityPhotoId = response.json<{ id: string }>().id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

function headersOf(client: Client): Record<string, string> {
  return { cookie: `xf_sid=${client.cookie}`, 'x-csrf-token': client.csrfToken };
}

async function as(username: string) {
  const client = await loginAs(app, username);
  const headers = headersOf(client);
  return {
    client,
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload: Record<string, unknown> = {}) => app.inject({ method: 'POST', url, headers, payload }),
    put: (url: string, payload: Record<string, unknown>) => app.inject({ method: 'PUT', url, headers, payload }),
  };
}

const codeOf = (response: LightMyRequestResponse) =>
  `${response.statusCode} ${response.json<{ error?: { code: string } }>().error?.code ?? ''}`;

describe('issue #11 finding 1: the accused cadre and the accusation naming him', () => {
  it('he cannot find it by his name, read it, see or reveal the accuser, download her ID card, or decline it', async () => {
    const him = await as('dongshan.chief');
    const before = await snapshotTables(ctx.database, ['session']);
    const search = await him.get(`/api/petitions?q=${encodeURIComponent('张志强')}`);
    expect(search.json<{ total: number }>().total).toBe(0);
    expect(search.body).not.toContain(ACCUSER.name);
    const petitioners = await ctx.deps.db
      .selectFrom('petition_petitioner')
      .select('petitioner_id')
      .where('petition_id', '=', accusationId)
      .execute();
    const attempts = [
      await him.get(`/api/petitions/${accusationId}`),
      await him.post(`/api/petitions/${accusationId}/petitioners/${petitioners[0]!.petitioner_id}/reveal`),
      await him.get(`/api/petitions/${accusationId}/attachments/${identityPhotoId}`),
      await him.get(`/api/petitions/${accusationId}/attachments`),
      await him.post(`/api/petitions/${accusationId}/decline`, { reason: '查无实据，不予受理' }),
    ];
    // Each answered exactly as for a case that does not exist.
    expect(attempts.map(codeOf)).toEqual(Array(5).fill('404 NOT_FOUND'));
    for (const attempt of attempts) expect(attempt.body).not.toMatch(new RegExp(`${ACCUSER.name}|${ACCUSER.phone}`));
    expect(changedTables(before, await snapshotTables(ctx.database, ['session']))).toEqual([]);
    // The office of the mine reads it, with the accuser (the check can fail).
    const office = await as('officer.minea');
    expect((await office.get(`/api/petitions/${accusationId}`)).body).toContain(ACCUSER.name);
  });
});

describe('issue #11 finding 5: petitioner look-up only within scope, never for a recused user, audited', () => {
  it('finds the accuser for the mine office, not for another mine nor for an officer who declared a conflict', async () => {
    const mineB = await createUser(ctx.deps, org.admin, {
      username: 'officer.mineb',
      displayName: '乙矿信访干部',
      role: 'officer',
      unitId: org.units.mineB.id,
      password: TEST_PASSWORD,
    });
    const conflicted = await createUser(ctx.deps, org.admin, {
      username: 'officer.minea2',
      displayName: '甲矿信访干部二',
      role: 'officer',
      unitId: org.units.mineA.id,
      password: TEST_PASSWORD,
    });
    await declareConflict(
      deps,
      { id: conflicted.id, role: 'officer', unitId: org.units.mineA.id, unitPath: org.units.mineA.path },
      accusationId,
      { reason: '与举报人系亲属' },
    );
    expect(mineB.id).not.toBe(conflicted.id);
    const lookup = async (username: string) =>
      (await as(username)).get(`/api/petitioners/lookup?phone=${ACCUSER.phone}`);
    const audits = () =>
      ctx.deps.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'petitioner.lookup').execute();
    const before = (await audits()).length;
    for (const username of ['officer.mineb', 'officer.minea2', 'dongshan.chief']) {
      const response = await lookup(username);
      expect(response.json(), username).toEqual({ found: false, petitioner: null, petitions: [] });
    }
    expect(codeOf(await lookup('handler.teama1'))).toBe('403 FORBIDDEN');
    expect((await audits()).length).toBe(before);
    const found = await lookup('officer.minea');
    expect(found.json()).toMatchObject({ found: true, petitioner: { name: ACCUSER.name } });
    expect((await audits()).map((a) => a.actor_id)).toContain(org.users['officer@mineA']!.id);
  });
});

describe('issue #11 finding 6: the portal never overwrites who somebody is', () => {
  it("a filing with someone else's ID number changes neither her record nor her earlier case", async () => {
    const onFile = () =>
      ctx.deps.db
        .selectFrom('petitioner')
        .select(['id', 'name', 'phone_enc', 'same_as_id'])
        .where('name', '=', ACCUSER.name)
        .executeTakeFirstOrThrow();
    const before = await onFile();
    const view = (await app.inject({ method: 'POST', url: '/api/portal/challenge' })).json<PortalChallengeView>();
    const filing = {
      anonymous: false,
      name: '王冒名',
      idNumber: ACCUSER.idNumber,
      phone: '13900009999',
      matter: 'appeal',
      body: '用别人的身份证号码提交一件事项，看看会不会改掉她的资料。',
      challenge: view.challenge,
      nonce: solvePow(view.challenge, view.bits).nonce ?? '',
    };
    const body = multipartBody([{ name: 'petition', value: JSON.stringify(filing) }], []);
    const filed = await app.inject({
      method: 'POST',
      url: '/api/portal/petitions',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(filed.statusCode).toBe(200);
    expect(await onFile()).toEqual(before);
    // The new filing is a record of its own that points at the person it may be, for an officer to reconcile.
    const version = await ctx.deps.db
      .selectFrom('petitioner')
      .select(['name', 'same_as_id', 'source'])
      .where('name', '=', '王冒名')
      .executeTakeFirstOrThrow();
    expect(version).toEqual({ name: '王冒名', same_as_id: before.id, source: 'portal' });
    const office = await as('officer.minea');
    const page = (await office.get(`/api/petitions/${accusationId}`)).json<{
      petitioners: { name: string; phone: string }[];
    }>();
    expect(page.petitioners.map((p) => [p.name, p.phone])).toEqual([[ACCUSER.name, '138****5678']]);
  });
});

describe('issue #11 finding 9: an identity document follows the identity rule', () => {
  it('the handler of the accusation neither lists nor downloads the accuser’s ID card; the office does', async () => {
    const handler = await as('handler.depthr');
    const list = await handler.get(`/api/petitions/${accusationId}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(identityPhotoId);
    expect(list.body).not.toContain('身份证');
    expect(codeOf(await handler.get(`/api/petitions/${accusationId}/attachments/${identityPhotoId}`))).toBe(
      '404 NOT_FOUND',
    );
    const office = await as('officer.minea');
    expect((await office.get(`/api/petitions/${accusationId}/attachments`)).body).toContain(identityPhotoId);
    const download = await office.get(`/api/petitions/${accusationId}/attachments/${identityPhotoId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG_BYTES)).toBe(true);
  });
});

describe('issue #11 finding 10: a mine leader changes only the mine’s settings', () => {
  it('refuses the mine chief the group-wide statistics month (PUT /api/ledger/settings) and writes nothing', async () => {
    const mineChief = await as('chief.minea');
    const before = await snapshotTables(ctx.database, ['session']);
    const refused = await mineChief.put('/api/ledger/settings', { statisticsMonthStartDay: 21 });
    expect(refused.statusCode).toBeGreaterThanOrEqual(403);
    expect(refused.statusCode).toBeLessThan(405);
    expect(changedTables(before, await snapshotTables(ctx.database, ['session']))).toEqual([]);
    const admin = await as('root.admin');
    expect((await admin.put('/api/ledger/settings', { statisticsMonthStartDay: 21 })).statusCode).toBe(200);
    expect((await mineChief.get('/api/ledger/settings')).json()).toEqual({ statisticsMonthStartDay: 21 });
  });
});

describe('issue #11 finding 13: the API docs are off in a real deployment', () => {
  it('answers 404 for /api/docs and /api/openapi.json unless configured', async () => {
    const real = await buildTestApp(ctx, { apiDocs: false });
    for (const url of ['/api/docs', '/api/docs/json', '/api/openapi.json'])
      expect((await real.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    await real.close();
    // Configured (XINFANG_API_DOCS=true, or the demo): served.
    expect((await app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
  });
});
