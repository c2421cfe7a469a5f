/**
 * The duty module's figures (common/schemas/figure.ts), each over the subtree of every unit
 * measured and a period of local dates (UTC+8):
 *  - `duty.shiftsCovered`: hours of sensitive periods covered by someone on duty, out of the
 *    sensitive hours of each unit in the subtree that keeps a roster (has a shift in the period) —
 *    24-hour duty in sensitive periods (第5条);
 *  - `duty.handoversOnTime`: shifts ended in the period (and by now) handed over within the hour,
 *    out of those shifts;
 *  - `duty.receptionDaysHeld`: reception days held (published, not cancelled, dated by today) — 第13条.
 */
import { localDateOf } from '../../../common/domain/calendar.ts';
import {
  clip,
  coverageGaps,
  coveredMs,
  handoverOnTime,
  localDaysWindow,
  type Interval,
} from '../../../common/domain/duty.ts';
import type { FigureValue } from '../../../common/schemas/figure.ts';
import { foldBySubtree, recordsDrill, type FigureSource, type FigureUnit } from '../../platform/figure-source.ts';
import { sensitivePeriodsBetween } from '../warning/index.ts';
import { receptionsHeldUnder, shiftsUnder } from './duty.repository.ts';

const HOUR_MS = 3_600_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

function zeroes(units: readonly FigureUnit[], of: number | null): Map<string, FigureValue> {
  return new Map(units.map((u) => [u.id, { value: 0, of }]));
}

const shiftsCovered: FigureSource = {
  key: 'duty.shiftsCovered',
  version: 1,
  // Hours, not rows: the roster of the unit from the period's first week, the shifts the hours come from.
  drill: (unit, period) => recordsDrill('/duty/roster', unit, period, {}, {}),
  kind: 'rate',
  better: 'higher',
  async compute(deps, units, period) {
    const window = localDaysWindow(period.from, period.to);
    const periods = await sensitivePeriodsBetween(deps.db, period.from, period.to);
    const clipped = periods
      .map((p) => clip(localDaysWindow(p.start_date, p.end_date), window))
      .filter((w): w is Interval => w !== null);
    // Overlapping sensitive periods count once: their union is the complement of the complement.
    const windows = coverageGaps(window, coverageGaps(window, clipped));
    const result = zeroes(units, 0);
    if (windows.length === 0) return result;
    const rows = await shiftsUnder(
      deps.db,
      units.map((u) => u.path),
      window.startAt,
      window.endAt,
    );
    // Per rostering unit: its covered sensitive milliseconds and the sensitive total.
    const byUnit = new Map<string, { path: string; shifts: Interval[] }>();
    for (const row of rows) {
      const entry = byUnit.get(row.unit_id) ?? { path: row.unit_path, shifts: [] };
      entry.shifts.push({ startAt: row.start_at, endAt: row.end_at });
      byUnit.set(row.unit_id, entry);
    }
    const sensitiveMs = coveredMs(window, windows);
    // Each rostering unit's coverage once, then credited to every unit asked whose subtree holds it.
    const folded = foldBySubtree(
      'rate',
      units,
      [...byUnit.values()].map(({ path, shifts }) => ({
        path,
        value: windows.reduce((sum, w) => sum + coveredMs(w, shifts), 0),
        of: sensitiveMs,
      })),
    );
    for (const [id, v] of folded)
      result.set(id, { value: round1(v.value / HOUR_MS), of: round1((v.of ?? 0) / HOUR_MS) });
    return result;
  },
};

const handoversOnTime: FigureSource = {
  key: 'duty.handoversOnTime',
  version: 1,
  // No list of ended shifts yet: the roster of the unit and period, where the shifts stand.
  drill: (unit, period) => recordsDrill('/duty/roster', unit, period, {}, {}),
  kind: 'rate',
  better: 'higher',
  async compute(deps, units, period) {
    const window = localDaysWindow(period.from, period.to);
    const now = deps.clock.now().toISOString();
    const rows = await shiftsUnder(
      deps.db,
      units.map((u) => u.path),
      window.startAt,
      window.endAt,
    );
    const ended = rows.filter((r) => r.end_at >= window.startAt && r.end_at < window.endAt && r.end_at <= now);
    // Each shift once, credited to every unit asked whose subtree holds it (not every unit × every shift).
    return foldBySubtree(
      'rate',
      units,
      ended.map((r) => ({
        path: r.unit_path,
        value: handoverOnTime({ startAt: r.start_at, endAt: r.end_at }, r.handed_over_at) ? 1 : 0,
        of: 1,
      })),
    );
  },
};

const receptionDaysHeld: FigureSource = {
  key: 'duty.receptionDaysHeld',
  version: 1,
  drill: (unit, period) => recordsDrill('/duty/reception-days', unit, period, { held: 'true' }),
  kind: 'count',
  better: 'higher',
  async compute(deps, units, period) {
    const today = localDateOf(deps.clock.now().toISOString());
    const to = period.to < today ? period.to : today;
    const result = zeroes(units, null);
    if (to < period.from) return result;
    const rows = await receptionsHeldUnder(
      deps.db,
      units.map((u) => u.path),
      period.from,
      to,
    );
    return foldBySubtree(
      'count',
      units,
      rows.map((r) => ({ path: r.unit_path, value: r.n })),
    );
  },
};

/** The duty module's figures, wired into the figure module at merge. */
export const figureSources: FigureSource[] = [shiftsCovered, handoversOnTime, receptionDaysHeld];
