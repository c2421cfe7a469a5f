import type { FastifyInstance } from 'fastify';
import { registerPetition } from '../intake/index.ts';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../common/schemas/auth.ts';
import { petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { getPetition } from '../petition/index.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
appWorld((world) => ({ ctx, org, app } = world));

// 2026 清明: 04-04 (Sat) to 04-06 (Mon) off. A petition received on 2026-03-22 has its 15-day
// notice due on 04-06, a holiday, so it rolls to Tuesday 04-07 once the calendar is loaded.
const QINGMING = [
  { date: '2026-04-04', kind: 'holiday', name: '清明节' },
  { date: '2026-04-05', kind: 'holiday', name: '清明节' },
  { date: '2026-04-06', kind: 'holiday', name: '清明节' },
];

describe('the working-day calendar', () => {
  it('lets the enterprise admin load a year, and the deadlines follow it', async () => {
    ctx.clock.set('2026-03-22T02:00:00.000Z');
    const deps = petitionDepsOf(ctx);
    const { petition } = await registerPetition(
      deps,
      org.users['officer@root']!,
      RegisterPetitionInputSchema.parse({
        channel: 'letter',
        type: 'appeal',
        purpose: 'request',
        title: '清明前反映',
        body: '反映工资问题，请求处理。',
        petitioners: [{ name: '甲', identity: 'employee' }],
      }),
    );
    const before = await getPetition(deps, org.users['officer@root']!, petition.id);
    expect(before.deadlines.find((d) => d.kind === 'acceptance_notice')?.dueDate).toBe('2026-04-06');

    const admin = await loginAs(app, 'root.admin');
    const response = await app.inject({
      method: 'PUT',
      url: '/api/calendar/2026',
      headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}`, [CSRF_HEADER]: admin.csrfToken },
      payload: { entries: QINGMING },
    });
    expect(response.statusCode).toBe(200);
    expect((await admin.get('/api/calendar/2026')).json()).toMatchObject({ year: 2026, entries: QINGMING });
    const after = await getPetition(deps, org.users['officer@root']!, petition.id);
    expect(after.deadlines.find((d) => d.kind === 'acceptance_notice')?.dueDate).toBe('2026-04-07');
  });

  it('refuses a mine admin, a date outside the year, and a date that is both holiday and workday', async () => {
    const mineAdmin = await loginAs(app, 'admin.minea');
    const put = (client: typeof mineAdmin, year: number, entries: unknown[]) =>
      app.inject({
        method: 'PUT',
        url: `/api/calendar/${year}`,
        headers: { cookie: `${SESSION_COOKIE}=${client.cookie}`, [CSRF_HEADER]: client.csrfToken },
        payload: { entries },
      });
    expect((await put(mineAdmin, 2026, QINGMING)).statusCode).toBe(403);
    const admin = await loginAs(app, 'root.admin');
    expect((await put(admin, 2027, QINGMING)).json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['entries', 0, 'date'] }] } },
    });
    expect(
      (
        await put(admin, 2026, [
          { date: '2026-04-04', kind: 'holiday' },
          { date: '2026-04-04', kind: 'workday' },
        ])
      ).statusCode,
    ).toBe(400);
    expect(await ctx.deps.db.selectFrom('calendar_day').selectAll().execute()).toHaveLength(0);
  });

  it.each(['officer.root', 'chief.root', 'auditor.root', 'handler.depthr', 'partner.depthr'])(
    'lets %s read the year but not load it',
    async (username) => {
      const client = await loginAs(app, username);
      expect((await client.get('/api/calendar/2026')).json()).toMatchObject({
        year: 2026,
        entries: [],
        canManage: false,
      });
      const response = await app.inject({
        method: 'PUT',
        url: '/api/calendar/2026',
        headers: { cookie: `${SESSION_COOKIE}=${client.cookie}`, [CSRF_HEADER]: client.csrfToken },
        payload: { entries: QINGMING },
      });
      expect(response.statusCode).toBe(403);
      const admin = await loginAs(app, 'root.admin');
      expect((await admin.get('/api/calendar/2026')).json()).toMatchObject({ canManage: true });
    },
  );
});
