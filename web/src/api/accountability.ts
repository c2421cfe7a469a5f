/** 奖惩与问责 endpoints: record a measure, list them (a unit's, a person's, my own), report a 整改 done. */
import {
  AccountabilityListViewSchema,
  AccountabilityViewSchema,
  PersonRecordViewSchema,
  type AccountabilityInput,
  type AccountabilityListQuery,
} from '../../../common/schemas/accountability.ts';
import { api } from './client.ts';

const id = encodeURIComponent;

export const listMeasures = (query: AccountabilityListQuery) =>
  api.get('/api/accountability', AccountabilityListViewSchema, query);
export const recordMeasure = (input: AccountabilityInput) =>
  api.post('/api/accountability', AccountabilityViewSchema, input);
export const reportRectified = (measureId: string, note: string) =>
  api.post(`/api/accountability/${id(measureId)}/rectify`, AccountabilityViewSchema, { note });
/** 个人档案: a person's measures and leader scores (himself, or who reads accountability/appraisal over his unit). */
export const personRecord = (userId: string) => api.get(`/api/people/${id(userId)}/record`, PersonRecordViewSchema);
export const measureDocumentUrl = (measureId: string) => `/api/accountability/${id(measureId)}/print`;
export const measureDocxUrl = (measureId: string) => `/api/accountability/${id(measureId)}/docx`;
export const roundExportUrl = (roundId: string) => `/api/appraisal/rounds/${id(roundId)}/export`;
