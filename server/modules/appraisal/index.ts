/** The appraisal module's surface (考核, issue #18): its routes; the service for the demo and the tests. */
export { appraisalRoutes } from './appraisal.routes.ts';
export {
  createScheme,
  getRound,
  openRound,
  publishRound,
  recomputeRound,
  reviewResult,
  selfAssess,
  addEvidence,
  roundAsBasis,
  leaderScoresOf,
  exportRound,
} from './appraisal.service.ts';
export type { AppraisalDeps } from './appraisal.service.ts';
