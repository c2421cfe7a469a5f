import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/test-context.ts';
import { listGaps, listSessions, myRecord } from '../modules/training/training.service.ts';
import { seedDemoEnterprise } from './demo-enterprise.ts';
import { demoActor } from './demo-people.ts';
import { seedDemoTraining } from './demo-training.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoEnterprise(ctx.deps);
});
afterAll(async () => {
  await ctx.close();
});

describe('seedDemoTraining', () => {
  it('leaves courses, held and scheduled sessions, and a gaps list with people lacking and one expiring', async () => {
    expect(await seedDemoTraining(ctx.deps, ctx.clock.now())).toEqual({ courses: 4, sessions: 5, certificates: 11 });
    const officer = await demoActor(ctx.deps.db, 'officer');
    expect((await listSessions(ctx.deps, officer)).items).toHaveLength(5);
    const gaps = (await listGaps(ctx.deps, officer, {})).items;
    const states = new Set(gaps.map((g) => g.state));
    expect(states).toEqual(new Set(['missing', 'expiring']));
    expect(gaps.filter((g) => g.state === 'expiring').map((g) => g.name)).toHaveLength(1);
    // The handler who failed the test lacks the regulation course; the one who passed does not.
    const union = await demoActor(ctx.deps.db, 'union');
    const hr = await demoActor(ctx.deps.db, 'hr');
    expect(gaps.some((g) => g.userId === union.id && g.courseTitle.includes('条例'))).toBe(true);
    expect(gaps.some((g) => g.userId === hr.id && g.courseTitle.includes('条例'))).toBe(false);
    const record = await myRecord(ctx.deps, await demoActor(ctx.deps.db, 'dongshan.t1'));
    expect(record.totalHours).toBe(6);
  });
});
