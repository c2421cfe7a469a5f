import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';

let ctx: TestContext;
let app: FastifyInstance;
appWorld({ taxonomy: true }, (world) => ({ ctx, app } = world));

/** Every write endpoint with a body that would succeed for the enterprise administrator. */
const WRITES: readonly [string, unknown][] = [
  ['/api/categories', { code: '0107', parentCode: '01', name: '夜班津贴' }],
  ['/api/categories/0103/rename', { name: '拖欠工资/奖金' }],
  ['/api/categories/0103/reorder', { position: 0 }],
  ['/api/categories/0102/deactivate', {}],
  ['/api/categories/0102/activate', {}],
];

const USERS = [
  'root.admin',
  'admin.minea',
  'officer.root',
  'officer.minea',
  'chief.root',
  'deputy.minea',
  'handler.depthr',
  'unit-head.teama1',
  'partner.depthr',
  'auditor.root',
];

describe('category endpoints: the access matrix', () => {
  it.each(USERS)('%s lists the selectable taxonomy', async (username) => {
    const client = await loginAs(app, username);
    const response = await client.get('/api/categories');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ categories: { code: string }[]; canManage: boolean }>();
    expect(body.categories[0]?.code).toBe('01');
    expect(body.canManage).toBe(username === 'root.admin');
  });

  it.each(USERS.filter((u) => u !== 'root.admin'))(
    '%s may not edit: 403 on every write, nothing written',
    async (username) => {
      const client = await loginAs(app, username);
      for (const [url, body] of WRITES) {
        const response = await client.post(url, body);
        expect(response.statusCode, url).toBe(403);
        expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      }
      expect(
        await ctx.deps.db.selectFrom('audit_log').select('seq').where('entity_type', '=', 'category').execute(),
      ).toHaveLength(0);
    },
  );

  it('lets the enterprise administrator use every write', async () => {
    const admin = await loginAs(app, 'root.admin');
    for (const [url, body] of WRITES) expect((await admin.post(url, body)).statusCode, url).toBe(200);
    const all = (await admin.get('/api/categories?includeInactive=true')).json<{
      categories: { code: string; name: string }[];
    }>().categories;
    expect(all.find((c) => c.code === '0107')?.name).toBe('夜班津贴');
    expect(all.find((c) => c.code === '0103')?.name).toBe('拖欠工资/奖金');
  });

  it('asks for sign-in, and refuses inactive entries to a non-administrator', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/categories' })).statusCode).toBe(401);
    const officer = await loginAs(app, 'officer.root');
    expect((await officer.get('/api/categories?includeInactive=true')).statusCode).toBe(403);
  });

  it('answers a bad code and an unknown parent with VALIDATION_FAILED naming the field', async () => {
    const admin = await loginAs(app, 'root.admin');
    const badCode = await admin.post('/api/categories', { code: '1a', name: '甲' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['code'] }] } },
    });
    const unknownParent = await admin.post('/api/categories', { code: '7701', parentCode: '77', name: '甲' });
    expect(unknownParent.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['parentCode'] }] } },
    });
    expect((await admin.post('/api/categories/7777/rename', { name: '甲' })).statusCode).toBe(404);
  });
});
