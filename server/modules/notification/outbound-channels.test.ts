/**
 * Each outbound adapter against a local server that speaks its protocol: an HTTP SMS gateway, an
 * SMTP server (smtp-server, from the makers of nodemailer), a 企业微信 robot endpoint and a
 * webhook receiver that checks the signature. Nothing is pretended: the bytes go over loopback.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signedWebhookSender,
  smsGatewaySender,
  smtpSender,
  webhookSignature,
  wecomRobotSender,
  type OutboundMessage,
} from './outbound-channels.ts';

type Received = { url: string; headers: http.IncomingHttpHeaders; body: string };

/** An HTTP server that records requests and answers with `answer(request)`. */
async function fakeHttp(answer: (r: Received) => { status: number; body: string }) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const r = { url: req.url ?? '', headers: req.headers, body };
      received.push(r);
      const { status, body: out } = answer(r);
      res.writeHead(status, { 'content-type': 'application/json' }).end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(r)) };
}

const message = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  id: 'M1',
  channel: 'sms',
  kind: 'deadline_overdue',
  address: '13912345678',
  subject: null,
  body: '【信访工作平台】XF2026-000123：办结期限已于 2026-12-01 超期',
  ...overrides,
});

describe('the SMS gateway adapter', () => {
  it('posts the phone, the text and the message id, and treats a non-2xx answer as a failure to retry', async () => {
    let status = 200;
    const gateway = await fakeHttp(() => ({ status, body: '{}' }));
    const send = smsGatewaySender(`${gateway.url}/sms`);
    await send(message());
    expect(JSON.parse(gateway.received[0]?.body ?? '{}')).toEqual({
      id: 'M1',
      phone: '13912345678',
      text: message().body,
    });
    expect(gateway.received[0]?.headers['idempotency-key']).toBe('M1');
    status = 503;
    await expect(send(message({ id: 'M2' }))).rejects.toThrow(/503/);
    await gateway.close();
  });
});

describe('the SMTP adapter', () => {
  const mails: { from: string; to: string[]; data: string }[] = [];
  let server: SMTPServer;
  let port = 0;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(resolve)));

  it('delivers a UTF-8 mail with a stable Message-ID to the address', async () => {
    const send = smtpSender(`smtp://127.0.0.1:${port}`, 'xinfang@jizhong.example');
    await send(message({ channel: 'email', address: 'zhao@jizhong.example', subject: '信访事项超期提醒' }));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['zhao@jizhong.example']);
    expect(mails[0]?.from).toBe('xinfang@jizhong.example');
    expect(mails[0]?.data).toMatch(/Message-ID: <M1@xinfang>/i);
    // The Chinese subject and body survive the trip (encoded words / quoted-printable or base64).
    expect(mails[0]?.data).toMatch(/Subject: =\?UTF-8\?/i);
  });

  it('fails when the server is not there', async () => {
    const send = smtpSender('smtp://127.0.0.1:1', 'xinfang@jizhong.example');
    await expect(send(message({ channel: 'email', address: 'zhao@jizhong.example' }))).rejects.toThrow();
  });
});

describe('the 企业微信 robot adapter', () => {
  it('posts a text message and fails on any errcode but 0', async () => {
    let errcode = 0;
    const robot = await fakeHttp(() => ({ status: 200, body: JSON.stringify({ errcode, errmsg: 'ok' }) }));
    const send = wecomRobotSender();
    const url = `${robot.url}/cgi-bin/webhook/send?key=abc`;
    await send(message({ channel: 'wecom', address: url, body: '【信访工作平台】东山煤矿有新的提醒（新预警）' }));
    expect(robot.received[0]?.url).toBe('/cgi-bin/webhook/send?key=abc');
    expect(JSON.parse(robot.received[0]?.body ?? '{}')).toEqual({
      msgtype: 'text',
      text: { content: '【信访工作平台】东山煤矿有新的提醒（新预警）' },
    });
    errcode = 93000;
    await expect(send(message({ channel: 'wecom', address: url }))).rejects.toThrow(/93000/);
    await robot.close();
  });
});

describe('the signed webhook adapter', () => {
  it('signs the body with the secret and the timestamp, so the receiver can check it', async () => {
    const secret = 'webhook-secret-0123456789';
    const receiver = await fakeHttp((r) => {
      const timestamp = String(r.headers['x-xinfang-timestamp']);
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
      return { status: r.headers['x-xinfang-signature'] === expected ? 204 : 401, body: '' };
    });
    const body = JSON.stringify({ notificationId: 'N1', kind: 'deadline_overdue' });
    await signedWebhookSender(
      receiver.url,
      secret,
      () => new Date('2026-12-07T02:00:00Z'),
    )(message({ channel: 'webhook', address: 'webhook', body }));
    expect(receiver.received[0]?.headers['x-xinfang-timestamp']).toBe(
      String(Date.parse('2026-12-07T02:00:00Z') / 1000),
    );
    expect(receiver.received[0]?.headers['idempotency-key']).toBe('M1');
    // A receiver with another secret refuses it: the sender sees the failure.
    await expect(
      signedWebhookSender(receiver.url, 'another-secret-0123456789')(message({ channel: 'webhook', body })),
    ).rejects.toThrow(/401/);
    expect(webhookSignature(secret, '1', 'x')).toMatch(/^sha256=[0-9a-f]{64}$/);
    await receiver.close();
  });
});
