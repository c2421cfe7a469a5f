/** 来访登记 endpoints: record a visit, read it and the visits of a case, amend and confirm its transcript. */
import {
  RecordedVisitViewSchema,
  VisitRecordListViewSchema,
  VisitRecordViewSchema,
  type ConfirmTranscriptInput,
  type RecordedVisitView,
  type VisitRecordInput,
  type VisitRecordListView,
  type VisitRecordView,
} from '../../../common/schemas/visit-record.ts';
import { api } from './client.ts';

export function recordVisit(input: VisitRecordInput): Promise<RecordedVisitView> {
  return api.post('/api/visit-records', RecordedVisitViewSchema, input);
}

export function getVisit(id: string): Promise<VisitRecordView> {
  return api.get(`/api/visit-records/${encodeURIComponent(id)}`, VisitRecordViewSchema);
}

export function listVisitsOfPetition(petitionId: string): Promise<VisitRecordListView> {
  return api.get(`/api/petitions/${encodeURIComponent(petitionId)}/visit-records`, VisitRecordListViewSchema);
}

export function amendTranscript(id: string, transcript: string): Promise<VisitRecordView> {
  return api.post(`/api/visit-records/${encodeURIComponent(id)}/transcript`, VisitRecordViewSchema, { transcript });
}

export function confirmTranscript(id: string, input: ConfirmTranscriptInput): Promise<VisitRecordView> {
  return api.post(`/api/visit-records/${encodeURIComponent(id)}/confirm`, VisitRecordViewSchema, input);
}
