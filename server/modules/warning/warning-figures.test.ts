/**
 * 预警按时研判率 on constructed warnings against a hand-worked figure per unit: analysed before the
 * escalation counts; escalated first and analysed later counts against the unit it was raised for.
 */
import { describe, expect, it } from 'vitest';
import type { FigureUnit } from '../../platform/figure-source.ts';
import { serviceWorld } from '../../test/factories.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { figureSources } from './warning-figures.ts';
import { insertWarning } from './warning.repository.ts';
import { escalateWarnings, type WarningDeps } from './warning-scan.service.ts';
import { analyseWarning } from './warning.service.ts';

let ctx: TestContext;
let org: Org;
let deps: WarningDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const HOUR = 3_600_000;
const ANALYSIS = {
  judgement: '工资发放延迟引发',
  measures: '财务核对后补发',
  responsible: '甲矿工会',
  dueDate: '2026-04-30',
};

/** A warning raised now for `unitId`, as the scan writes it (the scan's signals are tested apart). */
async function raised(id: string, unitId: string): Promise<string> {
  const at = ctx.clock.now().toISOString();
  await insertWarning(ctx.deps.db, {
    id,
    kind: 'petition_risk',
    level: 'yellow',
    unit_id: unitId,
    raised_unit_id: unitId,
    title: id,
    reasons_json: '[]',
    petition_ids_json: '[]',
    subject_user_ids_json: '[]',
    dedupe_key: id,
    status: 'open',
    escalation_level: 0,
    escalated_at: null,
    acknowledged_by: null,
    acknowledged_at: null,
    created_at: at,
    updated_at: at,
  });
  return id;
}

describe('warning.analysedOnTime', () => {
  it('counts the warnings analysed before escalation among those raised in the period, per unit', async () => {
    const officerA = org.users['officer@mineA']!;
    const chief = org.users['chief@root']!;
    // 03-02: W1 at mine A analysed within the hour; W2 at mine A and W3 at mine B left alone.
    await raised('w1', org.units.mineA.id);
    await raised('w2', org.units.mineA.id);
    await raised('w3', org.units.mineB.id);
    ctx.clock.advance(HOUR);
    await analyseWarning(deps, officerA, 'w1', ANALYSIS);
    // A day later the scan escalates W2 and W3 to the group; the group analyses W2 (late for mine A).
    ctx.clock.advance(25 * HOUR);
    expect(await escalateWarnings(deps, false)).toBe(2);
    await analyseWarning(deps, chief, 'w2', ANALYSIS);
    // W4 in April, outside the period.
    ctx.clock.set('2026-04-02T02:00:00Z');
    await raised('w4', org.units.mineA.id);
    await analyseWarning(deps, officerA, 'w4', ANALYSIS);

    const units: FigureUnit[] = [org.units.mineA, org.units.mineB, org.units.root];
    const values = await figureSources[0]!.compute(deps, units, { from: '2026-03-01', to: '2026-03-31' });
    expect(units.map((u) => values.get(u.id))).toEqual([
      { value: 1, of: 2 },
      { value: 0, of: 1 },
      { value: 1, of: 3 },
    ]);
  });
});
