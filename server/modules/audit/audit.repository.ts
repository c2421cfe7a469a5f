/** Read queries over the audit trail (writes go through platform/audit.ts only). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type AuditFilter = {
  actorId?: string | undefined;
  action?: string | undefined;
  /** Entries about the petition with this case number (and the reveals of its petitioners' identity). */
  caseNumber?: string | undefined;
  /** UTC instants: `fromAt` inclusive, `toAtExclusive` exclusive. */
  fromAt?: string | undefined;
  toAtExclusive?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  limit: number;
  offset: number;
};

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (f.actorId !== undefined) query = query.where('audit_log.actor_id', '=', f.actorId);
  if (f.action !== undefined) query = query.where('audit_log.action', '=', f.action);
  if (f.fromAt !== undefined) query = query.where('audit_log.at', '>=', f.fromAt);
  if (f.toAtExclusive !== undefined) query = query.where('audit_log.at', '<', f.toAtExclusive);
  if (f.entityType !== undefined) query = query.where('audit_log.entity_type', '=', f.entityType);
  if (f.entityId !== undefined) query = query.where('audit_log.entity_id', '=', f.entityId);
  if (f.caseNumber !== undefined) {
    const caseNumber = f.caseNumber;
    const petitionIds = db.selectFrom('petition').select('petition.id').where('petition.case_number', '=', caseNumber);
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('audit_log.entity_type', '=', 'petition'), eb('audit_log.entity_id', 'in', petitionIds)]),
        // A reveal of a petitioner's identity records the petition in its after-state ({"petitionId":"…"}).
        eb.and([
          eb('audit_log.entity_type', '=', 'petitioner'),
          eb.exists(
            db
              .selectFrom('petition')
              .select('petition.id')
              .where('petition.case_number', '=', caseNumber)
              .where(sql<boolean>`audit_log.after_json like ${sql`'%"petitionId":"' || petition.id || '"%'`}`),
          ),
        ]),
      ]),
    );
  }
  return query;
}

/** One page of audit entries, newest first, and how many match. */
export async function listAuditEntries(db: Kysely<DB>, f: AuditFilter) {
  const base = filtered(db, f);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    base
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
      ])
      .orderBy('audit_log.seq', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Case numbers of the given petitions (those that exist). */
export async function caseNumbersOf(db: Kysely<DB>, petitionIds: readonly string[]) {
  if (petitionIds.length === 0) return [];
  return db
    .selectFrom('petition')
    .select(['petition.id', 'petition.case_number'])
    .where('petition.id', 'in', [...petitionIds])
    .execute();
}
