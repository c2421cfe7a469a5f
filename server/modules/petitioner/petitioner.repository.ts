/** Kysely queries for petitioners (信访人): identity rows, found again by blind index, never overwritten. */
import type { Kysely } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
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
  await insertRows(db, 'petitioner', rows);
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

/** The petitions of these petitioners, newest first (the office's look-up). */
export async function petitionsOfPetitioners(db: Kysely<DB>, petitionerIds: readonly string[], limit: number) {
  if (petitionerIds.length === 0) return [];
  return db
    .selectFrom('petition')
    .innerJoin('petition_petitioner', 'petition_petitioner.petition_id', 'petition.id')
    .select('petition.id')
    .distinct()
    .where('petition_petitioner.petitioner_id', 'in', petitionerIds)
    .orderBy('petition.id', 'desc')
    .limit(limit)
    .execute();
}

/** For each of these petitioners, their newest petition (the import's 重复访 by identity). */
export async function latestPetitionsOf(
  db: Kysely<DB>,
  petitionerIds: readonly string[],
): Promise<Map<string, string>> {
  const latest = new Map<string, { id: string; at: string }>();
  for (let i = 0; i < petitionerIds.length; i += 500) {
    const rows = await db
      .selectFrom('petition_petitioner')
      .innerJoin('petition', 'petition.id', 'petition_petitioner.petition_id')
      .select(['petition_petitioner.petitioner_id', 'petition.id', 'petition.received_at'])
      .where('petition_petitioner.petitioner_id', 'in', petitionerIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const known = latest.get(row.petitioner_id);
      if (known === undefined || row.received_at > known.at)
        latest.set(row.petitioner_id, { id: row.id, at: row.received_at });
    }
  }
  return new Map([...latest].map(([petitioner, petition]) => [petitioner, petition.id]));
}

/** The newest petition of any of these petitioners (重复访 by identity). */
export async function latestPetitionOf(db: Kysely<DB>, petitionerIds: readonly string[]) {
  if (petitionerIds.length === 0) return undefined;
  return db
    .selectFrom('petition')
    .innerJoin('petition_petitioner', 'petition_petitioner.petition_id', 'petition.id')
    .select(['petition.id', 'petition.state'])
    .where('petition_petitioner.petitioner_id', 'in', petitionerIds)
    .orderBy('petition.received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
