/** 来电登记 endpoints: record a call, the list with its call-backs, the call-back, the reveal, a call to a petition. */
import { z } from 'zod';
import {
  CallRecordListViewSchema,
  CallRecordViewSchema,
  CallToPetitionViewSchema,
  RevealedCallerNumberViewSchema,
  type CallbackInput,
  type CallRecordInput,
  type CallRecordListQuery,
  type CallRecordListView,
  type CallRecordView,
  type CallToPetitionInput,
  type CallToPetitionView,
} from '../../../common/schemas/call-record.ts';
import { api } from './client.ts';

export function recordCall(input: CallRecordInput): Promise<CallRecordView> {
  return api.post('/api/call-records', CallRecordViewSchema, input);
}

export function listCalls(query: {
  callback?: CallRecordListQuery['callback'];
  page?: number;
  pageSize?: number;
}): Promise<CallRecordListView> {
  return api.get('/api/call-records', CallRecordListViewSchema, query);
}

export async function listCallsOfPetition(petitionId: string): Promise<CallRecordView[]> {
  const view = await api.get(
    `/api/petitions/${encodeURIComponent(petitionId)}/call-records`,
    z.object({ items: z.array(CallRecordViewSchema) }),
  );
  return view.items;
}

export function recordCallback(id: string, input: CallbackInput): Promise<CallRecordView> {
  return api.post(`/api/call-records/${encodeURIComponent(id)}/callback`, CallRecordViewSchema, input);
}

export function callToPetition(id: string, input: CallToPetitionInput): Promise<CallToPetitionView> {
  return api.post(`/api/call-records/${encodeURIComponent(id)}/petition`, CallToPetitionViewSchema, input);
}

/** The full number (audited on the server). */
export async function revealCallerNumber(id: string): Promise<string> {
  return (await api.post(`/api/call-records/${encodeURIComponent(id)}/reveal`, RevealedCallerNumberViewSchema))
    .callerNumber;
}
