/**
 * Stateless instances (issue #21): what one process kept for itself — file bytes, rate-limit
 * counters — is shared through the database, so two instances over one database give one answer.
 * Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/test-app.ts';
import { createTestContext, type TestContext } from '../test/test-context.ts';
import { databaseStore, FileMissingError, filesystemStore, type FileStore } from './file-store.ts';
import { countHit } from './rate-limit-store.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe.each([
  ['filesystem', () => filesystemStore(path.join(ctx.dataDir, 'files'))],
  ['database', () => databaseStore(ctx.deps.db, ctx.clock)],
])('the %s file store', (_kind, storeOf: () => FileStore) => {
  it('keeps bytes under a key, never overwrites them, and forgets them on removal', async () => {
    const store = storeOf();
    const data = Buffer.from([0, 1, 2, 255, 254, 0x89, 0x50]);
    await store.put('01FILEKEY0001', data);
    expect(Buffer.compare(await store.get('01FILEKEY0001'), data)).toBe(0);
    expect(await store.sizeOf('01FILEKEY0001')).toBe(7);
    await expect(store.put('01FILEKEY0001', Buffer.from('other'))).rejects.toThrow();
    expect(Buffer.compare(await store.get('01FILEKEY0001'), data)).toBe(0);
    await store.put('ledger/01FILEKEY0001.csv', Buffer.from('a,b'));
    expect((await store.get('ledger/01FILEKEY0001.csv')).toString()).toBe('a,b');
    await store.remove('01FILEKEY0001');
    expect(await store.sizeOf('01FILEKEY0001')).toBeNull();
    await expect(store.get('01FILEKEY0001')).rejects.toBeInstanceOf(FileMissingError);
    await store.remove('01FILEKEY0001');
  });

  it('refuses a key that names a path outside the store', async () => {
    const store = storeOf();
    for (const key of ['../etc/passwd', '/etc/passwd', 'a/b/c', '..', 'x y'])
      await expect(store.get(key)).rejects.toThrow(/not a stored file key/);
  });
});

describe('rate limits over several instances', () => {
  it('counts hits in the database: a window, its reset, separate keys', async () => {
    const deps = { ...ctx.deps };
    const key = `test|${ctx.deps.ids.next()}`;
    expect(await countHit(deps, key, 60_000)).toEqual({ current: 1, ttl: 60_000 });
    ctx.clock.advance(10_000);
    expect(await countHit(deps, key, 60_000)).toEqual({ current: 2, ttl: 50_000 });
    expect((await countHit(deps, `${key}-other`, 60_000)).current).toBe(1);
    ctx.clock.advance(50_000);
    // The window has ended: counting starts again.
    expect(await countHit(deps, key, 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });

  it('holds one portal limit per address across two instances of the app on one database', async () => {
    const limits = { file: 1, track: 3, other: 60 };
    const one = await buildTestApp(ctx, { portalRateLimits: limits, instanceId: 'one' });
    const two = await buildTestApp(ctx, { portalRateLimits: limits, instanceId: 'two' });
    try {
      const track = (app: typeof one, remoteAddress: string) =>
        app.inject({
          method: 'POST',
          url: '/api/portal/track',
          remoteAddress,
          payload: { caseNumber: 'XF2026-000001', code: 'AAAA-BBBB-CCCC-DDDD' },
        });
      // The load balancer alternates: the limit of 3 per minute holds for the address as a whole.
      const codes = [
        (await track(one, '192.0.2.7')).statusCode,
        (await track(two, '192.0.2.7')).statusCode,
        (await track(one, '192.0.2.7')).statusCode,
        (await track(two, '192.0.2.7')).statusCode,
      ];
      expect(codes).toEqual([404, 404, 404, 429]);
      // Another address is not affected.
      expect((await track(one, '192.0.2.8')).statusCode).toBe(404);
      ctx.clock.advance(61_000);
      expect((await track(two, '192.0.2.7')).statusCode).toBe(404);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
