/** Kysely queries of the persons a petition names (被反映人), as the office reads and corrects them. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The named persons of a case as the office's page shows them: the unit named (its path, for its
 * name along the tree) and, once confirmed, the account with its unit and position.
 */
export async function namedPersonRows(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_named_person as n')
    .leftJoin('unit as nu', 'nu.id', 'n.unit_id')
    .leftJoin('app_user as u', 'u.id', 'n.user_id')
    .leftJoin('unit as uu', 'uu.id', 'u.unit_id')
    .select([
      'n.id',
      'n.name',
      'n.position',
      'n.unit_id',
      'n.unit_text',
      'n.resolution',
      'n.user_id',
      'nu.path as unit_path',
      'u.display_name as account_name',
      'u.position as account_position',
      'uu.path as account_unit_path',
    ])
    .where('n.petition_id', '=', petitionId)
    .orderBy('n.id')
    .execute();
}
export type NamedPersonRow = Awaited<ReturnType<typeof namedPersonRows>>[number];

export async function insertNamedPerson(db: Kysely<DB>, row: DB['petition_named_person']): Promise<void> {
  await db.insertInto('petition_named_person').values(row).execute();
}

/** Change a named person of this petition. @returns whether there was one to change */
export async function updateNamedPerson(
  db: Kysely<DB>,
  petitionId: string,
  id: string,
  patch: Partial<Omit<DB['petition_named_person'], 'id' | 'petition_id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('petition_named_person')
    .set(patch)
    .where('petition_id', '=', petitionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
