/**
 * The prevention module's surface (源头预防: screening campaigns and the hazard ledger): the chase job
 * for server/main.ts, the figures for the figure module. (The warning scan reads the open 高/重大 hazards itself: the
 * petition engine depends on the warning module, so the warning module cannot depend on this one.)
 */
export { chaseScreeningReturns } from './screening.service.ts';
export { figureSources } from './prevention.figures.ts';
export { checkHazardData, createHazardInTransaction } from './hazard.service.ts';
