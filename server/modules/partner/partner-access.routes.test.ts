/**
 * The partner matrix over HTTP (issue #16, "Bad input"): a partner account × (invited / not invited /
 * invitation expired) × every case route the app has (`/api/petitions/:id…`, walked from the route
 * table, so a route added later is covered). Not invited and expired answer exactly as a case that
 * does not exist — same status, same code — and write nothing; invited, the partner reads the case
 * and records an opinion, and still may not invite anyone.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { routesOf } from '../../app.ts';
import { appWorld } from '../../test/factories.ts';
import { changedTables, snapshotTables } from '../../test/db-snapshot.ts';
import { fillUrl, sampleOf, schemasOf, urlParams } from '../../test/route-inputs.ts';
import { loginAs, type Client } from '../../test/test-app.ts';
import { registerPetition } from '../intake/index.ts';
import { invitePartner } from './partner.service.ts';

const world = appWorld({ once: true });
const NOWHERE = 'T999999';
const DAY = 86_400_000;

async function aCase(title: string): Promise<string> {
  const input = RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title,
    body: '本村房屋因采煤塌陷出现裂缝，请求鉴定补偿。',
    petitioners: [{ name: '王大山', identity: 'villager' }],
  });
  return (await registerPetition(world.deps, world.user('officer@root'), input)).petition.id;
}

function send(client: Client, method: string, url: string, body: unknown): Promise<LightMyRequestResponse> {
  switch (method) {
    case 'GET':
      return client.get(url);
    case 'DELETE':
      return client.del(url);
    case 'PUT':
      return client.put(url, body);
    default:
      return client.post(url, body);
  }
}

const outcome = (r: LightMyRequestResponse) => {
  const code = r.statusCode >= 400 ? (r.json<{ error?: { code?: string } }>().error?.code ?? '') : '';
  return `${r.statusCode} ${code}`;
};

describe('a partner on every case route', () => {
  it('is refused on a case not invited to, and after the invitation expired, exactly as on a missing case', async () => {
    const lawyer = await loginAs(world.app, 'partner.depthr');
    const notInvited = await aCase('未受邀的事项');
    const expired = await aCase('邀请已到期的事项');
    await invitePartner(world.deps, world.user('officer@root'), expired, {
      userId: world.user('partner@deptHr').id,
      expiresAt: new Date(world.ctx.clock.now().getTime() + DAY).toISOString(),
    });
    world.ctx.clock.advance(DAY + 1);
    const routes = routesOf(world.app).filter((r) => r.url.startsWith('/api/petitions/:id'));
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const { body } = schemasOf(route);
      const sample = body === null ? {} : sampleOf(body, () => undefined);
      const values = (id: string) =>
        Object.fromEntries(urlParams(route.url).map((p) => [p, p === 'id' ? id : NOWHERE]));
      const missing = outcome(await send(lawyer, route.method, fillUrl(route.url, values(NOWHERE)), sample));
      for (const id of [notInvited, expired]) {
        const before = await snapshotTables(world.ctx.database);
        const got = outcome(await send(lawyer, route.method, fillUrl(route.url, values(id)), sample));
        expect(`${route.method} ${route.url}: ${got}`).toBe(`${route.method} ${route.url}: ${missing}`);
        expect(changedTables(before, await snapshotTables(world.ctx.database)), `${route.method} ${route.url}`).toEqual(
          [],
        );
      }
    }
  });

  it('reads the case invited to and records an opinion, but may not invite, grant or refer', async () => {
    const id = await aCase('受邀的事项');
    const partner = world.user('partner@deptHr');
    await invitePartner(world.deps, world.user('officer@root'), id, {
      userId: partner.id,
      expiresAt: new Date(world.ctx.clock.now().getTime() + DAY).toISOString(),
    });
    const lawyer = await loginAs(world.app, 'partner.depthr');
    expect((await lawyer.get(`/api/petitions/${id}`)).statusCode).toBe(200);
    const opinion = await lawyer.post(`/api/petitions/${id}/opinions`, { capacity: 'lawyer', opinion: '建议先行鉴定' });
    expect(opinion.statusCode).toBe(200);
    const later = new Date(world.ctx.clock.now().getTime() + 9 * DAY).toISOString();
    const tries = [
      lawyer.post(`/api/petitions/${id}/partners`, { userId: partner.id, expiresAt: later }),
      lawyer.post(`/api/petitions/${id}/partners/${partner.id}/identity`),
      lawyer.post(`/api/petitions/${id}/partner-referral`, { organisationId: NOWHERE, note: '转交', expiresAt: later }),
    ];
    expect((await Promise.all(tries)).map((r) => r.statusCode)).toEqual([403, 403, 403]);
  });

  it('works on the matter only: no step of the case, no note, no message to the petitioner, no file', async () => {
    const id = await aCase('受邀协作的事项');
    const officer = world.user('officer@root');
    const partner = world.user('partner@deptHr');
    await invitePartner(world.deps, officer, id, {
      userId: partner.id,
      expiresAt: new Date(world.ctx.clock.now().getTime() + DAY).toISOString(),
    });
    const lawyer = await loginAs(world.app, 'partner.depthr');
    const detail = (await lawyer.get(`/api/petitions/${id}`)).json<{ actions: string[] }>();
    expect(detail.actions.filter((verb) => verb !== 'giveOpinion' && verb !== 'declareConflict')).toEqual([]);
    expect((await lawyer.get(`/api/petitions/${id}/messages`)).json<{ canReply: boolean }>().canReply).toBe(false);
    const before = await snapshotTables(world.ctx.database);
    const tries = [
      lawyer.post(`/api/petitions/${id}/messages`, { body: '请明天到镇政府面谈' }),
      lawyer.post(`/api/petitions/${id}/notes`, { text: '律师已阅卷', internal: true }),
      lawyer.post(`/api/petitions/${id}/start-investigation`, {}),
    ];
    expect((await Promise.all(tries)).map((r) => r.statusCode)).toEqual([403, 403, 403]);
    expect(changedTables(before, await snapshotTables(world.ctx.database))).toEqual([]);
  });
});
