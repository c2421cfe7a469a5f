/** Kysely queries of consultations (征求意见): drafts, the units asked, files, comments and answers. */
import { sql, type Kysely } from 'kysely';
import type { ConsultationAttachmentTable, ConsultationCommentTable, ConsultationTable, DB } from '../../db/schema.ts';

export type ConsultationRow = ConsultationTable & { unit_name: string; unit_path: string };

const withUnit = (db: Kysely<DB>) =>
  db
    .selectFrom('consultation')
    .innerJoin('unit', 'unit.id', 'consultation.unit_id')
    .selectAll('consultation')
    .select(['unit.name as unit_name', 'unit.path as unit_path']);

export async function insertConsultation(
  trx: Kysely<DB>,
  row: ConsultationTable,
  unitIds: readonly string[],
): Promise<void> {
  await trx.insertInto('consultation').values(row).execute();
  await trx
    .insertInto('consultation_unit')
    .values(unitIds.map((unitId) => ({ consultation_id: row.id, unit_id: unitId })))
    .execute();
}

export async function findConsultation(db: Kysely<DB>, id: string): Promise<ConsultationRow | undefined> {
  return withUnit(db).where('consultation.id', '=', id).executeTakeFirst();
}

/** Consultations published by units under `path`, newest first. */
export async function consultationsUnder(db: Kysely<DB>, path: string): Promise<ConsultationRow[]> {
  return withUnit(db).where('unit.path', 'like', `${path}%`).orderBy('consultation.created_at', 'desc').execute();
}

/** Every consultation, newest first (the portal lists them all: a draft is published to be read). */
export async function allConsultations(db: Kysely<DB>) {
  return withUnit(db).orderBy('consultation.created_at', 'desc').limit(200).execute();
}

/** The answers of the comments of these consultations (null for an unanswered one). */
export async function answersOf(db: Kysely<DB>, consultationIds: readonly string[]) {
  if (consultationIds.length === 0) return [];
  return db
    .selectFrom('consultation_comment')
    .select(['consultation_id', 'answer'])
    .where('consultation_id', 'in', consultationIds)
    .execute();
}

export async function unitsAsked(db: Kysely<DB>, consultationId: string) {
  return db
    .selectFrom('consultation_unit')
    .innerJoin('unit', 'unit.id', 'consultation_unit.unit_id')
    .select(['unit.id', 'unit.name', 'unit.code', 'unit.path'])
    .where('consultation_unit.consultation_id', '=', consultationId)
    .orderBy('unit.path')
    .execute();
}

export async function insertConsultationAttachment(trx: Kysely<DB>, row: ConsultationAttachmentTable): Promise<void> {
  await trx.insertInto('consultation_attachment').values(row).execute();
}

export async function attachmentsOf(db: Kysely<DB>, consultationId: string) {
  return db
    .selectFrom('consultation_attachment')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('created_at')
    .execute();
}

export async function findConsultationAttachment(db: Kysely<DB>, consultationId: string, id: string) {
  return db
    .selectFrom('consultation_attachment')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export type CommentRow = ConsultationCommentTable & { unit_name: string };

export async function commentsOf(db: Kysely<DB>, consultationId: string): Promise<CommentRow[]> {
  return db
    .selectFrom('consultation_comment')
    .innerJoin('unit', 'unit.id', 'consultation_comment.unit_id')
    .selectAll('consultation_comment')
    .select('unit.name as unit_name')
    .where('consultation_comment.consultation_id', '=', consultationId)
    .orderBy('consultation_comment.created_at')
    .orderBy('consultation_comment.id')
    .execute();
}

export async function findComment(db: Kysely<DB>, consultationId: string, id: string) {
  return db
    .selectFrom('consultation_comment')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function hasCommentOf(db: Kysely<DB>, consultationId: string, personKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('consultation_comment')
    .select('id')
    .where('consultation_id', '=', consultationId)
    .where('person_key', '=', personKey)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertComment(trx: Kysely<DB>, row: ConsultationCommentTable): Promise<void> {
  await trx.insertInto('consultation_comment').values(row).execute();
}

/** Record (or correct, before the decision) the office's answer to a comment. */
export async function answerComment(
  trx: Kysely<DB>,
  id: string,
  patch: { answer: string; reason: string; answered_by: string; answered_at: string },
): Promise<void> {
  await trx.updateTable('consultation_comment').set(patch).where('id', '=', id).execute();
}

/** Record the decision once: false when it was already decided. */
export async function decideConsultation(
  trx: Kysely<DB>,
  id: string,
  patch: { decision: string; decided_at: string; decided_by: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('consultation')
    .set(patch)
    .where('id', '=', id)
    .where('decided_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Figures: per publishing unit path.

/** Consultations decided (held to the end: decision and summary published) on local dates in the period. */
export async function decidedByPath(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  return db
    .selectFrom('consultation')
    .innerJoin('unit', 'unit.id', 'consultation.unit_id')
    .select(['unit.path as path', sql<number | string>`count(*)`.as('n')])
    .where('consultation.decided_at', '>=', fromInstant)
    .where('consultation.decided_at', '<', toInstant)
    .groupBy('unit.path')
    .execute();
}

/** Comments answered in the period, and those adopted or partly adopted, per publishing unit path. */
export async function answeredByPath(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  return db
    .selectFrom('consultation_comment as c')
    .innerJoin('consultation', 'consultation.id', 'c.consultation_id')
    .innerJoin('unit', 'unit.id', 'consultation.unit_id')
    .select([
      'unit.path as path',
      sql<number | string>`count(*)`.as('answered'),
      sql<number | string>`sum(case when c.answer in ('adopted', 'partly') then 1 else 0 end)`.as('adopted'),
    ])
    .where('c.answered_at', '>=', fromInstant)
    .where('c.answered_at', '<', toInstant)
    .groupBy('unit.path')
    .execute();
}
