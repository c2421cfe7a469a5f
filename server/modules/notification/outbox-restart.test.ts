/**
 * Nothing lost across a crash: a delivery process is killed (SIGKILL) while a message is in flight;
 * a new process takes up the expired claim and delivers the rest. Every message is acknowledged by
 * the gateway exactly once — the one in flight at the kill reaches it twice, carrying the same
 * idempotency key, and only the second is acknowledged.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-context.ts';
import { queueMessage } from './notification.service.ts';

const MESSAGES = 30;
const KILL_AT = 11;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ onDisk: true });
});
afterAll(async () => {
  await ctx.close();
});

function worker(databaseUrl: string, gatewayUrl: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('server/test/outbox-worker.ts'), databaseUrl, gatewayUrl, '800'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

describe('the outbox across a crash', () => {
  it('delivers every message exactly once after the sender is killed mid-way and restarted', async () => {
    for (let i = 0; i < MESSAGES; i++) {
      await ctx.deps.db.transaction().execute((trx) =>
        queueMessage(trx, ctx.deps, {
          channel: 'sms',
          kind: 'receipt',
          address: `1391234${String(i).padStart(4, '0')}`,
          body: `回执 ${i}`,
          blankAfterSending: false,
        }),
      );
    }
    const requests: string[] = [];
    const acknowledged: string[] = [];
    let killFirst: () => void = () => {};
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const id = String(req.headers['idempotency-key']);
        requests.push(id);
        // The gateway drops a message it already took (same key): a retry after a crash costs nothing.
        if (requests.length === KILL_AT) {
          killFirst(); // in flight: the sender dies before the gateway answers
          return;
        }
        if (!acknowledged.includes(id)) acknowledged.push(id);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;

    const first = worker(ctx.databaseUrl, gatewayUrl);
    killFirst = () => first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(acknowledged).toHaveLength(KILL_AT - 1);

    // The in-flight message's claim expires (0.8 s); a new process takes it up with the rest.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const second = worker(ctx.databaseUrl, gatewayUrl);
    const exit = await second.exited;
    expect(exit.code, second.output()).toBe(0);
    server.close();

    const rows = await ctx.deps.db.selectFrom('outbox_message').select(['id', 'status', 'attempts']).execute();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(MESSAGES);
    expect(new Set(acknowledged).size).toBe(MESSAGES);
    expect(acknowledged).toHaveLength(MESSAGES);
    // Exactly one message reached the gateway twice: the one in flight at the kill, with its key.
    const twice = requests.filter((id, i) => requests.indexOf(id) !== i);
    expect(twice).toEqual([requests[KILL_AT - 1]]);
    expect(rows.find((r) => r.id === twice[0])?.attempts).toBe(2);
  });
});
