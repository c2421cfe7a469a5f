/**
 * The figures prevention produces for the dashboard and the appraisal (第39条: units are appraised on
 * the work of 源头预防): returns answered by their cut-off, hazards found, hazards cleared by their
 * latest measure deadline. Each is one grouped query over the units asked, each unit over its subtree.
 */
import type { FigureValue } from '../../../common/schemas/figure.ts';
import { recordsDrill, type FigureSource } from '../../platform/figure-source.ts';
import { hazardsDueByUnit, hazardsFoundByUnit, returnsDueByUnit } from './prevention.repository.ts';

/** A COUNT or SUM as the dialect returns it (a string on PostgreSQL). */
type Aggregate = number | string | null;

function valuesOf(
  units: readonly { id: string }[],
  rows: readonly { key: string }[],
  value: (row: never) => FigureValue,
  empty: FigureValue,
): Map<string, FigureValue> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return new Map(
    units.map((u) => {
      const row = byKey.get(u.id);
      return [u.id, row === undefined ? empty : value(row as never)];
    }),
  );
}

export const figureSources: FigureSource[] = [
  {
    key: 'screening.answeredOnTime',
    version: 1,
    drill: (unit, period) => recordsDrill('/screening/returns', unit, period, { onTime: 'true' }, {}),
    kind: 'rate',
    better: 'higher',
    // Returns due in the period; answered before 24:00 (China) of their due date.
    async compute(deps, units, period) {
      const rows = await returnsDueByUnit(deps.db, units, period.from, period.to);
      return valuesOf(
        units,
        rows,
        (row: { due: Aggregate; on_time: Aggregate }) => ({ value: Number(row.on_time ?? 0), of: Number(row.due) }),
        { value: 0, of: 0 },
      );
    },
  },
  {
    key: 'hazard.found',
    version: 1,
    drill: (unit, period) => recordsDrill('/hazards', unit, period, { dateOf: 'found' }),
    kind: 'count',
    better: 'higher',
    // Found (entered in the ledger) on a local date in the period.
    async compute(deps, units, period) {
      const rows = await hazardsFoundByUnit(deps.db, units, period.from, period.to);
      return valuesOf(units, rows, (row: { found: Aggregate }) => ({ value: Number(row.found), of: null }), {
        value: 0,
        of: null,
      });
    },
  },
  {
    key: 'hazard.clearedOnTime',
    version: 1,
    drill: (unit, period) =>
      recordsDrill('/hazards', unit, period, { dateOf: 'due', clearedOnTime: 'true' }, { dateOf: 'due' }),
    kind: 'rate',
    better: 'higher',
    // Hazards whose latest measure deadline falls in the period; cleared (销号 approved) by that date.
    async compute(deps, units, period) {
      const rows = await hazardsDueByUnit(deps.db, units, period.from, period.to);
      return valuesOf(
        units,
        rows,
        (row: { due: Aggregate; cleared_on_time: Aggregate }) => ({
          value: Number(row.cleared_on_time ?? 0),
          of: Number(row.due),
        }),
        { value: 0, of: 0 },
      );
    },
  },
];
