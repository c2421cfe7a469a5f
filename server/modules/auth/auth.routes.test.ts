import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/test-app.ts';
import { TEST_PASSWORD, type TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
appWorld((world) => ({ ctx, app } = world));

const STRANGER = '203.0.113.7';
const HOME = '198.51.100.23';

function logIn(username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress, headers });
}

// Issue #11 finding 11: 423 ACCOUNT_LOCKED came only for real accounts, so the lock listed them.
describe('POST /api/session', () => {
  it('answers a real and an unknown username with the same status and body, before and after the lock', async () => {
    const answers: Record<string, { status: number; body: unknown }[]> = {};
    for (const name of ['chief.root', 'chief.rooot']) {
      answers[name] = [];
      for (let i = 0; i < 7; i++) {
        const response = await logIn(name, 'wrong-password', STRANGER);
        answers[name].push({ status: response.statusCode, body: response.json() });
      }
    }
    expect(answers['chief.rooot']).toEqual(answers['chief.root']);
    expect(answers['chief.root']?.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 423, 423]);
  });

  it("counts by the client's own address: a stranger's failures leave the owner free", async () => {
    for (let i = 0; i < 10; i++) await logIn('chief.root', 'wrong-password', STRANGER);
    expect((await logIn('chief.root', TEST_PASSWORD, STRANGER)).statusCode).toBe(423);
    expect((await logIn('chief.root', TEST_PASSWORD, HOME)).statusCode).toBe(200);
  });

  it('behind a trusted proxy, counts by the client the proxy names', async () => {
    const proxied = await buildTestApp(ctx, { trustProxy: true });
    try {
      const via = (client: string, password: string) =>
        proxied.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'chief.root', password },
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
      for (let i = 0; i < 10; i++) await via(STRANGER, 'wrong-password');
      expect((await via(STRANGER, TEST_PASSWORD)).statusCode).toBe(423);
      expect((await via(HOME, TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});
