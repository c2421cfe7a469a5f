/** Audit-trail endpoints: a filtered page of entries (newest first) and the hash-chain check. */
import {
  AuditListViewSchema,
  AuditVerifyViewSchema,
  type AuditListView,
  type AuditVerifyView,
} from '../../../common/schemas/audit.ts';
import { api } from './client.ts';

/** The audit page's filters, as they stand in its address. */
export type AuditFilter = {
  actorId?: string | undefined;
  action?: string | undefined;
  caseNumber?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
};

export function listAuditEntries(filter: AuditFilter): Promise<AuditListView> {
  return api.get('/api/audit', AuditListViewSchema, filter);
}

export function verifyAuditChain(): Promise<AuditVerifyView> {
  return api.get('/api/audit/verify', AuditVerifyViewSchema);
}
