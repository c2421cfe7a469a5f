/**
 * How a module contributes a figure (common/schemas/figure.ts): given the units to measure — each
 * counted over its whole subtree (`path` prefix) — and a period of local dates (UTC+8, inclusive),
 * the value for each unit. The module computes from its own tables in one grouped query; the figure
 * module collects the sources, checks the caller's reach and shapes the view. Declared in the
 * platform so that modules and the figure module both depend on it, never on each other.
 */
import type { FigureKey, FigureShape, FigureValue } from '../../common/schemas/figure.ts';
import type { ServiceDeps } from './deps.ts';

export type FigureUnit = { id: string; path: string };
export type FigurePeriod = { from: string; to: string };

export type FigureSource = FigureShape & {
  key: FigureKey;
  /** One value per unit id of `units` (a unit with nothing to count gets `{ value: 0, of: 0 | null }`). */
  compute(deps: ServiceDeps, units: readonly FigureUnit[], period: FigurePeriod): Promise<Map<string, FigureValue>>;
};
