/** Tag colours of a hazard's risk level and state (the warnings' blue → red scale). */
import type { HazardRiskLevel } from '../../../../common/domain/screening.ts';
import type { HAZARD_STATES } from '../../../../common/schemas/prevention.ts';

export const RISK_COLORS: Record<HazardRiskLevel, string> = {
  low: 'blue',
  medium: 'gold',
  high: 'orange',
  major: 'red',
};
export const STATE_COLORS: Record<(typeof HAZARD_STATES)[number], string> = {
  open: 'processing',
  clearing: 'warning',
  cleared: 'success',
};
