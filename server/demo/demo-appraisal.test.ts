import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../common/domain/calendar.ts';
import { createTestContext, petitionDepsOf, type TestContext } from '../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../modules/category/index.ts';
import { recomputeRound } from '../modules/appraisal/index.ts';
import { seedDemoEnterprise } from './demo-enterprise.ts';
import { demoOfficer, seedDemoHistory } from './demo-history.ts';
import { quarterBefore, seedDemoAppraisal } from './demo-appraisal.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ensureDefaultTaxonomy(ctx.deps.db);
  await seedDemoEnterprise(ctx.deps);
  const deps = petitionDepsOf(ctx);
  await seedDemoHistory(deps, await demoOfficer(ctx.deps.db), ctx.clock.now(), 120);
  await seedDemoAppraisal(deps, ctx.clock.now());
});
afterAll(async () => {
  await ctx.close();
});

describe('the demo appraisal', () => {
  it.each([
    [new Date('2026-03-02T01:00:00Z'), 1, '2025-Q4'],
    [new Date('2026-03-02T01:00:00Z'), 2, '2025-Q3'],
    [new Date('2026-12-31T17:00:00Z'), 1, '2026-Q4'], // 2027-01-01 01:00 in China
  ])('%s, %s quarter(s) back: %s', (now, back, key) => expect(quarterBefore(now, back)).toBe(key));

  it('holds a published round ranking the three mines and an open one, both reproducible', async () => {
    const rounds = await ctx.deps.db
      .selectFrom('appraisal_round')
      .innerJoin('appraisal_scheme', 'appraisal_scheme.id', 'appraisal_round.scheme_id')
      .where('appraisal_scheme.subject_kind', '=', 'unit')
      .selectAll('appraisal_round')
      .orderBy('period_to')
      .execute();
    expect(rounds.map((r) => [r.period_key, r.status])).toEqual([
      ['2025-Q3', 'published'],
      ['2025-Q4', 'open'],
    ]);
    const results = await ctx.deps.db
      .selectFrom('appraisal_result')
      .selectAll()
      .where('round_id', '=', rounds[0]!.id)
      .execute();
    expect(results).toHaveLength(3);
    expect(results.map((r) => r.rank).sort()).toEqual([1, 2, 3]);
    expect(results.filter((r) => r.adjust_reason !== null)).toHaveLength(1);
    const recomputed = await recomputeRound(petitionDepsOf(ctx), rounds[0]!.id);
    for (const r of results) expect(recomputed.get(r.unit_id)).toBe(r.computed_centi);
  });

  it('holds two published leader rounds scoring the mines’ chiefs and deputies, reproducible', async () => {
    const rounds = await ctx.deps.db
      .selectFrom('appraisal_round')
      .innerJoin('appraisal_scheme', 'appraisal_scheme.id', 'appraisal_round.scheme_id')
      .where('appraisal_scheme.subject_kind', '=', 'leader')
      .select(['appraisal_round.id', 'appraisal_round.period_key', 'appraisal_round.status'])
      .orderBy('period_to')
      .execute();
    expect(rounds.map((r) => [r.period_key, r.status])).toEqual([
      ['2025-Q3', 'published'],
      ['2025-Q4', 'published'],
    ]);
    const results = await ctx.deps.db
      .selectFrom('appraisal_result')
      .innerJoin('app_user', 'app_user.id', 'appraisal_result.user_id')
      .select(['appraisal_result.user_id', 'appraisal_result.computed_centi', 'app_user.role'])
      .where('round_id', '=', rounds[1]!.id)
      .execute();
    // Three mines, a chief and a deputy each.
    expect(results).toHaveLength(6);
    expect(new Set(results.map((r) => r.role))).toEqual(new Set(['chief', 'deputy']));
    const recomputed = await recomputeRound(petitionDepsOf(ctx), rounds[1]!.id);
    for (const r of results) expect(recomputed.get(r.user_id!)).toBe(r.computed_centi);
  });

  it('holds a 表彰, an overdue 约谈 of the lowest mine and a 约谈 of a mine chief rectified in time', async () => {
    const today = localDateOf(ctx.clock.now().toISOString());
    const rows = await ctx.deps.db
      .selectFrom('accountability_record')
      .select(['kind', 'subject_user_id', 'rectify_due', 'rectified_at'])
      .orderBy('decided_at')
      .execute();
    expect(rows.map((r) => r.kind)).toEqual(['admonition', 'commendation', 'admonition']);
    const [person, commendation, unit] = rows;
    expect(person?.subject_user_id).not.toBeNull();
    expect(person?.rectified_at !== null && person!.rectified_at.slice(0, 10) <= person!.rectify_due!).toBe(true);
    expect(commendation?.rectify_due).toBeNull();
    expect(unit?.rectified_at).toBeNull();
    expect(unit!.rectify_due! < today).toBe(true);
  });
});
