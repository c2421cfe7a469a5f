/** Kysely queries of the portal: the messages and evaluations the petitioner writes. */
import type { Kysely } from 'kysely';
import type { DB, PetitionEvaluationTable, PetitionMessageTable } from '../../db/schema.ts';

export async function insertMessage(db: Kysely<DB>, row: PetitionMessageTable): Promise<void> {
  await db.insertInto('petition_message').values(row).execute();
}

export async function listMessageRows(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_message as m')
    .leftJoin('app_user as u', 'u.id', 'm.author_id')
    .select(['m.id', 'm.direction', 'm.body', 'm.created_at', 'u.display_name'])
    .where('m.petition_id', '=', petitionId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

export async function markIncomingRead(db: Kysely<DB>, petitionId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('petition_message')
    .set({ read_at: at })
    .where('petition_id', '=', petitionId)
    .where('direction', '=', 'in')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listEvaluations(db: Kysely<DB>, petitionId: string): Promise<PetitionEvaluationTable[]> {
  return db.selectFrom('petition_evaluation').selectAll().where('petition_id', '=', petitionId).execute();
}

export async function insertEvaluation(db: Kysely<DB>, row: PetitionEvaluationTable): Promise<void> {
  await db.insertInto('petition_evaluation').values(row).execute();
}

/**
 * Spend a proof-of-work challenge (its hash) in the filing's transaction, dropping the expired ones.
 * @returns false when it was spent before
 */
export async function spendChallengeOnce(
  db: Kysely<DB>,
  challengeHash: string,
  expiresAt: string,
  now: string,
): Promise<boolean> {
  await db.deleteFrom('portal_challenge_spent').where('expires_at', '<', now).execute();
  const spent = await db
    .insertInto('portal_challenge_spent')
    .values({ challenge_hash: challengeHash, expires_at: expiresAt })
    .onConflict((oc) => oc.column('challenge_hash').doNothing())
    .executeTakeFirst();
  return Number(spent.numInsertedOrUpdatedRows ?? 0n) === 1;
}
