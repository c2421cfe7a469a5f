/**
 * Every registered figure's source, by key. A module that produces figures exports `figureSources`
 * from its index and is listed here; figure.registry.test.ts checks that every key of FIGURE_KEYS has
 * exactly one source, so a key cannot be declared and forgotten.
 */
import type { FigureKey } from '../../../common/schemas/figure.ts';
import type { FigureSource, OwnerFigureSource } from '../../platform/figure-source.ts';
import { figureSources as consultation } from '../consultation/index.ts';
import { figureSources as duty } from '../duty/index.ts';
import { figureSources as emergency } from '../emergency/index.ts';
import { figureSources as ledger, ownerFigureSources as ledgerByOwner } from '../ledger/index.ts';
import { figureSources as mediation } from '../mediation/index.ts';
import { figureSources as partner } from '../partner/index.ts';
import { figureSources as prevention } from '../prevention/index.ts';
import { figureSources as publicity } from '../publicity/index.ts';
import { figureSources as report } from '../report/index.ts';
import { figureSources as training } from '../training/index.ts';
import { figureSources as warning } from '../warning/index.ts';

export const FIGURE_SOURCES: readonly FigureSource[] = [
  ...ledger,
  ...report,
  ...prevention,
  ...duty,
  ...emergency,
  ...partner,
  ...mediation,
  ...training,
  ...consultation,
  ...publicity,
  ...warning,
];

export function figureSourceOf(key: FigureKey): FigureSource | undefined {
  return FIGURE_SOURCES.find((s) => s.key === key);
}

/**
 * The figures computed per owner leader (leader appraisal, 第39条): exactly LEADER_FIGURE_KEYS
 * (common/schemas/appraisal.ts), checked by figure.registry.test.ts.
 */
export const OWNER_FIGURE_SOURCES: readonly OwnerFigureSource[] = [...ledgerByOwner];

export function ownerFigureSourceOf(key: FigureKey): OwnerFigureSource | undefined {
  return OWNER_FIGURE_SOURCES.find((s) => s.key === key);
}
