/**
 * The emergency module's surface for other modules: activation (the duty log's button calls
 * `activatePlan` with source `duty_log`), and the figures the figure registry lists.
 */
export { activatePlan, type ActivationResult, type EmergencyDeps } from './emergency.service.ts';
export { figureSources } from './emergency-figures.ts';
export { findIncident } from './emergency.repository.ts';
