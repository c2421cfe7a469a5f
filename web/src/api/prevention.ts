/** 源头预防 endpoints: screening campaigns and returns, the hazard ledger, hazards of a case. */
import {
  CampaignListViewSchema,
  CampaignRollupViewSchema,
  CampaignViewSchema,
  HazardListViewSchema,
  HazardToPetitionViewSchema,
  HazardViewSchema,
  PetitionHazardsViewSchema,
  ReturnListViewSchema,
  ReturnViewSchema,
  type AnswerReturnInput,
  type CampaignInput,
  type CampaignListView,
  type CampaignRollupView,
  type CampaignView,
  type CreateHazardInput,
  type HazardLeadInput,
  type HazardListQuery,
  type HazardListView,
  type HazardToPetitionInput,
  type HazardToPetitionView,
  type HazardView,
  type MeasureInput,
  type PetitionHazardsView,
  type ReturnListView,
  type ReturnView,
} from '../../../common/schemas/prevention.ts';
import { api } from './client.ts';

export function listCampaigns(): Promise<CampaignListView> {
  return api.get('/api/screening-campaigns', CampaignListViewSchema);
}

export function createCampaign(input: CampaignInput): Promise<CampaignView> {
  return api.post('/api/screening-campaigns', CampaignViewSchema, input);
}

export function campaignRollup(id: string, unitId?: string): Promise<CampaignRollupView> {
  return api.get(
    `/api/screening-campaigns/${encodeURIComponent(id)}/rollup`,
    CampaignRollupViewSchema,
    unitId === undefined ? {} : { unitId },
  );
}

export function answerCampaign(id: string, input: AnswerReturnInput): Promise<ReturnView> {
  return api.post(`/api/screening-campaigns/${encodeURIComponent(id)}/returns`, ReturnViewSchema, input);
}

/** Returns in my scope: a unit's subtree, due in a period, on time (a figure's drill-down). */
export function listReturns(query: Record<string, string | undefined>): Promise<ReturnListView> {
  return api.get('/api/screening-returns', ReturnListViewSchema, query);
}

export function myReturns(): Promise<ReturnListView> {
  return api.get('/api/screening-returns/mine', ReturnListViewSchema);
}

export function listHazards(query: {
  state?: HazardListQuery['state'];
  campaignId?: string;
  page?: number;
  pageSize?: number;
  /** A figure's drill-down: unitId, from, to, dateOf, clearedOnTime. */
  [filter: string]: string | number | undefined;
}): Promise<HazardListView> {
  return api.get('/api/hazards', HazardListViewSchema, query);
}

export function createHazard(input: CreateHazardInput): Promise<HazardView> {
  return api.post('/api/hazards', HazardViewSchema, input);
}

export function getHazard(id: string): Promise<HazardView> {
  return api.get(`/api/hazards/${encodeURIComponent(id)}`, HazardViewSchema);
}

const hazardPath = (id: string, tail: string) => `/api/hazards/${encodeURIComponent(id)}/${tail}`;

export function leadHazard(id: string, input: HazardLeadInput): Promise<HazardView> {
  return api.post(hazardPath(id, 'lead'), HazardViewSchema, input);
}

export function addMeasure(id: string, input: MeasureInput): Promise<HazardView> {
  return api.post(hazardPath(id, 'measures'), HazardViewSchema, input);
}

export function completeMeasure(id: string, measureId: string): Promise<HazardView> {
  return api.post(hazardPath(id, `measures/${encodeURIComponent(measureId)}/done`), HazardViewSchema, {});
}

export function addHazardNote(id: string, text: string): Promise<HazardView> {
  return api.post(hazardPath(id, 'notes'), HazardViewSchema, { text });
}

export function requestClearing(id: string, evidence: string): Promise<HazardView> {
  return api.post(hazardPath(id, 'clear-request'), HazardViewSchema, { evidence });
}

export function approveClearing(id: string, note: string): Promise<HazardView> {
  return api.post(hazardPath(id, 'clear-approve'), HazardViewSchema, { note });
}

export function sendBackClearing(id: string, reason: string): Promise<HazardView> {
  return api.post(hazardPath(id, 'clear-send-back'), HazardViewSchema, { reason });
}

export function hazardToPetition(id: string, input: HazardToPetitionInput): Promise<HazardToPetitionView> {
  return api.post(hazardPath(id, 'petition'), HazardToPetitionViewSchema, input);
}

export function hazardsOfPetition(petitionId: string): Promise<PetitionHazardsView> {
  return api.get(`/api/petitions/${encodeURIComponent(petitionId)}/hazards`, PetitionHazardsViewSchema);
}

export function recordRevealedHazard(petitionId: string, input: CreateHazardInput): Promise<HazardView> {
  return api.post(`/api/petitions/${encodeURIComponent(petitionId)}/hazards`, HazardViewSchema, input);
}
