/** 日报告/零报告 endpoints: file a report (idempotent on its key), the unit's day, the morning view, an item → petition or hazard. */
import {
  DailyReportTodayViewSchema,
  DailyReportViewSchema,
  ItemToHazardViewSchema,
  ItemToPetitionViewSchema,
  MorningViewSchema,
  type DailyReportInput,
  type DailyReportTodayView,
  type DailyReportView,
  type ItemToHazardInput,
  type ItemToHazardView,
  type ItemToPetitionInput,
  type ItemToPetitionView,
  type MorningView,
} from '../../../common/schemas/daily-report.ts';
import { api } from './client.ts';

export function submitDailyReport(input: DailyReportInput): Promise<DailyReportView> {
  return api.post('/api/daily-reports', DailyReportViewSchema, input);
}

export function fetchReportDay(): Promise<DailyReportTodayView> {
  return api.get('/api/daily-reports/today', DailyReportTodayViewSchema);
}

export function fetchMorningView(query: {
  date?: string | undefined;
  unitId?: string | undefined;
}): Promise<MorningView> {
  return api.get('/api/daily-reports/morning', MorningViewSchema, query);
}

export function itemToPetition(itemId: string, input: ItemToPetitionInput): Promise<ItemToPetitionView> {
  return api.post(`/api/daily-report-items/${encodeURIComponent(itemId)}/petition`, ItemToPetitionViewSchema, input);
}

export function itemToHazard(itemId: string, input: ItemToHazardInput): Promise<ItemToHazardView> {
  return api.post(`/api/daily-report-items/${encodeURIComponent(itemId)}/hazard`, ItemToHazardViewSchema, input);
}
