/** 企地联调 endpoints (issue #16): matters, linked petitions, meetings, the agreement, fulfilment, closing. */
import {
  MatterListViewSchema,
  MatterViewSchema,
  type AgreementInput,
  type FulfilInput,
  type MatterInput,
  type MatterListView,
  type MatterPetitionsInput,
  type MatterView,
  type MeetingInput,
} from '../../../common/schemas/mediation.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

export function listMatters(query: Record<string, string | undefined> = {}): Promise<MatterListView> {
  return api.get('/api/mediation-matters', MatterListViewSchema, query);
}

export function createMatter(input: MatterInput): Promise<MatterView> {
  return api.post('/api/mediation-matters', MatterViewSchema, input);
}

export function getMatter(id: string): Promise<MatterView> {
  return api.get(`/api/mediation-matters/${enc(id)}`, MatterViewSchema);
}

export function linkPetitions(id: string, input: MatterPetitionsInput): Promise<MatterView> {
  return api.post(`/api/mediation-matters/${enc(id)}/petitions`, MatterViewSchema, input);
}

export function recordMeeting(id: string, input: MeetingInput): Promise<MatterView> {
  return api.post(`/api/mediation-matters/${enc(id)}/meetings`, MatterViewSchema, input);
}

export function recordAgreement(id: string, input: AgreementInput): Promise<MatterView> {
  return api.post(`/api/mediation-matters/${enc(id)}/agreement`, MatterViewSchema, input);
}

export function fulfilObligation(id: string, obligationId: string, input: FulfilInput): Promise<MatterView> {
  return api.post(`/api/mediation-matters/${enc(id)}/obligations/${enc(obligationId)}/fulfil`, MatterViewSchema, input);
}

export function closeMatter(id: string): Promise<MatterView> {
  return api.post(`/api/mediation-matters/${enc(id)}/close`, MatterViewSchema);
}

/** The printable 调解协议书 and its .docx download (plain links: the browser opens/saves them). */
export function agreementPrintUrl(id: string): string {
  return `/api/mediation-matters/${enc(id)}/agreement/print`;
}

export function agreementDocxUrl(id: string): string {
  return `/api/mediation-matters/${enc(id)}/agreement/docx`;
}
