/**
 * The registered figures for a set of units over a period: what the dashboard's 考核数据 panel shows and
 * what the appraisal scores. The caller decides who may read which units; this only collects.
 */
import {
  FIGURE_KEYS,
  type FigureDrill,
  type FigureKey,
  type FigureShape,
  type FigureValue,
} from '../../../common/schemas/figure.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import type { FigurePeriod, FigureUnit } from '../../platform/figure-source.ts';
import { figureSourceOf, ownerFigureSourceOf } from './figure.registry.ts';

export type FigureValues = FigureShape & {
  key: FigureKey;
  values: Map<string, FigureValue>;
  /** The rows behind a unit's value over the same period (FigureSource.drill). */
  drill: (unit: FigureUnit) => FigureDrill;
};

/** Each figure of `keys` (default: all, in FIGURE_KEYS order) for each unit's subtree over `period`. */
export async function figureValues(
  deps: ServiceDeps,
  units: readonly FigureUnit[],
  period: FigurePeriod,
  keys: readonly FigureKey[] = FIGURE_KEYS,
): Promise<FigureValues[]> {
  return Promise.all(
    keys.map(async (key) => {
      const source = figureSourceOf(key);
      if (source === undefined) throw new Error(`figure ${key} has no source`);
      return {
        key,
        kind: source.kind,
        better: source.better,
        values: await source.compute(deps, units, period),
        drill: (unit: FigureUnit) => source.drill(unit, period),
      };
    }),
  );
}

export type OwnerFigureValues = FigureShape & {
  key: FigureKey;
  version: number;
  /** Owner id → value. */
  values: Map<string, FigureValue>;
};

/** Each figure of `keys` (each one of LEADER_FIGURE_KEYS) for each owner leader over `period`. */
export async function ownerFigureValues(
  deps: ServiceDeps,
  ownerIds: readonly string[],
  period: FigurePeriod,
  keys: readonly FigureKey[],
): Promise<OwnerFigureValues[]> {
  return Promise.all(
    keys.map(async (key) => {
      const source = ownerFigureSourceOf(key);
      if (source === undefined) throw new Error(`figure ${key} is not computed per owner`);
      return {
        key,
        kind: source.kind,
        better: source.better,
        version: source.version,
        values: await source.compute(deps, ownerIds, period),
      };
    }),
  );
}
