/**
 * The petition figures the appraisal scores and the dashboard shows (common/schemas/figure.ts):
 * petitions received in the period, and the 办结 limits of 第34条 met on time among those due in it
 * (the same definition as the dashboard's 按期办结率, docs/domain.md "Dashboard figures").
 */
import { addCalendarDays, localDateOf, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { foldBySubtree, type FigureSource } from '../../platform/figure-source.ts';
import { conclusionsDueByPath, receivedByPath } from './ledger-figures.repository.ts';

export const figureSources: readonly FigureSource[] = [
  {
    key: 'petition.received',
    kind: 'count',
    better: 'lower',
    async compute(deps, units, period) {
      const rows = await receivedByPath(
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
  {
    key: 'petition.concludedOnTime',
    kind: 'rate',
    better: 'higher',
    async compute(deps, units, period) {
      const today = localDateOf(deps.clock.now().toISOString());
      const rows = await conclusionsDueByPath(deps.db, period.from, period.to, today);
      return foldBySubtree(
        'rate',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.met), of: Number(r.decided) })),
      );
    },
  },
];
