/** 值班带班 over HTTP: bad input answered naming the field, nothing written; the roster's refusals as 409s; who may call what. */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../../test/test-app.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
appWorld((world) => ({ ctx, org, app } = world));

function fieldsOf(body: unknown): unknown[] {
  const issues = (body as { error?: { details?: { issues?: { path: unknown[] }[] } } }).error?.details?.issues ?? [];
  // The edge's schema names array items as strings, the service as numbers: compare them as text.
  return issues.map((issue) => issue.path.map(String));
}

const shift = () => ({
  startAt: '2026-03-02T08:00:00+08:00',
  endAt: '2026-03-02T20:00:00+08:00',
  leaderId: org.users['chief@mineA']!.id,
  officerId: org.users['officer@mineA']!.id,
  phone: '0351-7000110',
});

describe('the duty roster over HTTP', () => {
  it.each([
    ['a phone with letters', () => ({ shifts: [{ ...shift(), phone: 'call me' }] }), ['shifts', 0, 'phone']],
    [
      'a start that is no instant',
      () => ({ shifts: [{ ...shift(), startAt: 'Monday 8am' }] }),
      ['shifts', 0, 'startAt'],
    ],
    ['a week start that is no date', () => ({ weekStart: '2026-02-30' }), ['weekStart']],
    ['a week start on a Tuesday', () => ({ weekStart: '2026-03-03' }), ['weekStart']],
    [
      'a leader who is no leader',
      () => ({ shifts: [{ ...shift(), leaderId: org.users['handler@deptHr']!.id }] }),
      ['shifts', 0, 'leaderId'],
    ],
  ])('refuses %s with 400 naming the field, writing nothing', async (_what, change, field) => {
    const officer = await loginAs(app, 'officer.minea');
    const response = await officer.put('/api/duty/roster', {
      unitId: org.units.mineA.id,
      weekStart: '2026-03-02',
      shifts: [shift()],
      ...change(),
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContainEqual(field.map(String));
    expect(await ctx.deps.db.selectFrom('duty_shift').selectAll().execute()).toHaveLength(0);
  });

  it('answers an overlap with 409 DUTY_SHIFT_OVERLAP naming the shift; the office saves, the handler may not', async () => {
    const officer = await loginAs(app, 'officer.minea');
    const overlapping = await officer.put('/api/duty/roster', {
      unitId: org.units.mineA.id,
      weekStart: '2026-03-02',
      shifts: [shift(), { ...shift(), startAt: '2026-03-02T19:00:00+08:00', endAt: '2026-03-03T08:00:00+08:00' }],
    });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json()).toMatchObject({ error: { code: 'DUTY_SHIFT_OVERLAP' } });
    expect(fieldsOf(overlapping.json())).toEqual([['shifts', '1', 'startAt']]);
    const saved = await officer.put('/api/duty/roster', {
      unitId: org.units.mineA.id,
      weekStart: '2026-03-02',
      shifts: [shift()],
    });
    expect(saved.statusCode).toBe(200);
    const handler = await loginAs(app, 'handler.teama1');
    expect((await handler.get('/api/duty/roster')).statusCode).toBe(403);
    expect((await handler.get('/api/duty/now')).statusCode).toBe(403);
    const head = await loginAs(app, 'unit-head.teama1');
    expect(
      (await head.put('/api/duty/roster', { unitId: org.units.teamA1.id, weekStart: '2026-03-02', shifts: [] }))
        .statusCode,
    ).toBe(403);
    const now = await officer.get('/api/duty/now');
    expect(now.json()).toMatchObject({
      items: [{ unit: { id: org.units.mineA.id }, shift: { phone: '0351-7000110' } }],
    });
    // The portal publishes no duty phone of a mine, only the group office's.
    expect((await app.inject({ method: 'GET', url: '/api/portal/duty' })).json()).toEqual({
      dutyPhone: null,
      receptionDays: [],
    });
  });
});
