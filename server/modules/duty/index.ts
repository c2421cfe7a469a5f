/** The duty module's surface (值班带班, 值班日志, 领导接待日): the portal's duty phone and reception days, the figures. */
export { portalDuty } from './reception.service.ts';
export { figureSources } from './duty-figures.ts';
export { dutyEntryToActivate } from './duty-log.service.ts';
