import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Org, TestContext } from '../../test/test-context.ts';
import { appWorld, WAGES_VISIT as visit } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
appWorld({ taxonomy: true }, (world) => ({ ctx, org, app } = world));

type Detail = { id: string; state: string; version: number; actions: string[] };

describe('petition endpoints', () => {
  it('registers over HTTP, returns the tracking code once, and moves by verb endpoints', async () => {
    const officer = await loginAs(app, 'officer.root');
    const registered = await officer.post('/api/petitions', visit);
    expect(registered.statusCode).toBe(200);
    const { petition, trackingCode } = registered.json<{ petition: Detail; trackingCode: string }>();
    expect(trackingCode).toHaveLength(19);
    expect(petition.actions).toContain('triage');
    const triaged = await officer.post(`/api/petitions/${petition.id}/triage?version=1`, {});
    expect(triaged.json<Detail>()).toMatchObject({ state: 'triaged', version: 2 });
    const stale = await officer.post(`/api/petitions/${petition.id}/accept?version=1`, {});
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'PETITION_VERSION_CONFLICT' } });
    const illegal = await officer.post(`/api/petitions/${petition.id}/conclude`, {});
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ error: { code: 'PETITION_TRANSITION_ILLEGAL' } });
    const list = await officer.get('/api/petitions?state=triaged');
    expect(list.json()).toMatchObject({ total: 1 });
  });

  it('refuses six representatives with 400 naming the field (第20条)', async () => {
    const officer = await loginAs(app, 'officer.root');
    const reps = Array.from({ length: 6 }, (_, i) => ({
      name: `代表${i}`,
      identity: 'employee',
      isRepresentative: true,
    }));
    const response = await officer.post('/api/petitions', { ...visit, petitioners: reps, headcount: 40 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['petitioners'] }] } },
    });
    expect(await ctx.deps.db.selectFrom('petition').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a reply without its 四个到位, or with one twice, naming the field (第27条)', async () => {
    const officer = await loginAs(app, 'officer.root');
    const { petition } = (await officer.post('/api/petitions', visit)).json<{ petition: Detail }>();
    await officer.post(`/api/petitions/${petition.id}/triage`, {});
    await officer.post(`/api/petitions/${petition.id}/accept`, {});
    await officer.post(`/api/petitions/${petition.id}/start-investigation`, {});
    const reply = {
      request: '补发工资',
      factsAndReasons: '三个月工资未发放',
      opinion: '责成补发',
      legalBasis: '《工资支付暂行规定》',
      result: 'support',
    };
    const none = await officer.post(`/api/petitions/${petition.id}/draft-reply`, { ...reply, outcomes: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ error: { details: { issues: [{ path: ['outcomes'] }] } } });
    const twice = await officer.post(`/api/petitions/${petition.id}/draft-reply`, {
      ...reply,
      outcomes: [
        { kind: 'resolved', measures: '已补发' },
        { kind: 'resolved', measures: '再次补发' },
      ],
    });
    expect(twice.json()).toMatchObject({ error: { details: { issues: [{ path: ['outcomes', '1', 'kind'] }] } } });
    // 办结 no longer takes an outcome: the 四个到位 are the reply's.
    expect((await officer.post(`/api/petitions/${petition.id}/conclude`, { outcome: 'resolved' })).statusCode).toBe(
      400,
    );
    const drafted = await officer.post(`/api/petitions/${petition.id}/draft-reply`, {
      ...reply,
      outcomes: [
        { kind: 'assisted', measures: '送去困难补助' },
        { kind: 'resolved', measures: '已补发' },
      ],
    });
    expect(drafted.json()).toMatchObject({ state: 'reply_drafted', outcomes: ['resolved', 'assisted'] });
  });

  it('refuses an unknown category naming the field, writing nothing', async () => {
    const officer = await loginAs(app, 'officer.root');
    const response = await officer.post('/api/petitions', { ...visit, categoryCode: '7777' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { details: { issues: [{ path: ['categoryCode'] }] } } });
    expect(await ctx.deps.db.selectFrom('petitioner').selectAll().execute()).toHaveLength(0);
  });

  it('reveals the full phone only to the office, and audits it', async () => {
    const officer = await loginAs(app, 'officer.root');
    const { petition } = (await officer.post('/api/petitions', visit)).json<{
      petition: Detail & { petitioners: { id: string; phone: string }[] };
    }>();
    expect(petition.petitioners[0]?.phone).toBe('139****1111');
    const petitionerId = petition.petitioners[0]?.id ?? '';
    const revealed = await officer.post(`/api/petitions/${petition.id}/petitioners/${petitionerId}/reveal`, {});
    expect(revealed.json()).toEqual({ idNumber: null, phone: '13900001111' });
    const auditor = await loginAs(app, 'auditor.root');
    expect(
      (await auditor.post(`/api/petitions/${petition.id}/petitioners/${petitionerId}/reveal`, {})).statusCode,
    ).toBe(403);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'petitioner.reveal_identity')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('documents every verb endpoint in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    for (const path of [
      '/api/petitions',
      '/api/petitions/{id}/accept',
      '/api/petitions/{id}/extend',
      '/api/petitions/{id}/reconsideration-opinion',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('keeps a handler of another mine out of a petition entirely', async () => {
    const officer = await loginAs(app, 'officer.root');
    const { petition } = (await officer.post('/api/petitions', visit)).json<{ petition: Detail }>();
    await officer.post(`/api/petitions/${petition.id}/triage`, {});
    await officer.post(`/api/petitions/${petition.id}/assign`, { handlingUnitId: org.units.teamB1.id });
    const other = await loginAs(app, 'handler.teama1');
    expect((await other.get(`/api/petitions/${petition.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/petitions/${petition.id}/sign-for`, {})).statusCode).toBe(404);
  });

  it('finds a known petitioner by phone as the officer types, with their visible petitions', async () => {
    const officer = await loginAs(app, 'officer.root');
    const { petition } = (await officer.post('/api/petitions', visit)).json<{ petition: Detail }>();
    const found = await officer.get('/api/petitioners/lookup?phone=139-0000-1111');
    expect(found.json()).toMatchObject({
      found: true,
      petitioner: { name: '李四', identity: 'employee' },
      petitions: [{ id: petition.id }],
    });
    expect((await officer.get('/api/petitioners/lookup?phone=13900002222')).json()).toEqual({
      found: false,
      petitioner: null,
      petitions: [],
    });
    expect(
      (await (await loginAs(app, 'handler.teama1')).get('/api/petitioners/lookup?phone=13900001111')).statusCode,
    ).toBe(403);
    expect((await officer.get('/api/petitioners/lookup')).statusCode).toBe(400);
  });
});
