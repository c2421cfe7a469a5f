/** Reading and verifying the audit trail: admins and auditors only. */
import { reachOf, type Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { AuditEntryView, AuditListQuery, AuditVerifyView } from '../../../common/schemas/audit.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { listAuditEntries } from './audit.repository.ts';

function assertMayRead(actor: Actor): void {
  if (reachOf(actor.role, 'audit.read') === 'none')
    throw new DomainError('FORBIDDEN', { message: 'Only admins and auditors read the audit log' });
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export async function listAudit(deps: ServiceDeps, actor: Actor, query: AuditListQuery): Promise<AuditEntryView[]> {
  assertMayRead(actor);
  const rows = await listAuditEntries(deps.db, {
    entityType: query.entityType,
    entityId: query.entityId,
    beforeSeq: query.beforeSeq,
    limit: query.limit ?? 100,
  });
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
  }));
}

export async function verifyAudit(deps: ServiceDeps, actor: Actor): Promise<AuditVerifyView> {
  assertMayRead(actor);
  return verifyAuditChain(deps.db);
}
