/** The accountability module's surface (奖惩与问责, issue #18): its routes, the chase, the annual report's rows. */
export { accountabilityRoutes } from './accountability.routes.ts';
export {
  chaseRectifications,
  getMeasure,
  listMeasures,
  measuresForReport,
  recordMeasure,
  reportRectified,
  type AccountabilityDeps,
} from './accountability.service.ts';
export { personRecord } from './person-record.service.ts';
