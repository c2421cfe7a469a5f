/**
 * The consultation figures (common/schemas/figure.ts), counted for the unit that published the draft:
 * consultations held — decided, with the adoption summary published, in the period — and the adoption
 * rate: of the suggestions answered in the period, those adopted or partly adopted (第29条).
 */
import { addCalendarDays, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { foldBySubtree, recordsDrill, type FigurePeriod, type FigureSource } from '../../platform/figure-source.ts';
import { answeredByPath, decidedByPath } from './consultation.repository.ts';

/** The period's local dates (UTC+8, inclusive) as a half-open range of instants. */
function instantsOf(period: FigurePeriod): [string, string] {
  return [localDayStartUtc(period.from), localDayStartUtc(addCalendarDays(period.to, 1))];
}

export const figureSources: readonly FigureSource[] = [
  {
    key: 'consultation.held',
    version: 1,
    drill: (unit, period) => recordsDrill('/consultations', unit, period, {}),
    kind: 'count',
    better: 'higher',
    async compute(deps, units, period) {
      const rows = await decidedByPath(deps.db, ...instantsOf(period));
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.n) })),
      );
    },
  },
  {
    key: 'consultation.adoptionRate',
    version: 1,
    drill: (unit, period) => recordsDrill('/consultations', unit, period, {}, {}),
    kind: 'rate',
    better: 'higher',
    async compute(deps, units, period) {
      const rows = await answeredByPath(deps.db, ...instantsOf(period));
      return foldBySubtree(
        'rate',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.adopted), of: Number(r.answered) })),
      );
    },
  },
];
