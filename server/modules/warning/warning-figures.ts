/**
 * 预警研判 in time (issue #18 appraisal indicator): of the warnings raised for a unit's subtree in the
 * period, the share analysed (研判: judgement, measures, who and by when) before the scan escalated them
 * for want of an analysis (the escalation hours, halved in a sensitive period). The warning counts for
 * the unit it was raised for even after escalation moved it up: the late analysis is that unit's.
 * The drill-down is the warning list (it has no unit or period filter: records, not petitions).
 */
import { addCalendarDays, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { foldBySubtree, recordsDrill, type FigureSource } from '../../platform/figure-source.ts';
import { analysedByPath } from './warning.repository.ts';

export const figureSources: readonly FigureSource[] = [
  {
    key: 'warning.analysedOnTime',
    kind: 'rate',
    better: 'higher',
    version: 1,
    drill: (unit, period) => recordsDrill('/warnings', unit, period, {}, {}),
    async compute(deps, units, period) {
      const rows = await analysedByPath(
        deps.db,
        localDayStartUtc(period.from),
        localDayStartUtc(addCalendarDays(period.to, 1)),
      );
      return foldBySubtree(
        'rate',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.analysed), of: Number(r.n) })),
      );
    },
  },
];
