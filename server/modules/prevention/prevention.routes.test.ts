/**
 * 源头预防 over HTTP, as a browser meets it: bad input answered 400 naming the field and nothing
 * written; a second answer 409; a 销号 by the owning mine 403 HAZARD_CLEARING_OWN_LEVEL, by the group 200.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { appWorld } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';
import type { TestContext } from '../../test/test-context.ts';

let ctx: TestContext;
let app: FastifyInstance;
appWorld({ taxonomy: true }, (world) => ({ ctx, app } = world));

const campaign = { topic: '节前排查', periodFrom: '2026-03-02', periodTo: '2026-03-20', dueDate: '2026-03-06' };
const hazard = { title: '补贴停发', location: '综采一队', workersInvolved: 12, riskLevel: 'high' };

function fieldsOf(body: unknown): unknown[] {
  const issues = (body as { error?: { details?: { issues?: { path: unknown[] }[] } } }).error?.details?.issues ?? [];
  return issues.map((issue) => issue.path);
}

describe('screening and hazards over HTTP', () => {
  it.each([
    ['answers due before the period', { dueDate: '2026-03-01' }, ['dueDate']],
    ['a reversed period', { periodTo: '2026-03-01' }, ['periodTo']],
    ['no topic', { topic: ' ' }, ['topic']],
    ['an unknown unit kind', { unitKinds: ['enterprise'] }, ['unitKinds', '0']],
  ])('refuses a campaign with %s: 400 naming the field, nothing written', async (_what, change, field) => {
    const officer = await loginAs(app, 'officer.root');
    const response = await officer.post('/api/screening-campaigns', { ...campaign, ...change });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContainEqual(field);
    expect(await ctx.deps.db.selectFrom('screening_campaign').selectAll().execute()).toHaveLength(0);
  });

  it('answers once (409 the second time), refuses a measure without a deadline, and 销号 only from above', async () => {
    const group = await loginAs(app, 'officer.root');
    const opened = await group.post('/api/screening-campaigns', campaign);
    expect(opened.statusCode).toBe(200);
    const id = opened.json<{ id: string }>().id;
    const head = await loginAs(app, 'unit-head.teama1');
    const noDeadline = await head.post(`/api/screening-campaigns/${id}/returns`, {
      nil: false,
      hazards: [{ ...hazard, measures: [{ text: '核对' }] }],
    });
    expect(noDeadline.statusCode).toBe(400);
    expect(fieldsOf(noDeadline.json())).toContainEqual(['hazards', '0', 'measures', '0', 'dueDate']);
    expect(
      (await head.post(`/api/screening-campaigns/${id}/returns`, { nil: false, hazards: [hazard] })).statusCode,
    ).toBe(200);
    const twice = await head.post(`/api/screening-campaigns/${id}/returns`, { nil: true });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: 'SCREENING_RETURN_ANSWERED' } });

    const [found] = (await head.get('/api/hazards')).json<{ items: { id: string }[] }>().items;
    const mine = await loginAs(app, 'chief.minea');
    const empty = await mine.post(`/api/hazards/${found!.id}/clear-request`, { evidence: '' });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty.json())).toContainEqual(['evidence']);
    expect((await mine.post(`/api/hazards/${found!.id}/clear-request`, { evidence: '已补发' })).statusCode).toBe(200);
    const own = await mine.post(`/api/hazards/${found!.id}/clear-approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ error: { code: 'HAZARD_CLEARING_OWN_LEVEL', details: { field: 'approver' } } });
    const approved = await group.post(`/api/hazards/${found!.id}/clear-approve`, { note: '同意' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'cleared' });
  });
});
