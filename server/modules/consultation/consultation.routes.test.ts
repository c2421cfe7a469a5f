/**
 * 征求意见 over HTTP as a phone meets it: the office publishes (session + CSRF), a worker comments from
 * the portal with the portal's proof of work and its rate limit per address (the filing's own), a
 * second comment is refused naming `phone`, a bad body naming its field; the summary on the portal.
 */
import { describe, expect, it } from 'vitest';
import { appWorld } from '../../test/factories.ts';
import { solvedChallenge } from '../../test/portal-client.ts';
import { buildTestApp, loginAs } from '../../test/test-app.ts';
import { findUnitById } from '../unit/index.ts';

const POW_BITS = 4;
const world = appWorld({ app: { portalPowBits: POW_BITS, portalRateLimits: { file: 100, track: 100, other: 100 } } });

async function publish() {
  const officer = await loginAs(world.app, 'officer.minea');
  const response = await officer.post('/api/consultations', {
    title: '井下夜班津贴调整（征求意见稿）',
    body: '拟将井下夜班津贴由每班30元调整为每班45元，请职工提出意见。',
    unitIds: [world.org.units.teamA1.id],
    deadline: '2026-03-10',
  });
  expect(response.statusCode).toBe(200);
  return { officer, id: response.json<{ id: string }>().id };
}

async function teamCode() {
  return (await findUnitById(world.deps.db, world.org.units.teamA1.id))?.code ?? '';
}

describe('the portal comment', () => {
  it('carries the proof of work, takes one per phone, and names the field it refuses', async () => {
    const { officer, id } = await publish();
    const body = {
      phone: '13800001111',
      anonymous: true,
      unitCode: await teamCode(),
      body: '建议按实际下井时间计算津贴',
    };
    const post = (payload: Record<string, unknown>) =>
      world.app.inject({ method: 'POST', url: `/api/portal/consultations/${id}/comments`, payload });
    const unsolved = await post({ ...body, challenge: 'x.y.z', nonce: '1' });
    expect(unsolved.json<{ error: { code: string } }>().error.code).toBe('CHALLENGE_FAILED');
    expect((await post({ ...body, ...(await solvedChallenge(world.app, POW_BITS)) })).statusCode).toBe(200);
    const twice = await post({ ...body, body: '再提一条不同的意见', ...(await solvedChallenge(world.app, POW_BITS)) });
    expect(twice.statusCode).toBe(409);
    expect(
      twice.json<{ error: { details: { issues: { path: string[] }[] } } }>().error.details.issues[0]?.path,
    ).toEqual(['phone']);
    const badPhone = await post({ ...body, phone: '12', ...(await solvedChallenge(world.app, POW_BITS)) });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('phone');
    const view = (await officer.get(`/api/consultations/${id}`)).json<{ comments: unknown[] }>();
    expect(view.comments).toHaveLength(1);
    const portal = (await world.app.inject({ method: 'GET', url: `/api/portal/consultations/${id}` })).json<{
      stage: string;
      summary: unknown;
    }>();
    expect(portal).toMatchObject({ stage: 'open', summary: null });
  });

  it('holds the portal filing rate limit per address', async () => {
    const { id } = await publish();
    const limited = await buildTestApp(world.ctx, {
      portalPowBits: POW_BITS,
      portalRateLimits: { file: 1, track: 3, other: 60 },
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 2; i++)
        codes.push(
          (
            await limited.inject({
              method: 'POST',
              url: `/api/portal/consultations/${id}/comments`,
              payload: {
                phone: `1380000222${i}`,
                anonymous: true,
                unitCode: 'nowhere',
                body: '意见内容写在这里',
                challenge: 'a.b.c',
                nonce: '1',
              },
            })
          ).statusCode,
        );
      expect(codes).toEqual([400, 429]);
    } finally {
      await limited.close();
    }
  });

  it('keeps the office side behind a session', async () => {
    expect((await world.app.inject({ method: 'GET', url: '/api/consultations' })).statusCode).toBe(401);
    const handler = await loginAs(world.app, 'handler.teama1');
    expect((await handler.get('/api/consultations')).statusCode).toBe(403);
  });
});
