/**
 * The petition figures roll up the unit tree (issue #18): each source counts the period's rows per
 * attributed unit once and folds them up, so a unit's figure is the sum over the units below it —
 * counts added, a rate's numerator and denominator added separately (never rates averaged). On
 * constructed cases attributed to the three leaves of the test organisation, each leaf against a
 * hand-worked figure, every parent against the sum of its children, a unit asked alone against the
 * same unit asked among all, and each drill-down's list totals against the figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import type { FigureKey, FigureValue } from '../../../common/schemas/figure.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import type { PetitionTable } from '../../db/schema.ts';
import type { FigureUnit } from '../../platform/figure-source.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import { registerPetition } from '../intake/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { figureSources } from './ledger-figures.ts';
import { listPetitions } from './ledger-list.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
const period = { from: '2026-03-01', to: '2026-03-31' };

type Facts = Pick<
  PetitionTable,
  | 'state'
  | 'satisfaction'
  | 'is_repeat'
  | 'is_skip_level'
  | 'is_group'
  | 'headcount'
  | 'due_date'
  | 'acceptance_due'
  | 'acceptance_status'
  | 'conclusion_due'
  | 'conclusion_status'
  | 'ownership_due'
  | 'ownership_status'
>;

const plain: Facts = {
  state: 'replied',
  satisfaction: null,
  is_repeat: 0,
  is_skip_level: 0,
  is_group: 0,
  headcount: 1,
  due_date: null,
  acceptance_due: null,
  acceptance_status: null,
  conclusion_due: null,
  conclusion_status: null,
  ownership_due: null,
  ownership_status: null,
};

/** A case received at `at`, then its facts set by hand (what the figures read) and handled at `leaf`. */
async function constructed(leaf: 'deptHr' | 'crewA1' | 'teamB1', at: string, facts: Partial<Facts>) {
  ctx.clock.set(at);
  const { petition } = await registerPetition(
    deps,
    org.users['officer@root'] as Actor,
    RegisterPetitionInputSchema.parse({
      channel: 'letter',
      type: 'appeal',
      purpose: 'request',
      categoryCode: '0103',
      title: `来信 ${leaf} ${at}`,
      body: `班组反映的问题（${leaf}，${at}）`,
      petitioners: [{ name: `信访人${at.slice(5, 10)}`, identity: 'employee' }],
    }),
  );
  await ctx.deps.db
    .updateTable('petition')
    .set({ ...plain, ...facts, handling_unit_id: org.units[leaf].id })
    .where('id', '=', petition.id)
    .execute();
}

/**
 * March 2026, computed on 04-10 (an `open` limit due before then counts as overdue):
 * 人力资源部 (deptHr): D1 repeat, skip-level, replied, rated 4; notice met (03-15), conclusion met
 *   late (03-28), ownership met late (03-15). D2 received in February, replied, not rated; notice
 *   met (due 02-25, outside); conclusion due 03-30, met.
 * 甲班 (crewA1, under team A1 under mine A): C1 repeat, group of 6, replied, rated 5; notice,
 *   conclusion, ownership all met. C2 skip-level, replied, rated 2; notice met late, conclusion
 *   overdue, ownership met. C3 accepted (open), due 04-01: notice and ownership still open → overdue;
 *   conclusion due in May.
 * 掘进一队 (teamB1, under mine B): E1 registered (open), due 03-20: notice and ownership open →
 *   overdue. E2 replied, rated 3; notice met. E3 concluded, not rated.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = petitionDepsOf(ctx);
  await ensureDefaultTaxonomy(ctx.deps.db);
  await constructed('deptHr', '2026-03-05T02:00:00Z', {
    is_repeat: 1,
    is_skip_level: 1,
    satisfaction: 4,
    ...{ acceptance_due: '2026-03-15', acceptance_status: 'met' },
    ...{ conclusion_due: '2026-03-28', conclusion_status: 'met_late' },
    ...{ ownership_due: '2026-03-15', ownership_status: 'met_late' },
  });
  await constructed('deptHr', '2026-02-20T02:00:00Z', {
    ...{ acceptance_due: '2026-02-25', acceptance_status: 'met' },
    ...{ conclusion_due: '2026-03-30', conclusion_status: 'met' },
  });
  await constructed('crewA1', '2026-03-02T02:00:00Z', {
    is_repeat: 1,
    is_group: 1,
    headcount: 6,
    satisfaction: 5,
    ...{ acceptance_due: '2026-03-10', acceptance_status: 'met' },
    ...{ conclusion_due: '2026-03-20', conclusion_status: 'met' },
    ...{ ownership_due: '2026-03-05', ownership_status: 'met' },
  });
  await constructed('crewA1', '2026-03-03T02:00:00Z', {
    is_skip_level: 1,
    satisfaction: 2,
    ...{ acceptance_due: '2026-03-11', acceptance_status: 'met_late' },
    ...{ conclusion_due: '2026-03-25', conclusion_status: 'overdue' },
    ...{ ownership_due: '2026-03-06', ownership_status: 'met' },
  });
  await constructed('crewA1', '2026-03-04T02:00:00Z', {
    state: 'accepted',
    due_date: '2026-04-01',
    ...{ acceptance_due: '2026-03-12', acceptance_status: 'open' },
    ...{ conclusion_due: '2026-05-30', conclusion_status: 'open' },
    ...{ ownership_due: '2026-03-07', ownership_status: 'open' },
  });
  await constructed('teamB1', '2026-03-06T02:00:00Z', {
    state: 'registered',
    due_date: '2026-03-20',
    ...{ acceptance_due: '2026-03-20', acceptance_status: 'open' },
    ...{ ownership_due: '2026-03-20', ownership_status: 'open' },
  });
  await constructed('teamB1', '2026-03-07T02:00:00Z', {
    satisfaction: 3,
    ...{ acceptance_due: '2026-03-21', acceptance_status: 'met' },
  });
  await constructed('teamB1', '2026-03-08T02:00:00Z', { state: 'concluded' });
  ctx.clock.set('2026-04-10T04:00:00Z');
});
afterAll(async () => {
  await ctx.close();
});

const count = (value: number): FigureValue => ({ value, of: null });
const rate = (value: number, of: number): FigureValue => ({ value, of });

/** Hand-worked [deptHr, crewA1, teamB1] per figure (the review figures have their own test). */
const LEAVES: [FigureKey, FigureValue, FigureValue, FigureValue][] = [
  ['petition.received', count(1), count(3), count(3)],
  // Met of met, met late and overdue (an open limit past due counts overdue), due in March.
  ['petition.acceptedOnTime', rate(1, 1), rate(1, 3), rate(1, 2)],
  ['petition.concludedOnTime', rate(1, 2), rate(1, 2), rate(0, 0)],
  ['petition.ownershipConfirmedOnTime', rate(0, 1), rate(2, 3), rate(0, 1)],
  // Rated 3 and above of rated, received in March.
  ['petition.satisfied', rate(1, 1), rate(1, 2), rate(1, 1)],
  // Rated of those replied or later.
  ['petition.evaluated', rate(1, 1), rate(2, 2), rate(1, 2)],
  ['petition.repeatRate', rate(1, 1), rate(1, 3), rate(0, 3)],
  ['petition.skipLevelRate', rate(1, 1), rate(1, 3), rate(0, 3)],
  ['petition.group', count(0), count(1), count(0)],
  // Open and past the nearest deadline on 04-10, whenever received.
  ['petition.overdueOpen', count(0), count(1), count(1)],
];

/** Each unit of the test organisation and its children (createOrg's tree). */
const children = (): [FigureUnit, FigureUnit[]][] => {
  const u = org.units;
  return [
    [u.root, [u.deptHr, u.mineA, u.mineB]],
    [u.mineA, [u.teamA1]],
    [u.teamA1, [u.crewA1]],
    [u.mineB, [u.teamB1]],
  ];
};
const allUnits = (): FigureUnit[] => Object.values(org.units);
const source = (key: FigureKey) => figureSources.find((s) => s.key === key)!;
const sum = (values: (FigureValue | undefined)[]): FigureValue => ({
  value: values.reduce((n, v) => n + (v?.value ?? 0), 0),
  of: values[0]?.of === null ? null : values.reduce((n, v) => n + (v?.of ?? 0), 0),
});

describe('the petition figures over the unit tree', () => {
  it('cover every petition figure but the review ones (their own test)', () => {
    expect(new Set(figureSources.map((s) => s.key))).toEqual(
      new Set([...LEAVES.map(([key]) => key), 'petition.reviewed', 'petition.overturned']),
    );
  });

  it.each(LEAVES)('%s: each leaf as worked by hand, each parent the sum of its children', async (key, ...leaves) => {
    const values = await source(key).compute(deps, allUnits(), period);
    const u = org.units;
    expect([values.get(u.deptHr.id), values.get(u.crewA1.id), values.get(u.teamB1.id)]).toEqual(leaves);
    for (const [parent, below] of children())
      expect(values.get(parent.id), `${key} at ${parent.id}`).toEqual(sum(below.map((c) => values.get(c.id))));
    // The whole group: the leaves pooled, not their rates averaged.
    expect(values.get(u.root.id)).toEqual(sum(leaves));
  });

  it.each(LEAVES.map(([key]) => key))('%s: a unit asked alone counts as asked among all', async (key) => {
    const together = await source(key).compute(deps, allUnits(), period);
    for (const unit of allUnits())
      expect((await source(key).compute(deps, [unit], period)).get(unit.id), unit.id).toEqual(together.get(unit.id));
  });

  it.each(LEAVES.map(([key]) => key))('%s: every unit drills down to as many petitions', async (key) => {
    const chief = org.users['chief@root'] as Actor;
    const total = async (filters: readonly object[]) => {
      let n = 0;
      for (const f of filters) n += (await listPetitions(deps, chief, { ...f, pageSize: 1 })).total;
      return n;
    };
    const values = await source(key).compute(deps, allUnits(), period);
    for (const unit of allUnits()) {
      const drill = source(key).drill(unit, period);
      if (drill.kind !== 'petitions') throw new Error('a petition figure drills to petitions');
      expect(await total(drill.value), `${key} at ${unit.id}`).toBe(values.get(unit.id)!.value);
      expect(drill.of === null ? null : await total(drill.of), `${key} of at ${unit.id}`).toBe(values.get(unit.id)!.of);
    }
  });
});
