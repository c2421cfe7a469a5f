/**
 * 宣传教育 beside the hotspots (issue #17): a hotspot's topic — the first-level category most of its
 * petitions carry — with the publicity held on it in the period for the dashboard's unit, so a hot
 * topic nobody explained to the workers is visible. Both dialects.
 */
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import type { PublicityInput } from '../../../common/schemas/publicity.ts';
import { serviceWorld } from '../../test/factories.ts';
import { registerPetition } from '../intake/index.ts';
import { recordActivity } from '../publicity/index.ts';
import { getDashboardHotspots } from './dashboard.service.ts';

const world = serviceWorld({ taxonomy: true });

function activity(overrides: Partial<PublicityInput> = {}): PublicityInput {
  return {
    kind: 'law_to_teams',
    title: '《劳动合同法》进综采一队',
    summary: '讲解工资支付、加班津贴的法律规定和依法反映诉求的渠道。',
    heldOn: '2026-03-01',
    unitIds: [world.org.units.teamA1.id],
    peopleReached: 46,
    categoryCodes: ['01'],
    published: true,
    ...overrides,
  };
}

describe('publicity beside the dashboard hotspots', () => {
  it('shows a hot wage topic with no publicity, then with the activity held on it', async () => {
    const office = world.user('officer@mineA');
    for (let i = 0; i < 4; i++) {
      await registerPetition(
        world.deps,
        office,
        RegisterPetitionInputSchema.parse({
          channel: 'visit',
          type: 'appeal',
          purpose: 'request',
          categoryCode: '0103',
          title: `综采一队拖欠夜班津贴 第${i + 1}人`,
          body: `综采一队夜班津贴连续三个月拖欠未发放，第${i + 1}位职工请求补发夜班津贴。`,
          petitioners: [{ name: `职工${i + 1}`, identity: 'employee' }],
        }),
      );
    }
    const chief = world.user('chief@mineA');
    const before = await getDashboardHotspots(world.deps, chief, {});
    const hot = before.items[0];
    expect(hot).toMatchObject({ categoryCode: '01', publicity: 0 });
    // Publicity on another topic, or at another mine, does not count for it.
    await recordActivity(world.deps, world.user('officer@root'), activity({ unitIds: [world.org.units.mineB.id] }));
    await recordActivity(world.deps, office, activity({ categoryCodes: ['02'] }));
    expect((await getDashboardHotspots(world.deps, chief, {})).items[0]?.publicity).toBe(0);
    await recordActivity(world.deps, office, activity({ categoryCodes: ['0103'] }));
    expect((await getDashboardHotspots(world.deps, chief, {})).items[0]?.publicity).toBe(1);
  });
});
