/**
 * The petition figures per unit path (common/schemas/figure.ts), for every viewer alike: an
 * appraisal is the same whoever reads it, so no scope or recusal applies here — the reader's reach is
 * checked by the figure's caller, and only counts leave this file. A case counts for the unit it is
 * attributed to (handling, else registering), as on the dashboard and in the list's `unitId` filter,
 * so each figure's drill-down (ledger-figures.ts) lists exactly the rows counted here.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isOpen, PETITION_STATES } from '../../../common/domain/petition-state.ts';
import {
  deadlineStatusSql,
  EVALUABLE_STATES,
  reviewOpinionSql,
  SATISFIED_FROM,
  type KeptDeadline,
} from './ledger-list.repository.ts';

/** The unit a case counts for: handling, else registering (the list's `unitId` filter reads the same). */
const attributedUnit = sql<string>`coalesce(petition.handling_unit_id, petition.registered_unit_id)`;

/**
 * A grouped count per attributed unit, then each unit's path: the grouped pass reads only petition
 * columns — from a covering index where one exists (migration 265), no look-up per row — and the
 * join touches one row per unit, not one per case. The caller rolls the units up their tree
 * (foldBySubtree).
 */
function perUnitPath<T extends { unit_id: string }>(db: Kysely<DB>, grouped: SelectQueryBuilder<DB, 'petition', T>) {
  return db
    .selectFrom(grouped.as('t'))
    .innerJoin('unit', 'unit.id', 't.unit_id')
    .selectAll('t')
    .select('unit.path')
    .execute();
}

function petitions(db: Kysely<DB>) {
  return db.selectFrom('petition');
}

type Count = number | string;

/** Petitions received from `fromInstant` (inclusive) to `toInstant` (exclusive), by unit path. */
export async function receivedByPath(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  return perUnitPath(
    db,
    petitions(db)
      .where('petition.received_at', '>=', fromInstant)
      .where('petition.received_at', '<', toInstant)
      .select([attributedUnit.as('unit_id'), sql<Count>`count(*)`.as('n')])
      .groupBy(attributedUnit),
  );
}

/**
 * The petitions received in the instants, by unit path, with the flags and the 满意度评价 the
 * appraisal rates: repeat, skip-level (越级), group (集体访), a reply issued (may be evaluated),
 * evaluated, evaluated satisfied (基本满意 and better). One grouped pass.
 */
export async function receivedFactsByPath(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  return perUnitPath(
    db,
    petitions(db)
      .where('petition.received_at', '>=', fromInstant)
      .where('petition.received_at', '<', toInstant)
      .select([
        attributedUnit.as('unit_id'),
        sql<Count>`count(*)`.as('n'),
        sql<Count>`sum(petition.is_repeat)`.as('repeat'),
        sql<Count>`sum(petition.is_skip_level)`.as('skip_level'),
        sql<Count>`sum(petition.is_group)`.as('grouped'),
        sql<Count>`sum(case when petition.state in (${sql.join(EVALUABLE_STATES)}) then 1 else 0 end)`.as('evaluable'),
        sql<Count>`sum(case when petition.satisfaction is not null then 1 else 0 end)`.as('rated'),
        sql<Count>`sum(case when petition.satisfaction >= ${SATISFIED_FROM} then 1 else 0 end)`.as('satisfied'),
      ])
      .groupBy(attributedUnit),
  );
}

/**
 * The limits of one kept deadline (受理告知 第23条, 办结 第34条, 包案确认 第18条) falling due from `from` to `to`, by unit
 * path: how many were met on time and how many were decided (met, met late, or overdue as of
 * `today`); those still open and not yet due count in neither.
 */
export async function deadlinesDueByPath(
  db: Kysely<DB>,
  kind: Exclude<KeptDeadline, 'referral'>,
  from: string,
  to: string,
  today: string,
) {
  const status = deadlineStatusSql(kind, today);
  const due = (
    {
      acceptance: 'petition.acceptance_due',
      conclusion: 'petition.conclusion_due',
      ownership: 'petition.ownership_due',
    } as const
  )[kind];
  return perUnitPath(
    db,
    petitions(db)
      .where(due, '>=', from)
      .where(due, '<=', to)
      .select([
        attributedUnit.as('unit_id'),
        sql<Count>`sum(case when ${status} = 'met' then 1 else 0 end)`.as('met'),
        sql<Count>`sum(case when ${status} in ('met', 'met_late', 'overdue') then 1 else 0 end)`.as('decided'),
      ])
      .groupBy(attributedUnit),
  );
}

/** Open petitions past their nearest deadline (`due_date` before `today`), by unit path: the list's `overdue`. */
export async function overdueOpenByPath(db: Kysely<DB>, today: string) {
  return perUnitPath(
    db,
    petitions(db)
      .where('petition.state', 'in', PETITION_STATES.filter(isOpen))
      .where('petition.due_date', '<', today)
      .select([attributedUnit.as('unit_id'), sql<Count>`count(*)`.as('n')])
      .groupBy(attributedUnit),
  );
}

/**
 * The petitions with a 复查意见 or 复核意见 (第35–36条) issued in the instants, by unit path: how many,
 * and how many of them gave another result than the reply (overturned). The list's `review` filter.
 */
export async function reviewedByPath(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  const overturned = reviewOpinionSql({ kind: 'overturned', fromInstant, toInstant });
  // The cases with an opinion in the instants, found from the opinions (the partial index of migration
  // 265, whose predicate this repeats word for word) — the same cases as reviewOpinionSql's `issued`.
  const reviewedCases = db
    .selectFrom('petition_event as e')
    .select('e.petition_id')
    .where(sql<boolean>`e.kind in ('issueReviewOpinion', 'issueReconsiderationOpinion')`)
    .where('e.at', '>=', fromInstant)
    .where('e.at', '<', toInstant);
  return perUnitPath(
    db,
    petitions(db)
      .where('petition.id', 'in', reviewedCases)
      .select([
        attributedUnit.as('unit_id'),
        sql<Count>`count(*)`.as('n'),
        sql<Count>`sum(case when ${overturned} then 1 else 0 end)`.as('overturned'),
      ])
      .groupBy(attributedUnit),
  );
}
