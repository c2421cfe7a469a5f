/** Early-warning endpoints: warnings and their analysis, sensitive periods, the risk policy. */
import { z } from 'zod';
import {
  RiskPolicyViewSchema,
  SensitivePeriodListViewSchema,
  WarningDetailViewSchema,
  WarningListViewSchema,
  type RiskPolicyView,
  type SensitivePeriodInput,
  type WarningAnalysisInput,
  type WarningDetailView,
  type WarningListQuery,
  type WarningListView,
} from '../../../common/schemas/warning.ts';
import { api } from './client.ts';

export type SensitivePeriodListView = z.infer<typeof SensitivePeriodListViewSchema>;

export function listWarnings(query: Omit<WarningListQuery, 'limit'> & { limit?: number }): Promise<WarningListView> {
  return api.get('/api/warnings', WarningListViewSchema, query);
}

export function getWarning(id: string): Promise<WarningDetailView> {
  return api.get(`/api/warnings/${encodeURIComponent(id)}`, WarningDetailViewSchema);
}

export function acknowledgeWarning(id: string): Promise<WarningDetailView> {
  return api.post(`/api/warnings/${encodeURIComponent(id)}/acknowledge`, WarningDetailViewSchema);
}

export function analyseWarning(id: string, input: WarningAnalysisInput): Promise<WarningDetailView> {
  return api.post(`/api/warnings/${encodeURIComponent(id)}/analyses`, WarningDetailViewSchema, input);
}

export function closeWarning(id: string, note?: string): Promise<WarningDetailView> {
  return api.post(
    `/api/warnings/${encodeURIComponent(id)}/close`,
    WarningDetailViewSchema,
    note === undefined || note === '' ? {} : { note },
  );
}

export function listSensitivePeriods(): Promise<SensitivePeriodListView> {
  return api.get('/api/sensitive-periods', SensitivePeriodListViewSchema);
}

export function addSensitivePeriod(input: SensitivePeriodInput): Promise<SensitivePeriodListView> {
  return api.post('/api/sensitive-periods', SensitivePeriodListViewSchema, input);
}

export function removeSensitivePeriod(id: string): Promise<SensitivePeriodListView> {
  return api.delete(`/api/sensitive-periods/${encodeURIComponent(id)}`, SensitivePeriodListViewSchema);
}

export function getRiskPolicy(): Promise<RiskPolicyView> {
  return api.get('/api/warning-policy', RiskPolicyViewSchema);
}

export function saveRiskPolicy(policy: RiskPolicyView): Promise<RiskPolicyView> {
  return api.put('/api/warning-policy', RiskPolicyViewSchema, policy);
}
