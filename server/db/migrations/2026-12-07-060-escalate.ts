/**
 * Matters from above, escalation and the 复核 body (issue #14):
 *  - `petition.review_unit_id`: the unit that issued the 复查意见 — the 复核 goes to the level above
 *    it, never to the same unit (《信访工作条例》第36条). Filled for cases already reviewed from their
 *    latest 复查 event (the unit it names, else its author's unit).
 *  - `petition.referral_due` / `referral_status`: the report a higher body asked for on a matter it
 *    sent down (上级转送/交办, 第22条), kept with every event like the 受理告知 and 办结 deadlines, so
 *    the dashboard counts the reports due in a period over an index.
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('review_unit_id', 'varchar(40)').execute();
  await db.schema.alterTable('petition').addColumn('referral_due', 'varchar(10)').execute();
  await db.schema.alterTable('petition').addColumn('referral_status', 'varchar(10)').execute();
  await db.schema
    .createIndex('petition_referral_due_idx')
    .on('petition')
    .columns(['referral_due', 'referral_status'])
    .execute();

  const reviews = await db
    .selectFrom('petition_event')
    .leftJoin('app_user', 'app_user.id', 'petition_event.actor_id')
    .select(['petition_event.petition_id', 'petition_event.seq', 'petition_event.data_json', 'app_user.unit_id'])
    .where('petition_event.kind', '=', 'issueReviewOpinion')
    .orderBy('petition_event.petition_id')
    .orderBy('petition_event.seq')
    .execute();
  const latest = new Map<string, string>();
  for (const row of reviews) {
    // Event data is JSON the engine wrote: an object, its `reviewerUnitId` set since the 复查 verb existed.
    const data = JSON.parse(String(row.data_json)) as Record<string, unknown> | null;
    const named = data?.reviewerUnitId;
    const unitId = typeof named === 'string' ? named : typeof row.unit_id === 'string' ? row.unit_id : null;
    if (unitId !== null) latest.set(String(row.petition_id), unitId);
  }
  for (const [petitionId, unitId] of latest) {
    await db.updateTable('petition').set({ review_unit_id: unitId }).where('id', '=', petitionId).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('petition_referral_due_idx').execute();
  await db.schema.alterTable('petition').dropColumn('referral_status').execute();
  await db.schema.alterTable('petition').dropColumn('referral_due').execute();
  await db.schema.alterTable('petition').dropColumn('review_unit_id').execute();
}
