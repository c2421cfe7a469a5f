/** 来电登记 over HTTP: bad input answered naming the field; the reveal only for the office. */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../../test/test-app.ts';
import type { TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
appWorld((world) => ({ ctx, app } = world));

const call = {
  calledAt: '2026-03-02T00:40:00.000Z',
  durationSeconds: 180,
  callerName: '钱有福',
  callerNumber: '13812345678',
  summary: '询问工伤认定进度。',
  callbackDueAt: '2026-03-03T08:00:00.000Z',
};

function fieldsOf(body: unknown): unknown[] {
  const issues = (body as { error?: { details?: { issues?: { path: unknown[] }[] } } }).error?.details?.issues ?? [];
  return issues.map((issue) => issue.path);
}

describe('call records over HTTP', () => {
  it.each([
    ['a number that is no phone', { callerNumber: '12345' }, ['callerNumber']],
    ['a call-back without a number', { callerNumber: undefined }, ['callerNumber']],
    ['a negative duration', { durationSeconds: -1 }, ['durationSeconds']],
    ['a call of five hours', { durationSeconds: 5 * 3600 }, ['durationSeconds']],
    ['no summary', { summary: ' ' }, ['summary']],
    ['a call in the future', { calledAt: '2027-01-01T00:00:00.000Z', callbackDueAt: undefined }, ['calledAt']],
    ['a call-back before the call', { callbackDueAt: '2026-03-01T00:00:00.000Z' }, ['callbackDueAt']],
  ])('refuses %s with 400 naming the field, writing nothing', async (_what, change, field) => {
    const officer = await loginAs(app, 'officer.minea');
    const response = await officer.post('/api/call-records', { ...call, ...change });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContainEqual(field);
    expect(await ctx.deps.db.selectFrom('call_record').selectAll().execute()).toHaveLength(0);
  });

  it('turns a call into a petition, naming a bad field under `petition`; reveals the number to the office only', async () => {
    const officer = await loginAs(app, 'officer.minea');
    const recorded = await officer.post('/api/call-records', call);
    expect(recorded.statusCode).toBe(200);
    const { id, callerNumber } = recorded.json<{ id: string; callerNumber: string }>();
    expect(callerNumber).toBe('138****5678');
    const petition = {
      channel: 'phone',
      type: 'appeal',
      purpose: 'request',
      title: '工伤认定无答复',
      body: '工伤认定材料已交三个月无答复。',
      petitioners: [{ name: '钱有福', identity: 'employee' }],
    };
    const bad = await officer.post(`/api/call-records/${id}/petition`, { petition: { ...petition, body: '短' } });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toContainEqual(['petition', 'body']);
    const made = await officer.post(`/api/call-records/${id}/petition`, { petition });
    expect(made.statusCode).toBe(200);
    const { receipt } = made.json<{ receipt: { petitionId: string } }>();
    const calls = await officer.get(`/api/petitions/${receipt.petitionId}/call-records`);
    expect(calls.json()).toMatchObject({ items: [{ id, petition: { id: receipt.petitionId } }] });
    const again = await officer.post(`/api/call-records/${id}/petition`, { petition });
    expect(again.statusCode).toBe(409);

    expect((await officer.post(`/api/call-records/${id}/reveal`)).json()).toEqual({ callerNumber: '13812345678' });
    const head = await loginAs(app, 'unit-head.teama1');
    expect((await head.post(`/api/call-records/${id}/reveal`)).statusCode).toBe(404);
    const handler = await loginAs(app, 'handler.teama1');
    expect((await handler.get('/api/call-records')).statusCode).toBe(403);
    const list = await officer.get('/api/call-records?callback=pending');
    expect(list.json()).toMatchObject({ total: 1, items: [{ id, callback: { status: 'pending' } }] });
    const badQuery = await officer.get('/api/call-records?callback=soon');
    expect(badQuery.statusCode).toBe(400);
    expect(fieldsOf(badQuery.json())).toContainEqual(['callback']);
  });
});
