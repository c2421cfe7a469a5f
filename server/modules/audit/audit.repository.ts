/** Read queries over the audit trail (writes go through platform/audit.ts only). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type AuditFilter = {
  entityType?: string | undefined;
  entityId?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
};

export async function listAuditEntries(db: Kysely<DB>, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.actor_id')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.actor_id',
      'app_user.display_name as actor_name',
      'audit_log.action',
      'audit_log.entity_type',
      'audit_log.entity_id',
      'audit_log.before_json',
      'audit_log.after_json',
    ]);
  if (filter.entityType !== undefined) query = query.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) query = query.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.beforeSeq !== undefined) query = query.where('audit_log.seq', '<', filter.beforeSeq);
  return query.orderBy('audit_log.seq', 'desc').limit(filter.limit).execute();
}
