/**
 * The publicity figures (common/schemas/figure.ts), counted for the organising unit: activities held
 * on local dates in the period, and the people they reached.
 */
import { foldBySubtree, recordsDrill, type FigureSource } from '../../platform/figure-source.ts';
import { activitiesByPath } from './publicity.repository.ts';

export const figureSources: readonly FigureSource[] = [
  {
    key: 'publicity.activities',
    version: 1,
    drill: (unit, period) => recordsDrill('/publicity', unit, period, {}),
    kind: 'count',
    better: 'higher',
    async compute(deps, units, period) {
      const rows = await activitiesByPath(deps.db, period.from, period.to);
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.n) })),
      );
    },
  },
  {
    key: 'publicity.peopleReached',
    version: 1,
    drill: (unit, period) => recordsDrill('/publicity', unit, period, {}),
    kind: 'count',
    better: 'higher',
    async compute(deps, units, period) {
      const rows = await activitiesByPath(deps.db, period.from, period.to);
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.people) })),
      );
    },
  },
];
