import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, petitionDepsOf, type TestContext } from '../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../modules/category/index.ts';
import {
  getConsultation,
  listConsultations,
  portalConsultation,
} from '../modules/consultation/consultation.service.ts';
import { listActivities, portalPublicity } from '../modules/publicity/publicity.service.ts';
import { seedDemoEnterprise } from './demo-enterprise.ts';
import { demoActor } from './demo-people.ts';
import { seedDemoConsultation } from './demo-consultation.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoEnterprise(ctx.deps);
  await ensureDefaultTaxonomy(ctx.deps.db);
});
afterAll(async () => {
  await ctx.close();
});

describe('seedDemoConsultation', () => {
  it('leaves a decided consultation with its summary, an open one, and publicity of the last weeks', async () => {
    const deps = petitionDepsOf(ctx);
    expect(await seedDemoConsultation(deps, ctx.clock.now())).toEqual({ consultations: 2, comments: 5, activities: 4 });
    const officer = await demoActor(ctx.deps.db, 'dongshan.officer');
    const list = await listConsultations(deps, officer);
    expect(list.items.map((i) => i.stage).sort()).toEqual(['decided', 'open']);
    const decided = list.items.find((i) => i.stage === 'decided');
    const summary = (await portalConsultation(deps, decided?.id ?? '')).summary;
    expect(summary?.counts).toEqual({ total: 4, adopted: 2, partly: 1, notAdopted: 1, unanswered: 0 });
    expect((await getConsultation(deps, officer, decided?.id ?? '')).comments.filter((c) => c.anonymous)).toHaveLength(
      2,
    );
    expect((await listActivities(deps, await demoActor(ctx.deps.db, 'chief'), {})).items).toHaveLength(4);
    expect((await portalPublicity(deps)).items).toHaveLength(3);
  });
});
