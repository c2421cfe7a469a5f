/** The warning module's surface for other modules and the scheduler. */
export { scanWarnings, type WarningDeps } from './warning-scan.service.ts';
export { assessRisk, type RiskSubject } from './risk-facts.ts';
export { sweepDeadlines, type SweepResult } from './deadline-alerts.service.ts';
export { sensitivePeriodsBetween } from './warning.repository.ts';
export { warningToActivate } from './warning.service.ts';
export { figureSources } from './warning-figures.ts';
