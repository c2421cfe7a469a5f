import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, petitionDepsOf, type TestContext } from '../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../modules/category/index.ts';
import { listMatters } from '../modules/mediation/mediation.service.ts';
import { listOrganisations, listSessions, partnerWorkspace } from '../modules/partner/partner.service.ts';
import { seedDemoEnterprise } from './demo-enterprise.ts';
import { demoActor } from './demo-people.ts';
import { seedDemoPartners } from './demo-partners.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoEnterprise(ctx.deps);
  await ensureDefaultTaxonomy(ctx.deps.db);
});
afterAll(async () => {
  await ctx.close();
});

describe('seedDemoPartners', () => {
  it('leaves two organisations, a past joint reception and a matter with an agreement half fulfilled', async () => {
    const deps = petitionDepsOf(ctx);
    expect(await seedDemoPartners(deps, ctx.clock.now())).toEqual({ organisations: 2, sessions: 1, matters: 1 });
    const officer = await demoActor(ctx.deps.db, 'officer');
    const orgs = await listOrganisations(deps, officer);
    expect(orgs.items.map((o) => [o.kind, o.members.length])).toEqual(
      expect.arrayContaining([
        ['township', 1],
        ['law_firm', 1],
      ]),
    );
    const sessions = await listSessions(deps, officer);
    expect(sessions.items).toHaveLength(1);
    expect(sessions.items[0]?.caseCount).toBe(1);
    const matters = await listMatters(deps, officer);
    expect(matters.items).toEqual([
      expect.objectContaining({ state: 'open', petitionCount: 1, obligationsOpen: 1, topic: 'subsidence' }),
    ]);
    // The session's access ended a week ago: the lawyer is invited to nothing now.
    const lawyer = await demoActor(ctx.deps.db, 'lawyer');
    expect(await partnerWorkspace(deps, lawyer)).toEqual({ sessions: [], cases: [] });
  });
});
