/**
 * The petition figures per owner leader (包案领导, 《信访工作条例》第18条; 第39条 appraises leaders): the
 * same conditions as the per-unit figures (ledger-figures.repository.ts) and the petition list's
 * filters, grouped by `petition.owner_id` instead of the attributed unit's path, so a leader's value
 * is what the list shows with `ownerId` (his drill-down). Only counts leave this file.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isOpen, PETITION_STATES } from '../../../common/domain/petition-state.ts';
import { deadlineStatusSql, SATISFIED_FROM, type KeptDeadline } from './ledger-list.repository.ts';

type Count = number | string;

function owned(db: Kysely<DB>) {
  return db.selectFrom('petition').where('petition.owner_id', 'is not', null);
}

/** The limits of a kept deadline falling due from `from` to `to`, by owner: met on time, and decided. */
export async function deadlinesDueByOwner(
  db: Kysely<DB>,
  kind: 'conclusion' | 'ownership',
  from: string,
  to: string,
  today: string,
) {
  const status = deadlineStatusSql(kind satisfies KeptDeadline, today);
  const due = kind === 'conclusion' ? 'petition.conclusion_due' : 'petition.ownership_due';
  return owned(db)
    .where(due, '>=', from)
    .where(due, '<=', to)
    .select([
      'petition.owner_id',
      sql<Count>`sum(case when ${status} = 'met' then 1 else 0 end)`.as('met'),
      sql<Count>`sum(case when ${status} in ('met', 'met_late', 'overdue') then 1 else 0 end)`.as('decided'),
    ])
    .groupBy('petition.owner_id')
    .execute();
}

/** The petitions received in the instants, by owner: rated, and rated 基本满意 or better. */
export async function satisfactionByOwner(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  return owned(db)
    .where('petition.received_at', '>=', fromInstant)
    .where('petition.received_at', '<', toInstant)
    .select([
      'petition.owner_id',
      sql<Count>`sum(case when petition.satisfaction is not null then 1 else 0 end)`.as('rated'),
      sql<Count>`sum(case when petition.satisfaction >= ${SATISFIED_FROM} then 1 else 0 end)`.as('satisfied'),
    ])
    .groupBy('petition.owner_id')
    .execute();
}

/** Open petitions past their nearest deadline (`due_date` before `today`), by owner: the list's `overdue`. */
export async function overdueOpenByOwner(db: Kysely<DB>, today: string) {
  return owned(db)
    .where('petition.state', 'in', PETITION_STATES.filter(isOpen))
    .where('petition.due_date', '<', today)
    .select(['petition.owner_id', sql<Count>`count(*)`.as('n')])
    .groupBy('petition.owner_id')
    .execute();
}
