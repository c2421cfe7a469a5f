/** 考核 storage: schemes, rounds, results and evidence (the only Kysely queries of the module). */
import type { Kysely } from 'kysely';
import type {
  AppraisalEvidenceTable,
  AppraisalResultTable,
  AppraisalRoundTable,
  AppraisalSchemeTable,
  DB,
} from '../../db/schema.ts';

export async function insertScheme(db: Kysely<DB>, row: AppraisalSchemeTable): Promise<void> {
  await db.insertInto('appraisal_scheme').values(row).execute();
}

export async function updateScheme(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Omit<AppraisalSchemeTable, 'id' | 'enterprise_id'>>,
): Promise<void> {
  await db.updateTable('appraisal_scheme').set(patch).where('id', '=', id).execute();
}

export async function findScheme(db: Kysely<DB>, id: string): Promise<AppraisalSchemeTable | undefined> {
  return db.selectFrom('appraisal_scheme').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSchemes(db: Kysely<DB>, enterpriseId: string): Promise<AppraisalSchemeTable[]> {
  return db
    .selectFrom('appraisal_scheme')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertRound(db: Kysely<DB>, row: AppraisalRoundTable): Promise<void> {
  await db.insertInto('appraisal_round').values(row).execute();
}

export async function updateRound(db: Kysely<DB>, id: string, patch: Partial<AppraisalRoundTable>): Promise<void> {
  await db.updateTable('appraisal_round').set(patch).where('id', '=', id).execute();
}

export async function findRound(db: Kysely<DB>, id: string): Promise<AppraisalRoundTable | undefined> {
  return db.selectFrom('appraisal_round').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRoundFor(db: Kysely<DB>, schemeId: string, periodKey: string) {
  return db
    .selectFrom('appraisal_round')
    .select('id')
    .where('scheme_id', '=', schemeId)
    .where('period_key', '=', periodKey)
    .executeTakeFirst();
}

/** The rounds on the enterprise's schemes, newest period first. */
export async function listRounds(db: Kysely<DB>, enterpriseId: string) {
  return db
    .selectFrom('appraisal_round')
    .innerJoin('appraisal_scheme', 'appraisal_scheme.id', 'appraisal_round.scheme_id')
    .where('appraisal_scheme.enterprise_id', '=', enterpriseId)
    .selectAll('appraisal_round')
    .select(['appraisal_scheme.name as scheme_name', 'appraisal_scheme.subject_kind'])
    .orderBy('appraisal_round.period_to', 'desc')
    .orderBy('appraisal_round.created_at', 'desc')
    .execute();
}

export async function insertResults(db: Kysely<DB>, rows: readonly AppraisalResultTable[]): Promise<void> {
  // In slices: SQLite takes at most 32,766 parameters a statement, and a round may cover thousands of units.
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('appraisal_result')
      .values(rows.slice(i, i + 500))
      .execute();
}

export type ResultRow = AppraisalResultTable & { unit_name: string; unit_path: string; user_name: string | null };

export async function resultsOfRound(db: Kysely<DB>, roundId: string): Promise<ResultRow[]> {
  return db
    .selectFrom('appraisal_result')
    .innerJoin('unit', 'unit.id', 'appraisal_result.unit_id')
    .leftJoin('app_user', 'app_user.id', 'appraisal_result.user_id')
    .where('appraisal_result.round_id', '=', roundId)
    .selectAll('appraisal_result')
    .select(['unit.name as unit_name', 'unit.path as unit_path', 'app_user.display_name as user_name'])
    .orderBy('unit.sort_order')
    .orderBy('unit.name')
    .execute();
}

export async function findResult(db: Kysely<DB>, id: string): Promise<ResultRow | undefined> {
  return db
    .selectFrom('appraisal_result')
    .innerJoin('unit', 'unit.id', 'appraisal_result.unit_id')
    .leftJoin('app_user', 'app_user.id', 'appraisal_result.user_id')
    .where('appraisal_result.id', '=', id)
    .selectAll('appraisal_result')
    .select(['unit.name as unit_name', 'unit.path as unit_path', 'app_user.display_name as user_name'])
    .executeTakeFirst();
}

/** Optimistic: the change applies only to the version read, so two reviewers cannot both win. */
export async function updateResult(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Partial<Omit<AppraisalResultTable, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('appraisal_result')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setRanks(db: Kysely<DB>, ranks: ReadonlyMap<string, number>): Promise<void> {
  for (const [id, rank] of ranks) await db.updateTable('appraisal_result').set({ rank }).where('id', '=', id).execute();
}

export async function insertEvidence(db: Kysely<DB>, row: AppraisalEvidenceTable): Promise<void> {
  await db.insertInto('appraisal_evidence').values(row).execute();
}

export async function evidenceOf(db: Kysely<DB>, resultIds: readonly string[]) {
  if (resultIds.length === 0) return [];
  return db
    .selectFrom('appraisal_evidence')
    .select(['id', 'result_id', 'file_name', 'size'])
    .where('result_id', 'in', resultIds)
    .orderBy('created_at')
    .execute();
}

export async function findEvidence(db: Kysely<DB>, id: string): Promise<AppraisalEvidenceTable | undefined> {
  return db.selectFrom('appraisal_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A unit's results in the published rounds of one scheme, oldest period first (the chart). */
export async function publishedResultsOf(db: Kysely<DB>, unitId: string, schemeId: string, userId: string | null) {
  return db
    .selectFrom('appraisal_result')
    .innerJoin('appraisal_round', 'appraisal_round.id', 'appraisal_result.round_id')
    .where('appraisal_result.unit_id', '=', unitId)
    .where('appraisal_result.user_id', userId === null ? 'is' : '=', userId)
    .where('appraisal_round.status', '=', 'published')
    .where('appraisal_round.scheme_id', '=', schemeId)
    .select([
      'appraisal_round.id as round_id',
      'appraisal_round.period_key',
      'appraisal_round.period_to',
      'appraisal_result.computed_centi',
      'appraisal_result.adjustment_centi',
      'appraisal_result.rank',
    ])
    .orderBy('appraisal_round.period_to')
    .execute();
}

/**
 * The ranks of the latest published round of the scheme before `periodTo` (the rank change shown
 * beside each result): per unit, or per leader in a leader round.
 */
export async function previousRanks(db: Kysely<DB>, schemeId: string, periodTo: string) {
  const previous = await db
    .selectFrom('appraisal_round')
    .select('id')
    .where('scheme_id', '=', schemeId)
    .where('status', '=', 'published')
    .where('period_to', '<', periodTo)
    .orderBy('period_to', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (previous === undefined) return [];
  return db
    .selectFrom('appraisal_result')
    .select(['unit_id', 'user_id', 'rank'])
    .where('round_id', '=', previous.id)
    .execute();
}

/** A leader's results in published rounds (his record), newest period first. */
export async function publishedResultsOfLeader(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('appraisal_result')
    .innerJoin('appraisal_round', 'appraisal_round.id', 'appraisal_result.round_id')
    .innerJoin('appraisal_scheme', 'appraisal_scheme.id', 'appraisal_round.scheme_id')
    .where('appraisal_result.user_id', '=', userId)
    .where('appraisal_round.status', '=', 'published')
    .select([
      'appraisal_round.id as round_id',
      'appraisal_round.period_key',
      'appraisal_scheme.name as scheme_name',
      'appraisal_result.computed_centi',
      'appraisal_result.adjustment_centi',
      'appraisal_result.rank',
    ])
    .orderBy('appraisal_round.period_to', 'desc')
    .execute();
}
