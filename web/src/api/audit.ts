/** Audit-trail endpoints: a page of entries (newest first) and the hash-chain check. */
import {
  AuditListViewSchema,
  AuditVerifyViewSchema,
  type AuditEntryView,
  type AuditVerifyView,
} from '../../../common/schemas/audit.ts';
import { api } from './client.ts';

export async function listAuditEntries(limit: number, beforeSeq?: number): Promise<AuditEntryView[]> {
  const view = await api.get('/api/audit', AuditListViewSchema, { limit, beforeSeq });
  return view.entries;
}

export function verifyAuditChain(): Promise<AuditVerifyView> {
  return api.get('/api/audit/verify', AuditVerifyViewSchema);
}
