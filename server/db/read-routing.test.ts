/**
 * The routing of reads (issue #21), checked on PostgreSQL with a "replica" that is the same database
 * under another application_name — so every statement says which pool ran it. Which statements a
 * request sends where is the point; replication itself is the cluster test's (npm run test:cluster).
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseConfig } from '../config.ts';
import { buildTestApp } from '../test/test-app.ts';
import { createOrg, createTestContext, TEST_PASSWORD, type TestContext } from '../test/test-context.ts';
import { openDatabase, type Database } from './database.ts';
import { isPlainRead, readContext, type ReadContext } from './read-routing.ts';

describe('isPlainRead', () => {
  const raw = (text: string) => CompiledQuery.raw(text);
  it.each([
    ['select 1', true],
    ['  SELECT pg_last_wal_replay_lsn()', true],
    ["select nextval('case_seq')", false],
    ['select * from petition for update', false],
    ['insert into x values (1)', false],
    ['update x set a = 1', false],
    ['with d as (delete from x returning *) select * from d', false],
  ])('%s → %s', (text, expected) => {
    expect(isPlainRead(raw(text))).toBe(expected);
  });
});

const base = testDatabaseConfig();
const onPostgres = base.dialect === 'postgres';

describe.runIf(onPostgres)('read routing on PostgreSQL', () => {
  let ctx: TestContext;
  let routed: Database;
  beforeAll(async () => {
    ctx = await createTestContext();
    await createOrg(ctx.deps);
    if (base.dialect !== 'postgres') return;
    const url = new URL(base.url);
    url.searchParams.set('application_name', 'replica');
    routed = openDatabase({ ...base, schema: ctx.database.schema, readUrl: url.toString() });
  });
  afterAll(async () => {
    await routed.close();
    await ctx.close();
  });

  const appName = (db: Database['db']) =>
    sql<{ name: string }>`select current_setting('application_name') as name`.execute(db).then((r) => r.rows[0]?.name);
  const inRequest = <T>(context: ReadContext, run: () => Promise<T>) => readContext.run(context, run);

  it('sends a replica-safe request’s plain reads to the replica, and everything else to the primary', async () => {
    // No request (a job, the command line): the primary.
    expect(await appName(routed.db)).not.toBe('replica');
    const safe: ReadContext = { replica: true, wrote: false, replicaQueries: 0 };
    expect(await inRequest(safe, () => appName(routed.db))).toBe('replica');
    // A read inside a transaction: the primary, and the request counts as having written.
    expect(await inRequest(safe, () => routed.db.transaction().execute((trx) => appName(trx)))).not.toBe('replica');
    expect(safe.wrote).toBe(true);
    // After a write, the same request reads from the primary.
    expect(await inRequest(safe, () => appName(routed.db))).not.toBe('replica');
    const unsafe: ReadContext = { replica: false, wrote: false, replicaQueries: 0 };
    expect(await inRequest(unsafe, () => appName(routed.db))).not.toBe('replica');
    expect(safe.replicaQueries).toBe(1);
  });

  it('routes the list to the replica and other reads to the primary; a browser that wrote waits for the replica', async () => {
    const login = async (app: Awaited<ReturnType<typeof buildTestApp>>) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'officer.root', password: TEST_PASSWORD },
      });
      return response.cookies.find((c) => c.name === 'xf_sid')?.value ?? '';
    };
    // Without read-your-writes (0 ms): the log-in's cookie is already spent.
    const app = await buildTestApp({ ...ctx, database: routed }, { readYourWritesMs: 0 });
    try {
      const cookie = await login(app);
      const list = await app.inject({ method: 'GET', url: '/api/petitions', cookies: { xf_sid: cookie } });
      expect(list.statusCode).toBe(200);
      expect(list.headers['x-xinfang-read-from']).toBe('replica');
      const units = await app.inject({ method: 'GET', url: '/api/units', cookies: { xf_sid: cookie } });
      expect(units.headers['x-xinfang-read-from']).toBeUndefined();
    } finally {
      await app.close();
    }
    // With it: the log-in wrote, and this "replica" never replays (it is not in recovery): the primary.
    const waiting = await buildTestApp({ ...ctx, database: routed }, { readYourWritesMs: 60_000 });
    try {
      const response = await waiting.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'officer.root', password: TEST_PASSWORD },
      });
      const ryw = response.cookies.find((c) => c.name === 'xf_ryw');
      expect(ryw?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+~\d+$/);
      expect(ryw).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
      const list = await waiting.inject({
        method: 'GET',
        url: '/api/petitions',
        cookies: { xf_sid: response.cookies.find((c) => c.name === 'xf_sid')?.value ?? '', xf_ryw: ryw?.value ?? '' },
      });
      expect(list.headers['x-xinfang-read-from']).toBe('primary');
    } finally {
      await waiting.close();
    }
  });
});
