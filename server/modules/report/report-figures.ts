/**
 * The daily report's figures for the dashboard and the appraisal (common/schemas/figure.ts):
 * - `report.onTime`: reports that arrived before the cut-off, out of the unit-days due (a reporting
 *   unit × a working day of the period whose cut-off has passed, from the day the unit was created);
 * - `report.missing`: unit-days due without any report (late reports are not missing);
 * - `report.itemsRaised`: items reported in the period.
 * Each unit counts over its subtree. One grouped query over the reports, one read of the units.
 */
import { compareInstants, localDateOf } from '../../../common/domain/calendar.ts';
import { cutoffInstant, lastWorkingDayBefore, workingDaysIn } from '../../../common/domain/daily-report.ts';
import type { FigureValue } from '../../../common/schemas/figure.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import type { FigurePeriod, FigureSource, FigureUnit } from '../../platform/figure-source.ts';
import { activeUnitsUnder } from '../unit/index.ts';
import { countsByUnit } from './report.repository.ts';
import { reportRules } from './report.service.ts';

type Tally = { due: number; onTimeDue: number; reportedDue: number; items: number };

/** The deepest path every one of `paths` lies under. */
function commonPath(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').filter((s) => s.length > 0));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n += 1;
  return `/${first.slice(0, n).join('/')}/`;
}

/** The index of the first of the sorted `days` on or after `day` (`days.length` when none). */
function firstOnOrAfter(days: readonly string[], day: string): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((days[mid] ?? '') < day) low = mid + 1;
    else high = mid;
  }
  return low;
}

async function tally(
  deps: ServiceDeps,
  units: readonly FigureUnit[],
  period: FigurePeriod,
): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>(units.map((u) => [u.id, { due: 0, onTimeDue: 0, reportedDue: 0, items: 0 }]));
  if (units.length === 0) return out;
  const base = commonPath(units.map((u) => u.path));
  const rules = await reportRules(deps.db, base === '//' ? (units[0]?.path ?? '/') : base);
  const now = deps.clock.now().toISOString();
  const today = localDateOf(now);
  // The last day whose cut-off has passed: today after its cut-off, else the working day before.
  const lastDue =
    compareInstants(now, cutoffInstant(today, rules.cutoff)) >= 0 ? today : lastWorkingDayBefore(rules.calendar, now);
  const dueTo = lastDue < period.to ? lastDue : period.to;
  const days = period.from <= dueTo ? workingDaysIn(rules.calendar, period.from, dueTo) : [];
  const reporting = (await activeUnitsUnder(deps.db, base)).filter((u) => rules.unitKinds.includes(u.kind));
  const counts = await countsByUnit(deps.db, base, { from: period.from, dueTo, to: period.to });
  // Each reporting unit once: the days due since it was created (the days are sorted: a binary search),
  // its reports; then added to every unit asked for whose subtree holds it.
  const perUnit = new Map<string, Tally & { path: string }>(
    reporting.map((u) => [
      u.id,
      {
        path: u.path,
        due: days.length - firstOnOrAfter(days, localDateOf(u.created_at)),
        onTimeDue: 0,
        reportedDue: 0,
        items: 0,
      },
    ]),
  );
  for (const row of counts) {
    const unit = perUnit.get(row.unit_id);
    if (unit === undefined) continue;
    unit.onTimeDue = row.on_time;
    unit.reportedDue = row.reports;
    unit.items = row.items;
  }
  for (const figureUnit of units) {
    const t = out.get(figureUnit.id);
    if (t === undefined) continue;
    for (const unit of perUnit.values()) {
      if (!unit.path.startsWith(figureUnit.path)) continue;
      t.due += unit.due;
      t.onTimeDue += unit.onTimeDue;
      t.reportedDue += unit.reportedDue;
      t.items += unit.items;
    }
  }
  return out;
}

function source(
  key: FigureSource['key'],
  shape: Pick<FigureSource, 'kind' | 'better'>,
  value: (t: Tally) => FigureValue,
): FigureSource {
  return {
    key,
    ...shape,
    version: 1,
    // The morning view (晨报) of the unit on the period's last day; earlier days are a date away on it.
    // It shows one day by unit, not the period's unit-days, so it does not add up to the value.
    drill: (unit, period) => ({
      kind: 'records',
      path: '/morning-report',
      query: { date: period.to, unit: unit.id },
      of: shape.kind === 'count' ? null : { date: period.to, unit: unit.id },
    }),
    async compute(deps, units, period) {
      const tallies = await tally(deps, units, period);
      return new Map([...tallies].map(([id, t]) => [id, value(t)]));
    },
  };
}

export const figureSources: FigureSource[] = [
  source('report.onTime', { kind: 'rate', better: 'higher' }, (t) => ({ value: t.onTimeDue, of: t.due })),
  source('report.missing', { kind: 'count', better: 'lower' }, (t) => ({
    value: Math.max(0, t.due - t.reportedDue),
    of: null,
  })),
  source('report.itemsRaised', { kind: 'count', better: 'higher' }, (t) => ({ value: t.items, of: null })),
];
