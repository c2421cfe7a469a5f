/** 来访登记 over HTTP: what a browser (or an attacker) sends, answered with the field named. */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../../test/test-app.ts';
import type { TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
appWorld((world) => ({ ctx, app } = world));

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const visit = {
  petition: {
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '夜班津贴停发',
    body: '一月起夜班津贴停发，请求补发。',
    petitioners: [{ name: '王大山', identity: 'employee', isRepresentative: true }],
  },
  arrivedAt: '2026-03-02T00:30:00.000Z',
  headcount: 8,
  transcript: '问：反映什么问题？答：夜班津贴停发。',
  materials: [{ name: '工资条', copies: 2 }],
};

function fieldsOf(body: unknown): unknown[] {
  const issues = (body as { error?: { details?: { issues?: { path: unknown[] }[] } } }).error?.details?.issues ?? [];
  return issues.map((issue) => issue.path);
}

describe('POST /api/visit-records', () => {
  it('records a visit signed on the tablet and reads it back', async () => {
    const officer = await loginAs(app, 'officer.minea');
    const response = await officer.post('/api/visit-records', {
      ...visit,
      signaturePng: `data:image/png;base64,${PNG}`,
    });
    expect(response.statusCode).toBe(200);
    const { visit: recorded, receipt } = response.json<{
      visit: { id: string; confirmation: { method: string } };
      receipt: { petitionId: string; trackingCode: string };
    }>();
    expect(recorded.confirmation.method).toBe('signature');
    expect((await officer.get(`/api/visit-records/${recorded.id}`)).statusCode).toBe(200);
    const ofCase = await officer.get(`/api/petitions/${receipt.petitionId}/visit-records`);
    expect(ofCase.json<{ items: unknown[] }>().items).toHaveLength(1);
    // Another mine's office does not know it exists.
    const root = await loginAs(app, 'officer.root');
    expect((await root.get(`/api/visit-records/${recorded.id}`)).statusCode).toBe(200);
    const handler = await loginAs(app, 'handler.depthr');
    expect((await handler.get(`/api/visit-records/${recorded.id}`)).statusCode).toBe(404);
  });

  it.each([
    ['no transcript', { transcript: undefined }, ['transcript']],
    ['a headcount of 0', { headcount: 0 }, ['headcount']],
    ['fewer people than listed', { headcount: 1, companions: [{ name: '甲' }] }, ['headcount']],
    [
      'six representatives with the companions (第20条)',
      {
        companions: ['甲', '乙', '丙', '丁', '戊'].map((name) => ({ name, isRepresentative: true })),
      },
      ['companions'],
    ],
    ['both a new petition and a case', { petitionId: 'P1' }, ['petitionId']],
    ['neither a new petition nor a case', { petition: undefined }, ['petitionId']],
    ['an arrival that is no date', { arrivedAt: '昨天上午' }, ['arrivedAt']],
    ['a signature that is no base64', { signaturePng: '<script>alert(1)</script>' }, ['signaturePng']],
    ['a signature that is no PNG', { signaturePng: Buffer.from('GIF89a').toString('base64') }, ['signaturePng']],
    ['a petition title too short', { petition: { ...visit.petition, title: '夜' } }, ['petition', 'title']],
    ['an unknown field', { extra: 1 }, []],
    ['a material without a name', { materials: [{ name: ' ' }] }, ['materials', '0', 'name']],
  ])('refuses %s with 400 naming the field, writing nothing', async (_what, change, field) => {
    const officer = await loginAs(app, 'officer.minea');
    const response = await officer.post('/api/visit-records', { ...visit, ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    if (field.length > 0) expect(fieldsOf(response.json())).toContainEqual(field);
    expect(await ctx.deps.db.selectFrom('visit_record').selectAll().execute()).toHaveLength(0);
    expect(await ctx.deps.db.selectFrom('petition').selectAll().execute()).toHaveLength(0);
  });

  it('refuses roles that do not register (403), and confirms a transcript once', async () => {
    const handler = await loginAs(app, 'handler.teama1');
    expect((await handler.post('/api/visit-records', visit)).statusCode).toBe(403);
    const officer = await loginAs(app, 'officer.minea');
    const { visit: recorded } = (await officer.post('/api/visit-records', visit)).json<{ visit: { id: string } }>();
    const noImage = await officer.post(`/api/visit-records/${recorded.id}/confirm`, { method: 'signature' });
    expect(noImage.statusCode).toBe(400);
    expect(fieldsOf(noImage.json())).toContainEqual(['signaturePng']);
    const amended = await officer.post(`/api/visit-records/${recorded.id}/transcript`, {
      transcript: '问：…答：夜班津贴停发，请求补发。',
    });
    expect(amended.statusCode).toBe(200);
    expect((await officer.post(`/api/visit-records/${recorded.id}/confirm`, { method: 'printed' })).statusCode).toBe(
      200,
    );
    const again = await officer.post(`/api/visit-records/${recorded.id}/confirm`, { method: 'printed' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'TRANSCRIPT_ALREADY_CONFIRMED' } });
  });

  it('lets a 区队长 register over POST /api/petitions (403 before issue #14): the receipt, not the case', async () => {
    const head = await loginAs(app, 'unit-head.teama1');
    const response = await head.post('/api/petitions', visit.petition);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ petition: null, caseNumber: 'XF2026-000001' });
  });
});
