/**
 * The figures of 应急处置 for the appraisal and the dashboard (common/schemas/figure.ts): incidents
 * (drills excluded), drills held, and the mean minutes from activation to the first arrival on the spot
 * over the incidents that have one. Counted by the incident's unit, in the period it was activated.
 */
import { addCalendarDays, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { foldBySubtree, recordsDrill, type FigurePeriod, type FigureSource } from '../../platform/figure-source.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { incidentFiguresByPath } from './emergency.repository.ts';

function rowsOf(deps: ServiceDeps, period: FigurePeriod) {
  return incidentFiguresByPath(deps.db, localDayStartUtc(period.from), localDayStartUtc(addCalendarDays(period.to, 1)));
}

export const figureSources: readonly FigureSource[] = [
  {
    key: 'emergency.incidents',
    version: 1,
    drill: (unit, period) => recordsDrill('/emergency', unit, period, { drill: 'false' }),
    kind: 'count',
    better: 'lower',
    async compute(deps, units, period) {
      const rows = await rowsOf(deps, period);
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.incidents) })),
      );
    },
  },
  {
    key: 'emergency.drillsHeld',
    version: 1,
    drill: (unit, period) => recordsDrill('/emergency', unit, period, { drill: 'true' }),
    kind: 'count',
    better: 'higher',
    async compute(deps, units, period) {
      const rows = await rowsOf(deps, period);
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.drills) })),
      );
    },
  },
  {
    key: 'emergency.responseMinutes',
    version: 1,
    // The value is minutes, not rows: the drill lists the timed incidents, each with its minutes.
    drill: (unit, period) =>
      recordsDrill('/emergency', unit, period, { drill: 'false', timed: 'true' }, { drill: 'false', timed: 'true' }),
    kind: 'mean',
    better: 'lower',
    async compute(deps, units, period) {
      const rows = await rowsOf(deps, period);
      return foldBySubtree(
        'mean',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.minutes ?? 0), of: Number(r.timed) })),
      );
    },
  },
];
