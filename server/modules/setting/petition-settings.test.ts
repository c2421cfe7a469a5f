/**
 * The group threshold and the time limits are settings per enterprise — the group, or a mine or
 * company under it that lies in another province (DOMAIN.md §1.1: provinces differ) — with the
 * 条例's figures by default. A change is audited and applies to new cases only: a case keeps the
 * limits in force when it was registered (`petition.policy_json`) and its group flag.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { DEFAULT_DEADLINE_POLICY } from '../../../common/domain/deadlines.ts';
import { RegisterPetitionInputSchema, type PetitionDetailView } from '../../../common/schemas/petition.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { registerPetition } from '../intake/index.ts';
import * as petitions from '../petition/index.ts';
import { readSettings, updateSetting } from './index.ts';

let ctx: TestContext;
let org: Org;
let deps: petitions.PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const user = (key: string): Actor => org.users[key] as Actor;
const dueOf = (view: PetitionDetailView, kind: string) => view.deadlines.find((d) => d.kind === kind)?.dueDate;

/** A group visit of `headcount` registered by `officer` (at the officer's unit), triaged and accepted. */
async function caseAt(officer: string, headcount: number): Promise<string> {
  const { petition } = await registerPetition(
    deps,
    user(officer),
    RegisterPetitionInputSchema.parse({
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '采煤沉陷房屋裂缝',
      body: '村里多户房屋出现裂缝，请求鉴定并补偿。',
      headcount,
      petitioners: [{ name: '赵大', identity: 'villager', isRepresentative: true }],
    }),
  );
  return petition.id;
}

async function accepted(officer: string, id: string): Promise<PetitionDetailView> {
  await petitions.triagePetition(deps, user(officer), id, {});
  return petitions.acceptPetition(deps, user(officer), id, {});
}

describe('petition.groupThreshold and petition.deadlines per enterprise', () => {
  it('apply a change at one mine to its new cases only: other mines, the group and earlier cases keep theirs', async () => {
    // Before: every unit counts with the 条例 (15 days notice, 60 days 办结, group from 5 people).
    const earlierAtA = await caseAt('officer@mineA', 5);
    const earlierAccepted = await accepted('officer@mineA', earlierAtA);
    expect(earlierAccepted.flags.group).toBe(true);
    expect(dueOf(earlierAccepted, 'conclusion')).toBe('2026-05-01');

    // Mine A lies in a province with 10-day notices, 45 days to conclude, and groups from 6 people;
    // the enterprise sets that for it.
    const groupAdmin = org.admin;
    await updateSetting(ctx.deps, groupAdmin, 'petition.groupThreshold', { unitId: org.units.mineA.id, value: 6 });
    await updateSetting(ctx.deps, groupAdmin, 'petition.deadlines', {
      unitId: org.units.mineA.id,
      value: { ...DEFAULT_DEADLINE_POLICY, acceptanceNoticeDays: 10, conclusionDays: 45 },
    });

    const laterAtA = await caseAt('officer@mineA', 5);
    const laterAccepted = await accepted('officer@mineA', laterAtA);
    expect(laterAccepted.flags.group).toBe(false);
    expect(dueOf(laterAccepted, 'acceptance_notice')).toBe('2026-03-12');
    expect(dueOf(laterAccepted, 'conclusion')).toBe('2026-04-16');

    // The group and mine B still count with the 条例.
    const atGroup = await accepted('officer@root', await caseAt('officer@root', 5));
    expect(atGroup.flags.group).toBe(true);
    expect(dueOf(atGroup, 'acceptance_notice')).toBe('2026-03-17');
    expect(dueOf(atGroup, 'conclusion')).toBe('2026-05-01');
    expect((await readSettings(ctx.deps.db, org.units.mineB.path))['petition.deadlines'].conclusionDays).toBe(60);
    expect((await readSettings(ctx.deps.db, org.units.teamA1.path))['petition.groupThreshold']).toBe(6);

    // The earlier case at mine A keeps its limits and its flag, even after a new event recomputes it.
    const again = await petitions.startInvestigation(deps, user('officer@mineA'), earlierAtA);
    expect(again.flags.group).toBe(true);
    expect(dueOf(again, 'acceptance_notice')).toBe('2026-03-17');
    expect(dueOf(again, 'conclusion')).toBe('2026-05-01');
  });

  it('audits every change with the value before and after', async () => {
    await updateSetting(ctx.deps, org.admin, 'petition.groupThreshold', {
      unitId: org.units.mineA.id,
      value: 6,
    });
    await updateSetting(ctx.deps, org.admin, 'petition.groupThreshold', { unitId: org.units.root.id, value: 7 });
    const rows = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_id', 'before_json', 'after_json'])
      .where('action', '=', 'setting.update')
      .orderBy('seq')
      .execute();
    const changes = rows.map((r) => ({
      actorId: r.actor_id,
      entityId: r.entity_id,
      before: (JSON.parse(r.before_json ?? '{}') as { value?: unknown }).value,
      after: (JSON.parse(r.after_json ?? '{}') as { value?: unknown }).value,
    }));
    expect(changes).toEqual([
      {
        actorId: org.admin.id,
        entityId: expect.stringContaining(org.units.mineA.id) as string,
        before: 5,
        after: 6,
      },
      { actorId: org.admin.id, entityId: expect.stringContaining(org.units.root.id) as string, before: 5, after: 7 },
    ]);
  });

  it('lets no unit set the figures it is appraised on, and refuses a value outside the schema naming the field', async () => {
    const chiefA = user('chief@mineA');
    // Neither the mine's chief nor its administrator sets the mine's own figures (第39条): the enterprise does.
    for (const who of [chiefA, user('admin@mineA')]) {
      for (const key of ['petition.groupThreshold', 'petition.deadlines'] as const) {
        const value = key === 'petition.groupThreshold' ? 6 : { ...DEFAULT_DEADLINE_POLICY, conclusionDays: 90 };
        expect(await codeOf(updateSetting(ctx.deps, who, key, { unitId: org.units.mineA.id, value }))).toBe(
          'FORBIDDEN',
        );
      }
    }
    expect(
      await codeOf(updateSetting(ctx.deps, chiefA, 'petition.groupThreshold', { unitId: org.units.root.id, value: 6 })),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(
        updateSetting(ctx.deps, chiefA, 'petition.groupThreshold', { unitId: org.units.mineB.id, value: 6 }),
      ),
    ).toBe('FORBIDDEN');
    // A district team is no settings level.
    expect(
      await codeOf(
        updateSetting(ctx.deps, org.admin, 'petition.groupThreshold', { unitId: org.units.teamA1.id, value: 6 }),
      ),
    ).toBe('FORBIDDEN');
    const refused = await updateSetting(ctx.deps, org.admin, 'petition.deadlines', {
      unitId: org.units.mineA.id,
      value: { ...DEFAULT_DEADLINE_POLICY, conclusionDays: 0 },
    }).catch((e: unknown) => e as { code: string; details: { issues: { path: unknown[] }[] } });
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((refused as { details: { issues: { path: unknown[] }[] } }).details.issues[0]?.path).toEqual([
      'value',
      'conclusionDays',
    ]);
  });
});
