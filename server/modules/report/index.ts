/**
 * The report module's surface (日报告/零报告): the chase job for the scheduler, the figures for the
 * figure module, and filing a report (the demo enterprise files its history through it).
 */
export { chaseDailyReports, type ChaseResult } from './report-chase.ts';
export { figureSources } from './report-figures.ts';
export { submitDailyReport, morningView } from './report.service.ts';
