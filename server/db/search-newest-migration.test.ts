/**
 * Migration 330 (the newest hits of a search first on PostgreSQL): a petition registered before it
 * gets its instant of receipt on its search row, and its search still finds it; going down and up
 * again keeps it findable. On SQLite the migration changes nothing and the search is the same.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../../common/schemas/petition.ts';
import { registerPetition } from '../modules/intake/index.ts';
import { searchHits } from '../modules/text/index.ts';
import { petitionDepsOf, type Org, type TestContext } from '../test/test-context.ts';
import { serviceWorld } from '../test/factories.ts';
import { migratorOf } from '../test/migrator.ts';

let ctx: TestContext;
let org: Org;
serviceWorld({ once: true }, (world) => ({ ctx, org } = world));

function migrator() {
  return migratorOf(ctx.database);
}

describe('migration 2026-12-08-330-search-newest', () => {
  it("fills a search row's instant of receipt from its petition, and the search finds it either way", async () => {
    const deps = petitionDepsOf(ctx);
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(
      deps,
      officer,
      RegisterPetitionInputSchema.parse({
        channel: 'letter',
        type: 'appeal',
        purpose: 'request',
        title: '反映井口浴室热水不足',
        body: '井口浴室下班高峰热水不足，请求增加锅炉。',
        petitioners: [{ name: '赵平', identity: 'employee' }],
      }),
    );
    const found = () => searchHits(ctx.deps.db, ctx.deps.dialect, '浴室', 10, ctx.deps.clock.now());
    expect(await found()).toEqual([petition.id]);

    expect((await migrator().migrateTo('2026-12-07-290-list-order-indexes')).error).toBeUndefined();
    expect((await migrator().migrateToLatest()).error).toBeUndefined();
    expect(await found()).toEqual([petition.id]);
    if (ctx.deps.dialect === 'postgres') {
      const row = await sql<{ received_at: string }>`select received_at from petition_search
        where petition_id = ${petition.id}`.execute(ctx.deps.db);
      expect(row.rows[0]?.received_at).toBe(petition.receivedAt);
    }
  });
});
