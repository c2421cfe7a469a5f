import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, petitionDepsOf, type TestContext } from '../../test/test-context.ts';
import { dispatchSms, webhookSmsSender } from './sms-outbox.ts';

let ctx: TestContext;
let server: http.Server;
let received: unknown[];
let status: number;
beforeEach(async () => {
  ctx = await createTestContext();
  received = [];
  status = 200;
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ctx.close();
});

describe('the SMS outbox', () => {
  it('sends pending texts to the gateway, blanks them once sent, and retries a failure up to five times', async () => {
    const deps = petitionDepsOf(ctx);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    await ctx.deps.db
      .insertInto('sms_outbox')
      .values({
        id: 'S1',
        kind: 'receipt',
        phone_enc: deps.cipher.encrypt('13812345678'),
        body_enc: deps.cipher.encrypt('查询码ABCD-EFGH-JKMN-PQRS'),
        status: 'pending',
        attempts: 0,
        created_at: '2026-03-02T01:00:00.000Z',
        sent_at: null,
      })
      .execute();
    expect(await dispatchSms(deps, webhookSmsSender(url))).toBe(1);
    expect(received).toEqual([{ phone: '13812345678', text: '查询码ABCD-EFGH-JKMN-PQRS' }]);
    const sent = await ctx.deps.db.selectFrom('sms_outbox').selectAll().executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', body_enc: '', attempts: 1 });

    await ctx.deps.db
      .insertInto('sms_outbox')
      .values({
        id: 'S2',
        kind: 'receipt',
        phone_enc: deps.cipher.encrypt('13900000000'),
        body_enc: deps.cipher.encrypt('x'),
        status: 'pending',
        attempts: 0,
        created_at: '2026-03-02T01:00:00.000Z',
        sent_at: null,
      })
      .execute();
    status = 503;
    for (let i = 0; i < 5; i++) expect(await dispatchSms(deps, webhookSmsSender(url))).toBe(0);
    expect(
      await ctx.deps.db
        .selectFrom('sms_outbox')
        .select(['status', 'attempts'])
        .where('id', '=', 'S2')
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'failed', attempts: 5 });
    expect(await dispatchSms(deps, webhookSmsSender(url))).toBe(0);
    expect(received).toHaveLength(6);
  });
});
