/**
 * Migration 260 (leader appraisal): the results table loses its one-result-per-unit constraint (SQLite
 * rebuilds the table) — a unit round's results and their evidence come through unchanged, both ways,
 * on both dialects; two leaders of one unit may then be scored in one round, a unit still only once.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createScheme, openRound, addEvidence } from '../modules/appraisal/index.ts';
import { petitionDepsOf, type Org, type TestContext } from '../test/test-context.ts';
import { serviceWorld } from '../test/factories.ts';
import { migratorOf } from '../test/migrator.ts';

let ctx: TestContext;
let org: Org;
serviceWorld({ once: true }, (world) => ({ ctx, org } = world));

function migrator() {
  return migratorOf(ctx.database);
}

const results = async () =>
  (
    await sql<{ id: string; unit_id: string; computed_centi: number | string }>`
      select id, unit_id, computed_centi from appraisal_result order by id`.execute(ctx.deps.db)
  ).rows.map((r) => ({ ...r, computed_centi: Number(r.computed_centi) }));
const evidence = async () =>
  (await sql<{ result_id: string }>`select result_id from appraisal_evidence`.execute(ctx.deps.db)).rows;

describe('migration 2026-12-07-260-appraisal-leaders', () => {
  it('keeps a unit round’s results and evidence through the rebuild, down and up again', async () => {
    const deps = petitionDepsOf(ctx);
    ctx.clock.set('2026-04-10T02:00:00Z');
    const scheme = await createScheme(deps, org.admin, {
      name: '季度考核',
      periodKind: 'quarter',
      level: 'mine',
      definition: { indicators: [{ key: 'petition.concludedOnTime', weight: 100, target: 100, threshold: 50 }] },
    });
    const round = await openRound(deps, org.admin, { schemeId: scheme.id, period: '2026-Q1' });
    const mineA = round.results.find((r) => r.unit.id === org.units.mineA.id)!;
    await addEvidence(deps, org.users['chief@mineA']!, mineA.id, {
      fileName: '说明.txt',
      contentType: 'text/plain',
      data: Buffer.from('说明', 'utf8'),
    });
    const before = await results();
    expect(before).toHaveLength(2);

    expect((await migrator().migrateTo('2026-12-07-230-cluster')).error).toBeUndefined();
    expect(await results()).toEqual(before);
    expect(await evidence()).toEqual([{ result_id: mineA.id }]);
    // The old shape: one result per unit and round.
    await expect(
      sql`insert into appraisal_result (id, round_id, unit_id, inputs_json, items_json, computed_centi)
          values ('dup', ${round.id}, ${org.units.mineA.id}, '{}', '{}', 0)`.execute(ctx.deps.db),
    ).rejects.toThrow();

    expect((await migrator().migrateToLatest()).error).toBeUndefined();
    expect(await results()).toEqual(before);
    expect(await evidence()).toEqual([{ result_id: mineA.id }]);
    const insert = (id: string, userId: string | null) =>
      sql`insert into appraisal_result (id, round_id, unit_id, user_id, inputs_json, items_json, computed_centi)
          values (${id}, ${round.id}, ${org.units.mineA.id}, ${userId}, '{}', '{}', 0)`.execute(ctx.deps.db);
    // Two leaders of mine A in one round; a unit still once, a leader once.
    await insert('l1', org.users['chief@mineA']!.id);
    await insert('l2', org.users['deputy@mineA']!.id);
    await expect(insert('u2', null)).rejects.toThrow();
    await expect(insert('l3', org.users['chief@mineA']!.id)).rejects.toThrow();
  });
});
