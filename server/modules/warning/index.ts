/** The warning module's surface for other modules and the scheduler. */
export { scanWarnings, type WarningDeps } from './warning.service.ts';
