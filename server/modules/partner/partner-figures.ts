/**
 * The partner figures (common/schemas/figure.ts): joint receptions held (联合接访场次, a session counts
 * in the period its start falls in, local dates UTC+8), for the appraisal of 创新工作方法 (issue #16).
 */
import { addCalendarDays, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { foldBySubtree, recordsDrill, type FigureSource } from '../../platform/figure-source.ts';
import { sessionsHeldByPath } from './partner.repository.ts';

export const figureSources: readonly FigureSource[] = [
  {
    key: 'partner.sessionsHeld',
    version: 1,
    drill: (unit, period) => recordsDrill('/partner-sessions', unit, period, {}),
    kind: 'count',
    better: 'higher',
    async compute(deps, units, period) {
      const rows = await sessionsHeldByPath(
        deps.db,
        localDayStartUtc(period.from),
        localDayStartUtc(addCalendarDays(period.to, 1)),
      );
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.n) })),
      );
    },
  },
];
