/**
 * The petition figures per unit path (common/schemas/figure.ts), for every viewer alike: an
 * appraisal is the same whoever reads it, so no scope or recusal applies here — the reader's reach is
 * checked by the figure's caller, and only counts leave this file. A case counts for the unit it is
 * attributed to (handling, else registering), as on the dashboard.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deadlineStatusSql } from './ledger-list.repository.ts';

function attributed(db: Kysely<DB>) {
  return db
    .selectFrom('petition')
    .innerJoin('unit', (join) =>
      join.on(sql<boolean>`unit.id = coalesce(petition.handling_unit_id, petition.registered_unit_id)`),
    );
}

/** Petitions received from `fromInstant` (inclusive) to `toInstant` (exclusive), by unit path. */
export async function receivedByPath(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  return attributed(db)
    .where('petition.received_at', '>=', fromInstant)
    .where('petition.received_at', '<', toInstant)
    .select(['unit.path', sql<number | string>`count(*)`.as('n')])
    .groupBy('unit.path')
    .execute();
}

/**
 * The 办结 limits (第34条) falling due from `from` to `to`, by unit path: how many were met on time
 * and how many were decided (met, met late, or overdue as of `today`); those still open and not yet
 * due count in neither.
 */
export async function conclusionsDueByPath(db: Kysely<DB>, from: string, to: string, today: string) {
  const status = deadlineStatusSql('conclusion', today);
  return attributed(db)
    .where('petition.conclusion_due', '>=', from)
    .where('petition.conclusion_due', '<=', to)
    .select([
      'unit.path',
      sql<number | string>`sum(case when ${status} = 'met' then 1 else 0 end)`.as('met'),
      sql<number | string>`sum(case when ${status} in ('met', 'met_late', 'overdue') then 1 else 0 end)`.as('decided'),
    ])
    .groupBy('unit.path')
    .execute();
}
