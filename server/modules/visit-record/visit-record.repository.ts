/** Every SQL statement on the `visit_record` table. */
import type { Kysely } from 'kysely';
import type { DB, VisitRecordTable } from '../../db/schema.ts';

export type VisitRecordRow = VisitRecordTable;

/** A visit with the names its view shows. */
export type VisitRecordNamedRow = VisitRecordRow & {
  unit_name: string;
  unit_path: string;
  received_by_name: string;
  recorded_by_name: string;
  confirmed_by_name: string | null;
};

export async function insertVisitRecord(db: Kysely<DB>, row: VisitRecordRow): Promise<void> {
  await db.insertInto('visit_record').values(row).execute();
}

function named(db: Kysely<DB>) {
  return db
    .selectFrom('visit_record')
    .innerJoin('unit', 'unit.id', 'visit_record.unit_id')
    .innerJoin('app_user as received', 'received.id', 'visit_record.received_by')
    .innerJoin('app_user as recorder', 'recorder.id', 'visit_record.recorded_by')
    .leftJoin('app_user as confirmer', 'confirmer.id', 'visit_record.confirmed_by')
    .selectAll('visit_record')
    .select([
      'unit.name as unit_name',
      'unit.path as unit_path',
      'received.display_name as received_by_name',
      'recorder.display_name as recorded_by_name',
      'confirmer.display_name as confirmed_by_name',
    ]);
}

export async function findVisitRecord(db: Kysely<DB>, id: string): Promise<VisitRecordNamedRow | undefined> {
  return named(db).where('visit_record.id', '=', id).executeTakeFirst();
}

/** The visits of one case, in the order they came. */
export async function visitRecordsOfPetition(db: Kysely<DB>, petitionId: string): Promise<VisitRecordNamedRow[]> {
  return named(db)
    .where('visit_record.petition_id', '=', petitionId)
    .orderBy('visit_record.arrived_at')
    .orderBy('visit_record.id')
    .execute();
}

/** Change the transcript while it is still unconfirmed. @returns false when it was confirmed meanwhile */
export async function updatePendingTranscript(
  db: Kysely<DB>,
  id: string,
  transcript: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('visit_record')
    .set({ transcript, updated_at: at })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Record the petitioner's confirmation once. @returns false when it was confirmed meanwhile */
export async function confirmPendingTranscript(
  db: Kysely<DB>,
  id: string,
  confirmation: Pick<
    VisitRecordRow,
    'confirmation_method' | 'confirmed_at' | 'confirmed_by' | 'transcript_sha256' | 'signature_attachment_id'
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('visit_record')
    .set({ ...confirmation, updated_at: confirmation.confirmed_at ?? '' })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
