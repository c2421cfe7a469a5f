/** 值班带班, 值班日志, 领导接待日 endpoints. */
import {
  CaseReceptionViewSchema,
  DutyLogViewSchema,
  EntryToPetitionViewSchema,
  OnDutyViewSchema,
  ReceptionDayListViewSchema,
  RosterWeekViewSchema,
  SwapViewSchema,
  type DutyEntryInput,
  type DutyLogView,
  type EntryToPetitionInput,
  type OnDutyView,
  type ReceptionDayInput,
  type ReceptionDayListView,
  type RosterWeekInput,
  type RosterWeekView,
  type SwapRequestInput,
  type SwapView,
} from '../../../common/schemas/duty.ts';
import { api } from './client.ts';

const id = encodeURIComponent;

export function getRoster(query: { unitId?: string; weekStart?: string }): Promise<RosterWeekView> {
  return api.get('/api/duty/roster', RosterWeekViewSchema, query);
}

export function saveRoster(input: RosterWeekInput): Promise<RosterWeekView> {
  return api.put('/api/duty/roster', RosterWeekViewSchema, input);
}

export function whoIsOnDuty(): Promise<OnDutyView> {
  return api.get('/api/duty/now', OnDutyViewSchema);
}

export function requestSwap(shiftId: string, input: SwapRequestInput): Promise<SwapView> {
  return api.post(`/api/duty/shifts/${id(shiftId)}/swaps`, SwapViewSchema, input);
}

export function decideSwap(swapId: string, decision: 'approve' | 'refuse'): Promise<SwapView> {
  return api.post(`/api/duty/swaps/${id(swapId)}/${decision}`, SwapViewSchema, {});
}

export function getDutyLog(shiftId?: string): Promise<DutyLogView> {
  return api.get('/api/duty/log', DutyLogViewSchema, shiftId === undefined ? {} : { shiftId });
}

export function addDutyEntry(shiftId: string, input: DutyEntryInput): Promise<DutyLogView> {
  return api.post(`/api/duty/shifts/${id(shiftId)}/entries`, DutyLogViewSchema, input);
}

export function handOver(shiftId: string, note: string): Promise<DutyLogView> {
  return api.post(`/api/duty/shifts/${id(shiftId)}/handover`, DutyLogViewSchema, { note });
}

export function entryToPetition(entryId: string, input: EntryToPetitionInput) {
  return api.post(`/api/duty/entries/${id(entryId)}/petition`, EntryToPetitionViewSchema, input);
}

export function listReceptionDays(query: Record<string, string | undefined> = {}): Promise<ReceptionDayListView> {
  return api.get('/api/duty/reception-days', ReceptionDayListViewSchema, query);
}

export function publishReceptionDay(input: ReceptionDayInput): Promise<ReceptionDayListView> {
  return api.post('/api/duty/reception-days', ReceptionDayListViewSchema, input);
}

export function cancelReceptionDay(receptionId: string): Promise<ReceptionDayListView> {
  return api.post(`/api/duty/reception-days/${id(receptionId)}/cancel`, ReceptionDayListViewSchema, {});
}

export async function receptionOfPetition(petitionId: string) {
  return (await api.get(`/api/petitions/${id(petitionId)}/reception`, CaseReceptionViewSchema)).reception;
}
