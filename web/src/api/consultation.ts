/** 征求意见 endpoints (issue #17): drafts, files, comments searched and clustered, answers, the decision. */
import {
  ConsultationCommentsViewSchema,
  ConsultationListViewSchema,
  ConsultationViewSchema,
  type ConsultationAnswerInput,
  type ConsultationCommentsView,
  type ConsultationDecideInput,
  type ConsultationInput,
  type ConsultationListView,
  type ConsultationView,
} from '../../../common/schemas/consultation.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

export function listConsultations(): Promise<ConsultationListView> {
  return api.get('/api/consultations', ConsultationListViewSchema);
}

export function publishConsultation(input: ConsultationInput): Promise<ConsultationView> {
  return api.post('/api/consultations', ConsultationViewSchema, input);
}

export function getConsultation(id: string): Promise<ConsultationView> {
  return api.get(`/api/consultations/${enc(id)}`, ConsultationViewSchema);
}

export function searchComments(id: string, q: string): Promise<ConsultationCommentsView> {
  return api.get(`/api/consultations/${enc(id)}/comments`, ConsultationCommentsViewSchema, q === '' ? {} : { q });
}

export function answerComment(
  id: string,
  commentId: string,
  input: ConsultationAnswerInput,
): Promise<ConsultationView> {
  return api.post(`/api/consultations/${enc(id)}/comments/${enc(commentId)}/answer`, ConsultationViewSchema, input);
}

export function decideConsultation(id: string, input: ConsultationDecideInput): Promise<ConsultationView> {
  return api.post(`/api/consultations/${enc(id)}/decide`, ConsultationViewSchema, input);
}

export function uploadConsultationFile(id: string, file: Blob, fileName: string): Promise<ConsultationView> {
  return api.upload(`/api/consultations/${enc(id)}/attachments`, ConsultationViewSchema, file, fileName);
}

export const consultationFileUrl = (id: string, fileId: string) =>
  `/api/consultations/${enc(id)}/attachments/${enc(fileId)}`;
