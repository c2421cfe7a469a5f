/**
 * What the petition module keeps at rest, as operations need to see it: one stored identity
 * ciphertext (to prove that a key decrypts the data, at start-up and after a restore) and the
 * attachment files the rows point at (to check a restore). Reads only.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type EncryptedIdentity = { kind: 'idNumber' | 'phone'; ciphertext: string };

/** One petitioner's encrypted ID number, else one encrypted phone; null when no identity is stored. */
export async function findEncryptedIdentity(db: Kysely<DB>): Promise<EncryptedIdentity | null> {
  const id = await db
    .selectFrom('petitioner')
    .select('id_number_enc')
    .where('id_number_enc', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (id?.id_number_enc != null) return { kind: 'idNumber', ciphertext: id.id_number_enc };
  const phone = await db
    .selectFrom('petitioner')
    .select('phone_enc')
    .where('phone_enc', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (phone?.phone_enc != null) return { kind: 'phone', ciphertext: phone.phone_enc };
  return null;
}

export type StoredAttachment = { storageKey: string; size: number; sha256: string };

/** Every attachment row's file name under the attachment directory, size and SHA-256. */
export async function listStoredAttachments(db: Kysely<DB>): Promise<StoredAttachment[]> {
  const rows = await db.selectFrom('attachment').select(['storage_key', 'size', 'sha256']).orderBy('id').execute();
  return rows.map((r) => ({ storageKey: r.storage_key, size: r.size, sha256: r.sha256 }));
}
