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

/** Every attachment row's file name under the attachment directory, size and SHA-256 (to check a restore). */
export type StoredAttachment = { storageKey: string; size: number; sha256: string };

export async function listStoredAttachments(db: Kysely<DB>): Promise<StoredAttachment[]> {
  const rows = await db.selectFrom('attachment').select(['storage_key', 'size', 'sha256']).orderBy('id').execute();
  return rows.map((r) => ({ storageKey: r.storage_key, size: r.size, sha256: r.sha256 }));
}
