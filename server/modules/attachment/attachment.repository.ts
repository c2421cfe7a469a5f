/** Every SQL statement on the `attachment` table. */
import type { Kysely } from 'kysely';
import type { AttachmentTable, DB } from '../../db/schema.ts';

export type AttachmentRow = AttachmentTable;

export async function insertAttachment(db: Kysely<DB>, row: AttachmentRow): Promise<void> {
  await db.insertInto('attachment').values(row).execute();
}

/** The attachments of one petition, oldest first. */
export async function listAttachmentRows(db: Kysely<DB>, petitionId: string): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachment')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One attachment, only when it belongs to `petitionId` (an id from another petition is not found). */
export async function findAttachment(
  db: Kysely<DB>,
  petitionId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachment')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .where('id', '=', id)
    .executeTakeFirst();
}
