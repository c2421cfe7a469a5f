/** 考核 endpoints: schemes, rounds, self-assessment with evidence, review, publication, a unit's history. */
import {
  AppraisalHistoryViewSchema,
  AppraisalRoundListViewSchema,
  AppraisalRoundViewSchema,
  AppraisalSchemeListViewSchema,
  AppraisalSchemeViewSchema,
  type AppraisalReviewInput,
  type AppraisalSchemeInput,
} from '../../../common/schemas/appraisal.ts';
import { api } from './client.ts';

const id = encodeURIComponent;

export const listSchemes = () => api.get('/api/appraisal/schemes', AppraisalSchemeListViewSchema);
export const createScheme = (input: AppraisalSchemeInput) =>
  api.post('/api/appraisal/schemes', AppraisalSchemeViewSchema, input);
export const updateScheme = (schemeId: string, input: AppraisalSchemeInput) =>
  api.put(`/api/appraisal/schemes/${id(schemeId)}`, AppraisalSchemeViewSchema, input);
export const listRounds = () => api.get('/api/appraisal/rounds', AppraisalRoundListViewSchema);
export const openRound = (schemeId: string, period: string) =>
  api.post('/api/appraisal/rounds', AppraisalRoundViewSchema, { schemeId, period });
export const getRound = (roundId: string) => api.get(`/api/appraisal/rounds/${id(roundId)}`, AppraisalRoundViewSchema);
export const publishRound = (roundId: string) =>
  api.post(`/api/appraisal/rounds/${id(roundId)}/publish`, AppraisalRoundViewSchema);
export const selfAssess = (resultId: string, text: string) =>
  api.put(`/api/appraisal/results/${id(resultId)}/self-assessment`, AppraisalRoundViewSchema, { text });
export const uploadEvidence = (resultId: string, file: Blob, fileName: string) =>
  api.upload(`/api/appraisal/results/${id(resultId)}/evidence`, AppraisalRoundViewSchema, file, fileName);
export const reviewResult = (resultId: string, input: AppraisalReviewInput) =>
  api.put(`/api/appraisal/results/${id(resultId)}/review`, AppraisalRoundViewSchema, input);
/** A unit's totals over the scheme's published rounds; with `userId`, a leader's at that unit. */
export const unitHistory = (unitId: string, schemeId: string, userId?: string) =>
  api.get(
    `/api/appraisal/units/${id(unitId)}/history`,
    AppraisalHistoryViewSchema,
    userId === undefined ? { schemeId } : { schemeId, userId },
  );
export const evidenceUrl = (evidenceId: string) => `/api/appraisal/evidence/${id(evidenceId)}`;
