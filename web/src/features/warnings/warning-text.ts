/** Words for warning and risk reasons, filled from the catalog (codes stay codes on the wire). */
import { format, type Catalog } from '../../../../common/i18n/index.ts';
import type { WarningReason } from '../../../../common/schemas/warning.ts';

export const LEVEL_COLORS = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' } as const;

export function reasonText(t: Catalog, reason: WarningReason): string {
  const template = t.warnings.reasonTexts[reason.code];
  if (template === undefined) return reason.code;
  return format(template, reason.detail);
}
