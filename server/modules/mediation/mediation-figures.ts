/**
 * The joint mediation figures (common/schemas/figure.ts): matters mediated — agreements signed in the
 * period (人民调解法第28条: a mediation succeeds when the parties sign) — and the obligations of those
 * agreements met by their deadline, among the obligations due in the period whose deadline has come
 * (or that were met early).
 */
import { localDateOf } from '../../../common/domain/calendar.ts';
import { foldBySubtree, recordsDrill, type FigureSource } from '../../platform/figure-source.ts';
import { agreementsSignedByPath, obligationsDueByPath } from './mediation.repository.ts';

export const figureSources: readonly FigureSource[] = [
  {
    key: 'partner.mattersMediated',
    version: 1,
    drill: (unit, period) => recordsDrill('/mediation', unit, period, { signed: 'true' }),
    kind: 'count',
    better: 'higher',
    async compute(deps, units, period) {
      const rows = await agreementsSignedByPath(deps.db, period.from, period.to);
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.n) })),
      );
    },
  },
  {
    key: 'partner.agreementsOnTime',
    version: 1,
    // Obligations, not matters: the unit's matters, whose obligations the figure counts.
    drill: (unit, period) => recordsDrill('/mediation', unit, period, {}, {}),
    kind: 'rate',
    better: 'higher',
    async compute(deps, units, period) {
      const today = localDateOf(deps.clock.now().toISOString());
      const rows = await obligationsDueByPath(deps.db, period.from, period.to, today);
      return foldBySubtree(
        'rate',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.met), of: Number(r.due) })),
      );
    },
  },
];
