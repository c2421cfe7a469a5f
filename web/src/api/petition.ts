/** Petition endpoints: the paged list, one case, registration and the verbs of the state machine. */
import {
  AttachmentListViewSchema,
  AttachmentViewSchema,
  PetitionDetailViewSchema,
  PetitionerLookupViewSchema,
  PetitionListViewSchema,
  RegisteredPetitionViewSchema,
  type Channel,
  type AttachmentListView,
  type AttachmentView,
  type PetitionDetailView,
  type PetitionerLookupView,
  type PetitionType,
  type PetitionListQuery,
  type PetitionListView,
  type RegisterPetitionInput,
} from '../../../common/schemas/petition.ts';
import {
  NamedPersonMatchViewSchema,
  type NamedPersonMatchQuery,
  type NamedPersonMatchView,
} from '../../../common/schemas/named-person.ts';
import type { z } from 'zod';
import type { PetitionState } from '../../../common/domain/petition-state.ts';
import { CasePageViewSchema, type CasePageView } from '../../../common/schemas/workbench.ts';
import { api } from './client.ts';
import { casePagePath } from '../app/page-data.ts';

export type RegisteredPetitionView = z.infer<typeof RegisteredPetitionViewSchema>;

/** List filters as the page keeps them (one state at a time); empty values are dropped from the query. */
export type PetitionFilter = {
  state?: PetitionState | undefined;
  open?: 'true' | undefined;
  unitId?: string | undefined;
  /** A category code; a top level covers its children. */
  categoryCode?: string | undefined;
  channel?: Channel | undefined;
  type?: PetitionType | undefined;
  flag?: PetitionFlag | undefined;
  ownerId?: string | undefined;
  overdue?: 'true' | undefined;
  /** 受理告知 / 办结 deadline status (the dashboard's drill-down). */
  acceptance?: DeadlineStatusFilter | undefined;
  conclusion?: DeadlineStatusFilter | undefined;
  /** The report owed to a higher body (上级转送/交办) and the period it falls due in (the drill-down). */
  referral?: DeadlineStatusFilter | undefined;
  referralDueFrom?: string | undefined;
  referralDueTo?: string | undefined;
  /** The period the 受理告知 / 办结 deadline falls due in (the dashboard's and the appraisal's drill-down). */
  acceptanceDueFrom?: string | undefined;
  acceptanceDueTo?: string | undefined;
  conclusionDueFrom?: string | undefined;
  conclusionDueTo?: string | undefined;
  /** 包案确认 status and the period it falls due in (the appraisal's drill-down). */
  ownership?: DeadlineStatusFilter | undefined;
  ownershipDueFrom?: string | undefined;
  ownershipDueTo?: string | undefined;
  /** A 复查/复核意见 issued (or one that overturned the reply) in a period (the appraisal's drill-down). */
  review?: 'issued' | 'overturned' | undefined;
  reviewFrom?: string | undefined;
  reviewTo?: string | undefined;
  /** 满意度评价: reply issued, evaluated, satisfied (the appraisal's drill-down). */
  evaluation?: 'due' | 'rated' | 'satisfied' | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  /** Full-text search terms. */
  q?: string | undefined;
  page: number;
  pageSize: number;
  sort: 'received_desc' | 'due_asc';
};

export type DeadlineStatusFilter = 'open' | 'met' | 'met_late' | 'overdue';

export type PetitionFlag = NonNullable<PetitionListQuery['flag']>;

export function listPetitions(filter: PetitionFilter): Promise<PetitionListView> {
  return api.get('/api/petitions', PetitionListViewSchema, filter);
}

/** The case page in one request: the case, documents, messages, attachments and likely repeats. */
export function getCasePage(id: string): Promise<CasePageView> {
  return api.get(casePagePath(id), CasePageViewSchema);
}

export function registerPetition(input: RegisterPetitionInput): Promise<RegisteredPetitionView> {
  return api.post('/api/petitions', RegisteredPetitionViewSchema, input);
}

/** Run one verb (`verbPath` is its URL segment, e.g. `start-investigation`) on the version the viewer saw. */
export function act(id: string, verbPath: string, body: object, version: number): Promise<PetitionDetailView> {
  return api.post(
    `/api/petitions/${encodeURIComponent(id)}/${verbPath}?version=${version}`,
    PetitionDetailViewSchema,
    body,
  );
}

/** Known petitioner by ID number or phone, with the earlier petitions the viewer may see. */
export function lookupPetitioner(query: { idNumber: string } | { phone: string }): Promise<PetitionerLookupView> {
  return api.get('/api/petitioners/lookup', PetitionerLookupViewSchema, query);
}

export function listAttachments(id: string): Promise<AttachmentListView> {
  return api.get(`/api/petitions/${encodeURIComponent(id)}/attachments`, AttachmentListViewSchema);
}

export function uploadAttachment(id: string, file: Blob, fileName: string): Promise<AttachmentView> {
  return api.upload(`/api/petitions/${encodeURIComponent(id)}/attachments`, AttachmentViewSchema, file, fileName);
}

/** Where the browser downloads one attachment (the server always answers as a download). */
export function attachmentUrl(id: string, attachmentId: string): string {
  return `/api/petitions/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** 被反映人: accounts of the office's own subtree that may be the person named, best first. */
export function matchNamedPersons(query: NamedPersonMatchQuery): Promise<NamedPersonMatchView> {
  return api.get('/api/named-persons/matches', NamedPersonMatchViewSchema, query);
}
