import { sql, type Kysely } from 'kysely';
import type { DB, PetitionDocumentTable } from '../../db/schema.ts';

export type DocumentRow = PetitionDocumentTable & { created_by_name: string | null };

function selectDocuments(db: Kysely<DB>) {
  return db
    .selectFrom('petition_document as d')
    .leftJoin('app_user as u', 'u.id', 'd.created_by')
    .selectAll('d')
    .select('u.display_name as created_by_name');
}

export async function listDocumentRows(db: Kysely<DB>, petitionId: string): Promise<DocumentRow[]> {
  return selectDocuments(db).where('d.petition_id', '=', petitionId).orderBy('d.created_at').orderBy('d.id').execute();
}

export async function findDocument(db: Kysely<DB>, id: string): Promise<DocumentRow | undefined> {
  return selectDocuments(db).where('d.id', '=', id).executeTakeFirst();
}

export async function insertDocument(db: Kysely<DB>, row: PetitionDocumentTable): Promise<void> {
  await db.insertInto('petition_document').values(row).execute();
}

/** Record delivery only while none is recorded (the WHERE makes a concurrent second one a no-op). */
export async function markDelivered(
  db: Kysely<DB>,
  id: string,
  patch: Pick<
    PetitionDocumentTable,
    'delivery_method' | 'delivery_tracking' | 'sent_at' | 'delivered_at' | 'delivery_recorded_by'
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('petition_document')
    .set(patch)
    .where('id', '=', id)
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The next 发文字号 sequence number for (prefix, year); one statement, so two documents never share one. */
export async function nextDocumentSequence(db: Kysely<DB>, prefix: string, year: number): Promise<number> {
  const row = await db
    .insertInto('document_sequence')
    .values({ prefix, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['prefix', 'year']).doUpdateSet({ last_number: sql<number>`document_sequence.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/** The documents the petitioner has been given (addressed to them, delivered or sent), oldest first. */
export async function documentsForPetitioner(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_document')
    .select(['id', 'kind', 'content_json', 'delivered_at'])
    .where('petition_id', '=', petitionId)
    .where('addressed_to_petitioner', '=', 1)
    .where('delivery_method', 'is not', null)
    .orderBy('created_at')
    .execute();
}
