/** Kysely queries of the text engine in the workbench: identity look-ups, training rows, models, hotspot input. */
import type { Kysely } from 'kysely';
import type { DB, TextModelTable } from '../../db/schema.ts';

/** Petitions of the petitioners with this ID-number index, phone index, or name and unit (newest first). */
export async function petitionIdsByIdentity(
  db: Kysely<DB>,
  q: {
    idNumberIndex?: string | undefined;
    phoneIndex?: string | undefined;
    name?: string | undefined;
    unitId?: string | undefined;
  },
): Promise<{ petitionId: string; kind: 'same_id_number' | 'same_phone' | 'same_name_unit' }[]> {
  type Kind = 'same_id_number' | 'same_phone' | 'same_name_unit';
  const out: { petitionId: string; kind: Kind }[] = [];
  const base = () =>
    db
      .selectFrom('petitioner')
      .innerJoin('petition_petitioner', 'petition_petitioner.petitioner_id', 'petitioner.id')
      .innerJoin('petition', 'petition.id', 'petition_petitioner.petition_id')
      .select('petition.id')
      .orderBy('petition.received_at', 'desc')
      .limit(50);
  const add = (rows: { id: string }[], kind: Kind) => {
    for (const r of rows) out.push({ petitionId: r.id, kind });
  };
  if (q.idNumberIndex !== undefined)
    add(await base().where('petitioner.id_number_index', '=', q.idNumberIndex).execute(), 'same_id_number');
  if (q.phoneIndex !== undefined)
    add(await base().where('petitioner.phone_index', '=', q.phoneIndex).execute(), 'same_phone');
  if (q.name !== undefined && q.name !== '' && q.unitId !== undefined) {
    add(
      await base().where('petitioner.name', '=', q.name).where('petitioner.unit_id', '=', q.unitId).execute(),
      'same_name_unit',
    );
  }
  return out;
}

/** The newest categorised petitions (at most `limit`), to train the category model on. */
/** The newest categorised petitions, a page of `limit` after the first `offset` (by the received_at index). */
export function categorisedPetitions(db: Kysely<DB>, limit: number, offset = 0) {
  return db
    .selectFrom('petition')
    .select(['title', 'body', 'category_code', 'handling_unit_id'])
    .where('category_code', 'is not', null)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export function countCategorised(db: Kysely<DB>) {
  return db
    .selectFrom('petition')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_code', 'is not', null)
    .executeTakeFirstOrThrow();
}

export function findModelHeader(db: Kysely<DB>, kind: string) {
  return db
    .selectFrom('text_model')
    .select(['trained_at', 'sample_size', 'class_count'])
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export function findModel(db: Kysely<DB>, kind: string) {
  return db.selectFrom('text_model').selectAll().where('kind', '=', kind).executeTakeFirst();
}

/**
 * Store a model, replacing the one of its kind. One upsert: two instances training at the same start
 * (the first catch-up of a database) both succeed, the later one's model kept — a delete then an
 * insert failed on PostgreSQL's primary key for the second.
 */
export async function saveModel(trx: Kysely<DB>, row: TextModelTable): Promise<void> {
  await trx
    .insertInto('text_model')
    .values(row)
    .onConflict((oc) =>
      oc.column('kind').doUpdateSet({
        model_json: row.model_json,
        trained_at: row.trained_at,
        trained_by: row.trained_by,
        sample_size: row.sample_size,
        class_count: row.class_count,
      }),
    )
    .execute();
}

/** The first petitioner of each petition (the person behind it, for the distinct-people count). */
export async function firstPetitioners(db: Kysely<DB>, petitionIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < petitionIds.length; i += 500) {
    const rows = await db
      .selectFrom('petition_petitioner')
      .select(['petition_id', 'petitioner_id'])
      .where('petition_id', 'in', petitionIds.slice(i, i + 500))
      .where('sort_order', '=', 0)
      .execute();
    for (const r of rows) out.set(r.petition_id, r.petitioner_id);
  }
  return out;
}

/** Category, state and date received of petitions (the same person's cases, for 同类事项). */
export function petitionFacts(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('petition')
    .select(['id', 'category_code', 'state', 'received_at'])
    .where('id', 'in', ids)
    .execute();
}
