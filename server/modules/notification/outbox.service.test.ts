/**
 * `notify` and the outbox: what is written for whom, and how messages leave — delivered once
 * acknowledged, retried with back-off, given up after 8 attempts with the administrators told, a
 * secret blanked once sent, and nothing sent by a channel this deployment has not configured.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestContext, type Org, type TestContext } from '../../test/test-context.ts';
import { setUserContact } from '../user/user.service.ts';
import { notify, queueMessage } from './notification.service.ts';
import { backoffMinutes, deliverOutbox, MAX_ATTEMPTS } from './outbox.service.ts';
import { smsGatewaySender } from './outbound-channels.ts';

let ctx: TestContext;
let org: Org;
let gateway: { url: string; texts: { id: string; phone: string; text: string }[]; status: number; close: () => void };

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.deps.outbound = { sms: true, email: false, webhook: false };
  org = await createOrg(ctx.deps);
  const texts: { id: string; phone: string; text: string }[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (state.status === 200) texts.push(JSON.parse(body) as { id: string; phone: string; text: string });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    texts,
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
    close: () => server.close(),
  };
});
afterAll(async () => {
  gateway.close();
  await ctx.close();
});

const senders = () => ({ sms: smsGatewaySender(gateway.url) });

async function outboxRows() {
  return ctx.deps.db.selectFrom('outbox_message').selectAll().orderBy('created_at').execute();
}

describe('notify', () => {
  it('writes one notification per recipient, once per dedupe key, and an SMS for those with a mobile when the kind goes out by SMS', async () => {
    const chief = org.users['chief@mineA']!;
    const officer = org.users['officer@mineA']!;
    await setUserContact(ctx.deps, chief, chief.id, { email: null, mobile: '13800001111' });
    const notice = {
      kind: 'deadline_overdue' as const,
      recipients: [chief.id, officer.id, chief.id],
      data: { caseNumber: 'XF2026-000001', dueKind: 'conclusion', dueDate: '2026-03-01' },
      dedupeKey: 'overdue:test:1',
    };
    const told = await ctx.deps.db.transaction().execute((trx) => notify(trx, ctx.deps, notice));
    expect(told.sort()).toEqual([chief.id, officer.id].sort());
    const again = await ctx.deps.db.transaction().execute((trx) => notify(trx, ctx.deps, notice));
    expect(again).toEqual([]);
    const sms = (await outboxRows()).filter((r) => r.channel === 'sms');
    expect(sms).toHaveLength(1);
    expect(sms[0]?.user_id).toBe(chief.id);
    // Address and text are ciphertext at rest.
    expect(sms[0]?.address_enc).not.toContain('13800001111');
    expect(ctx.deps.cipher.decrypt(sms[0]!.body_enc)).toBe(
      '【信访工作平台】XF2026-000001：办结期限已于 2026-03-01 超期',
    );
  });

  it('sends nothing outward for a kind the enterprise keeps in the workbench, or a person without a contact', async () => {
    const before = (await outboxRows()).length;
    await ctx.deps.db.transaction().execute((trx) =>
      notify(trx, ctx.deps, {
        kind: 'petitioner_message',
        recipients: [org.users['chief@mineA']!.id, org.users['officer@root']!.id],
        data: { caseNumber: 'XF2026-000002' },
        dedupeKey: 'message:test:2',
      }),
    );
    expect((await outboxRows()).length).toBe(before);
  });
});

describe('delivering the outbox', () => {
  it('delivers a due message once, records the attempt, and blanks a text that carried a secret', async () => {
    await ctx.deps.db.transaction().execute((trx) =>
      queueMessage(trx, ctx.deps, {
        channel: 'sms',
        kind: 'receipt',
        address: '13912345678',
        body: '您的信访事项编号 XF2026-000003，查询码 ABCD-EFGH-JKMN-PQRS',
        blankAfterSending: true,
      }),
    );
    const result = await deliverOutbox(ctx.deps, senders());
    expect(result).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(gateway.texts.map((t) => t.phone).sort()).toEqual(['13800001111', '13912345678']);
    const receipt = (await outboxRows()).find((r) => r.kind === 'receipt');
    expect(receipt).toMatchObject({ status: 'sent', attempts: 1, body_enc: '' });
    const attempts = await ctx.deps.db
      .selectFrom('outbox_attempt')
      .selectAll()
      .where('message_id', '=', receipt!.id)
      .execute();
    expect(attempts).toMatchObject([{ attempt: 1, ok: 1 }]);
    // Nothing is due any more: another round sends nothing.
    expect(await deliverOutbox(ctx.deps, senders())).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(gateway.texts).toHaveLength(2);
  });

  it('retries a failure with back-off, and after 8 failures gives up and tells the administrators', async () => {
    await ctx.deps.db.transaction().execute((trx) =>
      queueMessage(trx, ctx.deps, {
        channel: 'sms',
        kind: 'receipt',
        address: '13700000000',
        body: '回执',
        blankAfterSending: false,
      }),
    );
    gateway.status = 503;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await deliverOutbox(ctx.deps, senders());
      expect(result).toEqual(
        attempt < MAX_ATTEMPTS ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 },
      );
      // Not again before its time.
      expect(await deliverOutbox(ctx.deps, senders())).toEqual({ sent: 0, retried: 0, failed: 0 });
      ctx.clock.advance(backoffMinutes(attempt) * 60_000);
    }
    gateway.status = 200;
    const failed = (await outboxRows()).find((r) => r.status === 'failed');
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, last_error: expect.stringMatching(/503/) as unknown });
    const admins = await ctx.deps.db
      .selectFrom('notification')
      .select(['user_id', 'kind'])
      .where('kind', '=', 'outbox_failed')
      .execute();
    expect(admins.map((a) => a.user_id)).toEqual([org.admin.id]);
  });

  it('keeps a message for a channel this deployment cannot deliver, without spending its attempts', async () => {
    await ctx.deps.db.transaction().execute((trx) =>
      queueMessage(trx, ctx.deps, {
        channel: 'email',
        kind: 'test',
        address: 'a@b.example',
        body: 'x',
        blankAfterSending: false,
      }),
    );
    await deliverOutbox(ctx.deps, senders());
    const mail = (await outboxRows()).find((r) => r.channel === 'email');
    expect(mail).toMatchObject({ status: 'pending', last_error: 'channel not configured' });
  });
});

describe('backoffMinutes', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [8, 128],
    [9, 256],
    [10, 360],
    [20, 360],
  ])('after %i failures waits %i minutes', (attempts, minutes) => {
    expect(backoffMinutes(attempts)).toBe(minutes);
  });
});
