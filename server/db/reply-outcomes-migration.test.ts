/**
 * Migration 070 (四个到位 become part of the reply): a case concluded with one outcome before keeps it,
 * as a list of one, on both dialects; going down keeps the first. The data stays readable.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../../common/schemas/petition.ts';
import { registerPetition } from '../modules/intake/index.ts';
import { getPetition } from '../modules/petition/index.ts';
import { petitionDepsOf, type Org, type TestContext } from '../test/test-context.ts';
import { serviceWorld } from '../test/factories.ts';
import { migratorOf } from '../test/migrator.ts';

let ctx: TestContext;
let org: Org;
serviceWorld({ once: true }, (world) => ({ ctx, org } = world));

function migrator() {
  return migratorOf(ctx.database);
}

describe('migration 2026-12-07-070-reply-outcomes', () => {
  it('keeps the single outcome of an older case as its list of 四个到位, and back', async () => {
    const deps = petitionDepsOf(ctx);
    const officer = org.users['officer@root']!;
    const input = RegisterPetitionInputSchema.parse({
      channel: 'letter',
      type: 'appeal',
      purpose: 'request',
      title: '反映班中餐补贴',
      body: '班中餐补贴标准多年未调整，请求研究。',
      petitioners: [{ name: '陈立', identity: 'employee' }],
    });
    const { petition } = await registerPetition(deps, officer, input);

    // Before 030: the petition held one outcome, chosen at 办结.
    const down = await migrator().migrateTo('2026-12-07-005-login-guard');
    expect(down.error).toBeUndefined();
    await sql`update petition set outcome = 'explained' where id = ${petition.id}`.execute(ctx.deps.db);

    const up = await migrator().migrateToLatest();
    expect(up.error).toBeUndefined();
    expect((await getPetition(deps, officer, petition.id)).outcomes).toEqual(['explained']);

    // Down again keeps the first of a list.
    await sql`update petition set outcomes = 'resolved,assisted' where id = ${petition.id}`.execute(ctx.deps.db);
    await migrator().migrateTo('2026-12-07-005-login-guard');
    const row = await sql<{ outcome: string | null }>`select outcome from petition where id = ${petition.id}`.execute(
      ctx.deps.db,
    );
    expect(row.rows[0]?.outcome).toBe('resolved');
    expect((await migrator().migrateToLatest()).error).toBeUndefined();
    expect((await getPetition(deps, officer, petition.id)).outcomes).toEqual(['resolved']);
  });
});
