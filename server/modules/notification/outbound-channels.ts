/**
 * The ways a message leaves the system, each an adapter over a real protocol (tested against local
 * servers that speak it, never pretended): an SMS gateway over HTTP, SMTP e-mail (nodemailer), a
 * 企业微信 group robot, and a generic webhook signed with HMAC-SHA256. Every adapter carries the
 * message id as an idempotency key, so a receiver that sees a retry after a crash can drop it.
 * An adapter throws on failure; the outbox retries with back-off.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { OutboxMessageTable } from '../../db/schema.ts';

export type OutboundMessage = {
  id: string;
  channel: OutboxMessageTable['channel'];
  kind: string;
  /** Phone number, e-mail address, robot URL (for `webhook` the configured URL is used). */
  address: string;
  subject: string | null;
  body: string;
};

/** Sends one message; throws with a short reason when the far end did not take it. */
export type Sender = (message: OutboundMessage) => Promise<void>;
export type Senders = Partial<Record<OutboxMessageTable['channel'], Sender>>;

const TIMEOUT_MS = 10_000;

async function postJson(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`answered ${response.status}`);
  return response;
}

/** The enterprise's SMS gateway: POST `{ id, phone, text }`; any 2xx means it took the text. */
export function smsGatewaySender(url: string): Sender {
  return async (message) => {
    await postJson(url, JSON.stringify({ id: message.id, phone: message.address, text: message.body }), {
      'idempotency-key': message.id,
    });
  };
}

/** SMTP e-mail (`smtp://user:pass@host:port` or `smtps://…`), plain text, UTF-8. */
export function smtpSender(smtpUrl: string, from: string): Sender {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (message) => {
    await transport.sendMail({
      from,
      to: message.address,
      subject: message.subject ?? message.body.slice(0, 60),
      text: message.body,
      // A stable Message-ID: a resent copy after a crash is recognisably the same message.
      messageId: `<${message.id}@xinfang>`,
    });
  };
}

/**
 * A 企业微信 group robot (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…): a text message;
 * the robot answers 200 with `errcode` 0 when it posted it, another errcode otherwise.
 */
export function wecomRobotSender(): Sender {
  return async (message) => {
    const response = await postJson(
      message.address,
      JSON.stringify({ msgtype: 'text', text: { content: message.body } }),
      {},
    );
    const answer = (await response.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
    if (answer.errcode !== 0) throw new Error(`robot errcode ${String(answer.errcode)} ${answer.errmsg ?? ''}`.trim());
  };
}

/** The signature header value: HMAC-SHA256 over `<timestamp>.<body>`, hex. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * A generic webhook for the enterprise's other systems: the JSON event, with
 * `x-xinfang-timestamp`, `x-xinfang-signature` (see `webhookSignature`) and `idempotency-key`.
 */
export function signedWebhookSender(url: string, secret: string, now: () => Date = () => new Date()): Sender {
  return async (message) => {
    const timestamp = String(Math.floor(now().getTime() / 1000));
    await postJson(url, message.body, {
      'x-xinfang-timestamp': timestamp,
      'x-xinfang-signature': webhookSignature(secret, timestamp, message.body),
      'idempotency-key': message.id,
    });
  };
}
