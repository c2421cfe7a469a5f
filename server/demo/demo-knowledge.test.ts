import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultTaxonomy } from '../modules/category/index.ts';
import { ensureBuiltInKnowledge, searchArticles } from '../modules/knowledge/index.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { createTestContext, type TestContext } from '../test/test-context.ts';
import { seedDemoEnterprise } from './demo-enterprise.ts';
import { seedDemoKnowledge } from './demo-knowledge.ts';
import { demoActor } from './demo-people.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoEnterprise(ctx.deps);
  await ensureDefaultTaxonomy(ctx.deps.db);
  await ensureBuiltInKnowledge(ctx.deps);
});
afterAll(async () => {
  await ctx.close();
});

describe('seedDemoKnowledge', () => {
  it('files the wage laws, the pay policy with a revised article, a 答复口径 and a 典型案例 through the service', async () => {
    expect(await seedDemoKnowledge(ctx.deps)).toEqual({ documents: 5, articles: 8 });
    const officer = await demoActor(ctx.deps.db, 'officer');
    // On the clock's day (2026-03-02) 第十二条 reads as revised on 2026-01-01; on 2025-12-31 as first issued.
    const now = await searchArticles(ctx.deps, officer, { q: '加班工资 次月15日' });
    expect(now.items.map((h) => h.number)).toEqual(['第十二条']);
    const before = await searchArticles(ctx.deps, officer, { q: '加班工资 当月工资', on: '2025-12-31' });
    expect(before.items.map((h) => [h.documentTitle, h.number])).toEqual([['集团公司职工薪酬管理办法', '第十二条']]);
    const wages = await searchArticles(ctx.deps, officer, { categoryCode: '0103', limit: 50 });
    expect(wages.items.length).toBeGreaterThanOrEqual(5);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });
});
