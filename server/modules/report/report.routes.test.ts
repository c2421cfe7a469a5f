/** 日报告 over HTTP: bad input answered naming the field, a resubmission answered 200 with the same report, the morning view. */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../../test/test-app.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
appWorld((world) => ({ ctx, org, app } = world));

const KEY = '0b7f3c1e-5a52-4f43-9d1e-2f6a7c8b9d10';
const nil = { reportKey: KEY, reportDate: '2026-03-02', nil: true };

function fieldsOf(body: unknown): unknown[] {
  const issues = (body as { error?: { details?: { issues?: { path: unknown[] }[] } } }).error?.details?.issues ?? [];
  return issues.map((issue) => issue.path);
}

describe('daily reports over HTTP', () => {
  it.each([
    ['a key that is no UUID', { reportKey: 'abc' }, ['reportKey']],
    ['a date that does not exist', { reportDate: '2026-02-30' }, ['reportDate']],
    ['a nil report with items', { items: [{ kind: 'concern', text: '工资', headcount: 2 }] }, ['items']],
    ['a report neither nil nor with items', { nil: false }, ['items']],
    [
      'an item of an unknown kind',
      { nil: false, items: [{ kind: 'rumour', text: '听说', headcount: 1 }] },
      ['items', '0', 'kind'],
    ],
    [
      'an item of no one',
      { nil: false, items: [{ kind: 'concern', text: '工资拖欠', headcount: 0 }] },
      ['items', '0', 'headcount'],
    ],
    ['a Saturday', { reportDate: '2026-03-07' }, ['reportDate']],
  ])('refuses %s with 400 naming the field, writing nothing', async (_what, change, field) => {
    const head = await loginAs(app, 'unit-head.crewa1');
    const response = await head.post('/api/daily-reports', { ...nil, ...change });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContainEqual(field);
    expect(await ctx.deps.db.selectFrom('daily_report').selectAll().execute()).toHaveLength(0);
  });

  it('answers a resubmission 200 with the same report, a second report 409 naming reportDate', async () => {
    const head = await loginAs(app, 'unit-head.crewa1');
    const first = await head.post('/api/daily-reports', nil);
    expect(first.statusCode).toBe(200);
    const again = await head.post('/api/daily-reports', nil);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const other = await head.post('/api/daily-reports', { ...nil, reportKey: '1b7f3c1e-5a52-4f43-9d1e-2f6a7c8b9d10' });
    expect(other.statusCode).toBe(409);
    expect(other.json<{ error: { code: string } }>().error.code).toBe('DAILY_REPORT_ALREADY_SUBMITTED');
    expect(fieldsOf(other.json())).toContainEqual(['reportDate']);
    expect(await ctx.deps.db.selectFrom('daily_report').selectAll().execute()).toHaveLength(1);
  });

  it('serves the morning view with and without a drill-down, and the phone form’s day', async () => {
    const officer = await loginAs(app, 'officer.minea');
    const top = await officer.get('/api/daily-reports/morning?date=2026-03-02');
    expect(top.statusCode).toBe(200);
    const mine = await officer.get(`/api/daily-reports/morning?date=2026-03-02&unitId=${org.units.mineA.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ units: unknown[] }>().units).toHaveLength(3);
    const head = await loginAs(app, 'unit-head.crewa1');
    expect((await head.get('/api/daily-reports/today')).statusCode).toBe(200);
    expect((await head.get('/api/daily-reports/morning')).statusCode).toBe(403);
  });
});
