/** Partner endpoints (issue #16): organisations, a case's partners, joint reception, 我的协作. */
import {
  CasePartnersViewSchema,
  PartnerAccountListViewSchema,
  PartnerOrganisationListViewSchema,
  PartnerOrganisationViewSchema,
  PartnerWorkspaceViewSchema,
  SessionListViewSchema,
  SessionViewSchema,
  SessionVisitViewSchema,
  type CasePartnersView,
  type InvitationInput,
  type OpinionInput,
  type PartnerAccountListView,
  type PartnerOrganisationInput,
  type PartnerOrganisationListView,
  type PartnerOrganisationView,
  type PartnerReferralInput,
  type PartnerWorkspaceView,
  type SessionInput,
  type SessionListView,
  type SessionView,
  type SessionVisitView,
} from '../../../common/schemas/partner.ts';
import type { RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

export function listOrganisations(): Promise<PartnerOrganisationListView> {
  return api.get('/api/partner-organisations', PartnerOrganisationListViewSchema);
}

export function createOrganisation(input: PartnerOrganisationInput): Promise<PartnerOrganisationView> {
  return api.post('/api/partner-organisations', PartnerOrganisationViewSchema, input);
}

export function addMember(organisationId: string, userId: string): Promise<PartnerOrganisationView> {
  return api.post(`/api/partner-organisations/${enc(organisationId)}/members`, PartnerOrganisationViewSchema, {
    userId,
  });
}

export function removeMember(organisationId: string, userId: string): Promise<PartnerOrganisationView> {
  return api.delete(
    `/api/partner-organisations/${enc(organisationId)}/members/${enc(userId)}`,
    PartnerOrganisationViewSchema,
  );
}

export function listPartnerAccounts(): Promise<PartnerAccountListView> {
  return api.get('/api/partner-accounts', PartnerAccountListViewSchema);
}

export function casePartners(petitionId: string): Promise<CasePartnersView> {
  return api.get(`/api/petitions/${enc(petitionId)}/partners`, CasePartnersViewSchema);
}

export function invitePartner(petitionId: string, input: InvitationInput): Promise<CasePartnersView> {
  return api.post(`/api/petitions/${enc(petitionId)}/partners`, CasePartnersViewSchema, input);
}

export function grantIdentity(petitionId: string, userId: string): Promise<CasePartnersView> {
  return api.post(`/api/petitions/${enc(petitionId)}/partners/${enc(userId)}/identity`, CasePartnersViewSchema);
}

export function endInvitation(petitionId: string, userId: string): Promise<CasePartnersView> {
  return api.post(`/api/petitions/${enc(petitionId)}/partners/${enc(userId)}/end`, CasePartnersViewSchema);
}

export function referToPartner(petitionId: string, input: PartnerReferralInput): Promise<CasePartnersView> {
  return api.post(`/api/petitions/${enc(petitionId)}/partner-referral`, CasePartnersViewSchema, input);
}

export function giveOpinion(petitionId: string, input: OpinionInput): Promise<CasePartnersView> {
  return api.post(`/api/petitions/${enc(petitionId)}/opinions`, CasePartnersViewSchema, input);
}

export function listSessions(query: Record<string, string | undefined> = {}): Promise<SessionListView> {
  return api.get('/api/partner-sessions', SessionListViewSchema, query);
}

export function createSession(input: SessionInput): Promise<SessionView> {
  return api.post('/api/partner-sessions', SessionViewSchema, input);
}

export function getSession(id: string): Promise<SessionView> {
  return api.get(`/api/partner-sessions/${enc(id)}`, SessionViewSchema);
}

export function registerVisit(sessionId: string, petition: RegisterPetitionInput): Promise<SessionVisitView> {
  return api.post(`/api/partner-sessions/${enc(sessionId)}/visits`, SessionVisitViewSchema, { petition });
}

export function partnerWorkspace(): Promise<PartnerWorkspaceView> {
  return api.get('/api/partner-workspace', PartnerWorkspaceViewSchema);
}
