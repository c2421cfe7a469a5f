/** Kysely queries for petitioners (信访人): identity rows, found again by blind index, never overwritten. */
import type { Kysely } from 'kysely';
import type { DB, PetitionerTable } from '../../db/schema.ts';

export type PetitionerRow = PetitionerTable;

const CHUNK = 500;

/** Petitioners with one of these ID-number or phone blind indexes (many at once, for the import). */
export async function petitionersByIndexes(
  db: Kysely<DB>,
  idIndexes: readonly string[],
  phoneIndexes: readonly string[],
): Promise<PetitionerRow[]> {
  const out: PetitionerRow[] = [];
  const chunks = Math.max(Math.ceil(idIndexes.length / CHUNK), Math.ceil(phoneIndexes.length / CHUNK));
  for (let i = 0; i < chunks; i++) {
    const ids = idIndexes.slice(i * CHUNK, (i + 1) * CHUNK);
    const phones = phoneIndexes.slice(i * CHUNK, (i + 1) * CHUNK);
    if (ids.length === 0 && phones.length === 0) continue;
    out.push(
      ...(await db
        .selectFrom('petitioner')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(ids.length > 0 ? [eb('id_number_index', 'in', ids)] : []),
            ...(phones.length > 0 ? [eb('phone_index', 'in', phones)] : []),
          ]),
        )
        .orderBy('created_at')
        .execute()),
    );
  }
  return out;
}

export async function insertPetitioners(db: Kysely<DB>, rows: readonly PetitionerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('petitioner')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

export async function findPetitionerById(db: Kysely<DB>, id: string): Promise<PetitionerRow | undefined> {
  return db.selectFrom('petitioner').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One stored identity ciphertext (an ID number, else a phone), to prove a key decrypts the data (start-up, restore). */
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
