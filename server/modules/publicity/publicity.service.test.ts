/**
 * 宣传教育 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): activities recorded by
 * the office with units, people and topics; refusals naming the field; the portal's published items;
 * the dashboard's hotspot showing whether its topic had publicity; the figures counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../common/errors.ts';
import type { PublicityInput } from '../../../common/schemas/publicity.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { figureSources } from './publicity-figures.ts';
import { listActivities, portalPublicity, recordActivity } from './publicity.service.ts';

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

function fieldOf(error: unknown): unknown {
  return error instanceof DomainError ? (error.details as { issues?: { path: unknown[] }[] }).issues?.[0]?.path : error;
}

describe('recordActivity', () => {
  it('records an activity with its units, people and topics, audited', async () => {
    const view = await recordActivity(
      world.deps,
      world.user('officer@mineA'),
      activity({ categoryCodes: ['01', '0103'] }),
    );
    expect(view).toMatchObject({ unitName: '甲矿', peopleReached: 46, published: true, knowledgeRef: null });
    expect(view.units.map((u) => u.name)).toEqual(['综采一队']);
    expect(view.categories.map((c) => c.code)).toEqual(['01', '0103']);
    const audit = await world.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', view.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['publicity.record']);
  });

  it.each([
    ['a unit of another mine', () => activity({ unitIds: [world.org.units.teamB1.id] }), 'unitIds'],
    ['an unknown category', () => activity({ categoryCodes: ['77'] }), 'categoryCodes'],
    ['a date still to come', () => activity({ heldOn: '2026-03-03' }), 'heldOn'],
  ])('refuses %s naming the field, nothing written', async (_, input, field) => {
    expect(await recordActivity(world.deps, world.user('officer@mineA'), input()).catch(fieldOf)).toEqual([field]);
    expect(await world.deps.db.selectFrom('publicity_activity').select('id').execute()).toEqual([]);
  });

  it('lets a team head record at his own team only; a handler not at all', async () => {
    const head = world.user('unit_head@teamA1');
    await recordActivity(world.deps, head, activity());
    expect(
      await recordActivity(world.deps, head, activity({ unitIds: [world.org.units.crewA1.id] })).catch(fieldOf),
    ).toEqual(['unitIds']);
    expect(await codeOf(recordActivity(world.deps, world.user('handler@teamA1'), activity()))).toBe('FORBIDDEN');
  });
});

describe('listing, the portal and the figures', () => {
  it('lists by scope and period, publishes only what is published, and counts by hand', async () => {
    const officer = world.user('officer@mineA');
    await recordActivity(world.deps, officer, activity({ heldOn: '2026-02-10', peopleReached: 30 }));
    await recordActivity(
      world.deps,
      officer,
      activity({
        kind: 'typical_case',
        title: '工伤认定典型案例',
        heldOn: '2026-03-02',
        peopleReached: 12,
        published: false,
      }),
    );
    await recordActivity(
      world.deps,
      world.user('officer@root'),
      activity({
        kind: 'policy_explained',
        title: '养老保险补缴政策解读',
        unitIds: [world.org.units.mineB.id],
        peopleReached: 100,
        categoryCodes: ['02'],
      }),
    );

    expect((await listActivities(world.deps, officer, {})).items).toHaveLength(2);
    expect((await listActivities(world.deps, world.user('chief@root'), { from: '2026-03-01' })).items).toHaveLength(2);
    expect((await listActivities(world.deps, world.user('auditor@root'), {})).items).toHaveLength(3);
    expect(await codeOf(listActivities(world.deps, world.user('handler@teamA1'), {}))).toBe('FORBIDDEN');
    expect((await portalPublicity(world.deps)).items.map((i) => i.title).sort()).toEqual(
      ['养老保险补缴政策解读', '《劳动合同法》进综采一队'].sort(),
    );

    const units = [world.org.units.root, world.org.units.mineA, world.org.units.mineB];
    const [activities, people] = await Promise.all(
      figureSources.map((s) => s.compute(world.deps, units, { from: '2026-03-01', to: '2026-03-31' })),
    );
    // March: mine A's typical case (12); the root's policy talk (100) counts for the root only.
    expect(activities?.get(world.org.units.mineA.id)).toEqual({ value: 1, of: null });
    expect(activities?.get(world.org.units.root.id)).toEqual({ value: 2, of: null });
    expect(activities?.get(world.org.units.mineB.id)).toEqual({ value: 0, of: null });
    expect(people?.get(world.org.units.mineA.id)).toEqual({ value: 12, of: null });
    expect(people?.get(world.org.units.root.id)).toEqual({ value: 112, of: null });
  });
});
