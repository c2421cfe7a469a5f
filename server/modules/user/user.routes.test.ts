/**
 * Contact details over HTTP, as the account page and 用户管理's 联系方式 meet them: anyone sets their
 * own, an administrator those of the people he manages, nobody else; the mobile is only ever shown
 * masked, so leaving it out keeps it, null clears it; audited without the values.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { UserView } from '../../../common/schemas/user.ts';
import { loginAs } from '../../test/test-app.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
appWorld((world) => ({ ctx, org, app } = world));

const idOf = (key: string) => org.users[key]?.id ?? '';

describe('POST /api/users/:id/contact', () => {
  it('lets a person without user.manage set their own, and the session shows it with the mobile masked', async () => {
    const handler = await loginAs(app, 'handler.teama1');
    const response = await handler.post(`/api/users/${idOf('handler@teamA1')}/contact`, {
      email: 'zhao@example.com',
      mobile: '138-0000-1111',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<UserView>()).toMatchObject({ email: 'zhao@example.com', mobile: '138****1111' });
    expect((await handler.get('/api/session')).json()).toMatchObject({
      user: { email: 'zhao@example.com', mobile: '138****1111' },
    });
  });

  it('keeps the mobile on file when it is left out, and clears it with null', async () => {
    const self = await loginAs(app, 'officer.minea');
    const url = `/api/users/${idOf('officer@mineA')}/contact`;
    await self.post(url, { email: null, mobile: '13800001111' });
    const kept = await self.post(url, { email: 'wang@example.com' });
    expect(kept.json<UserView>()).toMatchObject({ email: 'wang@example.com', mobile: '138****1111' });
    const cleared = await self.post(url, { email: null, mobile: null });
    expect(cleared.json<UserView>()).toMatchObject({ email: null, mobile: null });
  });

  it("lets an administrator set the contact of someone he manages, and nobody else's", async () => {
    const mineAdmin = await loginAs(app, 'admin.minea');
    const ok = await mineAdmin.post(`/api/users/${idOf('deputy@mineA')}/contact`, {
      email: 'li@example.com',
      mobile: '13900002222',
    });
    expect(ok.statusCode).toBe(200);
    // Outside his subtree the account does not exist for him.
    expect(
      (await mineAdmin.post(`/api/users/${idOf('chief@root')}/contact`, { email: null, mobile: null })).statusCode,
    ).toBe(404);
    // A chief reads the accounts of his subtree but manages none.
    const chief = await loginAs(app, 'chief.root');
    const refused = await chief.post(`/api/users/${idOf('deputy@mineA')}/contact`, { email: null, mobile: null });
    expect(refused.statusCode).toBe(403);
    const rootAdmin = await loginAs(app, 'root.admin');
    const users = (await rootAdmin.get('/api/users')).json<{ users: UserView[] }>().users;
    expect(users.find((u) => u.id === idOf('deputy@mineA'))).toMatchObject({
      email: 'li@example.com',
      mobile: '139****2222',
    });
  });

  it('names the bad field and changes nothing', async () => {
    const self = await loginAs(app, 'chief.minea');
    const url = `/api/users/${idOf('chief@mineA')}/contact`;
    const badMobile = await self.post(url, { email: null, mobile: '12345' });
    expect(badMobile.statusCode).toBe(400);
    expect(badMobile.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['mobile'] }] } },
    });
    const badEmail = await self.post(url, { email: 'not-an-address', mobile: null });
    expect(badEmail.json()).toMatchObject({ error: { details: { issues: [{ path: ['email'] }] } } });
    expect((await self.get('/api/session')).json()).toMatchObject({ user: { email: null, mobile: null } });
  });

  it('audits who changed what without the address or the number', async () => {
    const self = await loginAs(app, 'deputy.minea');
    await self.post(`/api/users/${idOf('deputy@mineA')}/contact`, { email: 'sun@example.com', mobile: '13700003333' });
    await self.post(`/api/users/${idOf('deputy@mineA')}/contact`, { email: 'sun@example.com' });
    const rows = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_id', 'after_json'])
      .where('action', '=', 'user.contact')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => JSON.parse(r.after_json ?? 'null') as unknown)).toEqual([
      { email: true, mobile: true, mobileChanged: true },
      { email: true, mobile: true, mobileChanged: false },
    ]);
    expect(rows.every((r) => r.actor_id === idOf('deputy@mineA') && r.entity_id === idOf('deputy@mineA'))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/sun@example|13700003333/);
  });
});
