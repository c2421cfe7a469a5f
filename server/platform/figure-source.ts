/**
 * How a module contributes a figure (common/schemas/figure.ts): given the units to measure — each
 * counted over its whole subtree (`path` prefix) — and a period of local dates (UTC+8, inclusive),
 * the value for each unit. The module computes from its own tables in one grouped query; the figure
 * module collects the sources, checks the caller's reach and shapes the view. Declared in the
 * platform so that modules and the figure module both depend on it, never on each other.
 */
import type { FigureDrill, FigureKey, FigureShape, FigureValue, RecordQuery } from '../../common/schemas/figure.ts';
import type { ServiceDeps } from './deps.ts';

export type FigureUnit = { id: string; path: string };
export type FigurePeriod = { from: string; to: string };

/**
 * A figure as an indicator (考核指标, issue #18): the definition in words is the catalog entry
 * `figures.definitions[key]` (both locales, checked by figure.registry.test.ts); `version` is bumped
 * whenever that definition or the computation changes, so a stored appraisal round says which
 * definition its numbers were read under; `drill` names the rows behind a unit's value.
 */
export type FigureSource = FigureShape & {
  key: FigureKey;
  version: number;
  /**
   * The rows behind one unit's value over a period: petition list filters whose list totals add up to
   * the value (and, for a rate, to `of`), or the page listing the records for a non-petition figure.
   */
  drill(unit: FigureUnit, period: FigurePeriod): FigureDrill;
  /** One value per unit id of `units` (a unit with nothing to count gets `{ value: 0, of: 0 | null }`). */
  compute(deps: ServiceDeps, units: readonly FigureUnit[], period: FigurePeriod): Promise<Map<string, FigureValue>>;
};

/**
 * Folds rows counted per unit path (a grouped query's output) into the units asked for: a row counts
 * for every unit whose path is a prefix of its own (its subtree), so nested units may be asked at once.
 * A unit with no rows gets zero (`of` zero for a rate or a mean, null for a count).
 */
export function foldBySubtree(
  kind: FigureShape['kind'],
  units: readonly FigureUnit[],
  rows: readonly { path: string; value: number; of?: number }[],
): Map<string, FigureValue> {
  const byPath = new Map<string, string[]>();
  for (const unit of units) byPath.set(unit.path, [...(byPath.get(unit.path) ?? []), unit.id]);
  const out = new Map<string, FigureValue>(units.map((u) => [u.id, { value: 0, of: kind === 'count' ? null : 0 }]));
  for (const row of rows) {
    // Every ancestor path of the row's unit, `/a/` `/a/b/` …, itself included.
    for (let end = row.path.indexOf('/', 1); end !== -1; end = row.path.indexOf('/', end + 1)) {
      for (const id of byPath.get(row.path.slice(0, end + 1)) ?? []) {
        const v = out.get(id);
        if (v !== undefined)
          out.set(id, { value: v.value + row.value, of: v.of === null ? null : v.of + (row.of ?? 0) });
      }
    }
  }
  return out;
}

/**
 * The deepest path every one of `paths` lies under (`/` when they share none): a figure's query
 * reads the rows under it with one prefix match, instead of one match per unit asked — with 2,000
 * units, 2,000 LIKEs tried on every row — and foldBySubtree credits each row to the units asked.
 */
export function commonAncestorPath(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').filter((s) => s.length > 0));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n += 1;
  return n === 0 ? '/' : `/${first.slice(0, n).join('/')}/`;
}

/**
 * The drill-down of a non-petition figure: its list page filtered to the unit's subtree and the period
 * (`unitId`, `from`, `to`), plus the figure's own filter for the value and, for a rate or a mean, the
 * filter listing its `of` (null for a count). The list APIs read the same keys (RecordDrillQuerySchema).
 */
export function recordsDrill(
  path: string,
  unit: FigureUnit,
  period: FigurePeriod,
  value: RecordQuery,
  of: RecordQuery | null = null,
): FigureDrill {
  const base = { unitId: unit.id, from: period.from, to: period.to };
  return { kind: 'records', path, query: { ...base, ...value }, of: of === null ? null : { ...base, ...of } };
}

/**
 * A figure per owner leader (包案领导, 《信访工作条例》第18条 and 第39条: leaders are appraised too): the
 * same definition as the unit figure of the same key, counted over the cases he owns instead of a
 * unit's subtree; `drill` is the petition list's filters with `ownerId` for `unitId`.
 */
export type OwnerFigureSource = FigureShape & {
  key: FigureKey;
  version: number;
  drill(ownerId: string, period: FigurePeriod): FigureDrill;
  /** One value per owner of `ownerIds` (nothing owned: `{ value: 0, of: 0 | null }`). */
  compute(deps: ServiceDeps, ownerIds: readonly string[], period: FigurePeriod): Promise<Map<string, FigureValue>>;
};

/** Rows counted per owner folded into the owners asked for; an owner with no rows gets zero. */
export function foldByOwner(
  kind: FigureShape['kind'],
  ownerIds: readonly string[],
  rows: readonly { ownerId: string | null; value: number; of?: number }[],
): Map<string, FigureValue> {
  const out = new Map<string, FigureValue>(ownerIds.map((id) => [id, { value: 0, of: kind === 'count' ? null : 0 }]));
  for (const row of rows) {
    const v = row.ownerId === null ? undefined : out.get(row.ownerId);
    if (row.ownerId !== null && v !== undefined)
      out.set(row.ownerId, { value: v.value + row.value, of: v.of === null ? null : v.of + (row.of ?? 0) });
  }
  return out;
}
