/** Reading and verifying the audit trail: admins and auditors only. */
import { reachOf, type Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  AuditListQuerySchema,
  type AuditListQuery,
  type AuditListView,
  type AuditVerifyView,
} from '../../../common/schemas/audit.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { caseNumbersOf, listAuditEntries } from './audit.repository.ts';

function assertMayRead(actor: Actor): void {
  if (reachOf(actor.role, 'audit.read') === 'none')
    throw new DomainError('FORBIDDEN', { message: 'Only admins and auditors read the audit log' });
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** The petition an entry is about: its entity, or for a petitioner the petition recorded with it. */
function petitionIdOf(entityType: string, entityId: string, after: unknown): string | null {
  if (entityType === 'petition') return entityId;
  if (entityType === 'petitioner' && typeof after === 'object' && after !== null && 'petitionId' in after) {
    const id: unknown = after.petitionId;
    return typeof id === 'string' ? id : null;
  }
  return null;
}

/**
 * One page of the audit trail under the filters, newest first, with the case number of each
 * entry about a petition (looked up for the page shown only).
 * @throws FORBIDDEN (not an admin or auditor), VALIDATION_FAILED
 */
export async function listAudit(deps: ServiceDeps, actor: Actor, rawQuery: AuditListQuery): Promise<AuditListView> {
  assertMayRead(actor);
  const parsed = AuditListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'Invalid audit filters',
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
    });
  }
  const query = parsed.data;
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'from must not be after to',
      details: { issues: [{ path: ['from'], message: 'from must not be after to' }] },
    });
  }
  const { rows, total } = await listAuditEntries(deps.db, {
    actorId: query.actorId,
    action: query.action,
    caseNumber: query.caseNumber,
    fromAt: query.from === undefined ? undefined : localDayStartUtc(query.from),
    toAtExclusive: query.to === undefined ? undefined : localDayStartUtc(addCalendarDays(query.to, 1)),
    entityType: query.entityType,
    entityId: query.entityId,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const entries = rows.map((row) => {
    const after = parseJson(row.after_json);
    return { row, after, petitionId: petitionIdOf(row.entity_type, row.entity_id, after) };
  });
  const ids = [...new Set(entries.flatMap((e) => (e.petitionId === null ? [] : [e.petitionId])))];
  const caseNumbers = new Map((await caseNumbersOf(deps.db, ids)).map((p) => [p.id, p.case_number]));
  return {
    entries: entries.map(({ row, after, petitionId }) => ({
      seq: row.seq,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      caseNumber: petitionId === null ? null : (caseNumbers.get(petitionId) ?? null),
      petitionId: petitionId !== null && caseNumbers.has(petitionId) ? petitionId : null,
      before: parseJson(row.before_json),
      after,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function verifyAudit(deps: ServiceDeps, actor: Actor): Promise<AuditVerifyView> {
  assertMayRead(actor);
  return verifyAuditChain(deps.db);
}
