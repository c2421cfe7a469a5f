/**
 * The prevention module's surface (源头预防: screening campaigns and the hazard ledger): the chase job
 * for server/main.ts, the figures for the figure module, the hazard signal for the warning scan.
 */
export { chaseScreeningReturns } from './screening.service.ts';
export { figureSources } from './prevention.figures.ts';
export { openSevereHazards } from './prevention.repository.ts';
