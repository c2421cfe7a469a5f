/** Kysely queries of the early-warning module. */
import { sql, type Kysely } from 'kysely';
import type { DB, PetitionTable } from '../../db/schema.ts';

/**
 * Every fact of one petition's risk that lives in other rows, in one statement of scalar
 * subqueries: its petitioners' earlier petitions (count, latest), its petitioner messages waiting
 * since the office last answered (count, oldest), today's sensitive period and its top category's name.
 */
export async function riskFactsRow(
  db: Kysely<DB>,
  input: {
    petition: Pick<PetitionTable, 'id' | 'received_at'>;
    petitionerIds: readonly string[] | undefined;
    topCategory: string | null;
    today: string;
  },
) {
  const { petition, today } = input;
  const people =
    input.petitionerIds === undefined
      ? db.selectFrom('petition_petitioner').select('petitioner_id').where('petition_id', '=', petition.id)
      : null;
  const ids = input.petitionerIds ?? [];
  const earlier = (eb: Kysely<DB>) =>
    eb
      .selectFrom('petition as p')
      .innerJoin('petition_petitioner as pp', 'pp.petition_id', 'p.id')
      .where((w) =>
        people !== null
          ? w('pp.petitioner_id', 'in', people)
          : ids.length > 0
            ? w('pp.petitioner_id', 'in', ids)
            : sql<boolean>`1 = 0`,
      )
      .where('p.id', '!=', petition.id)
      .where('p.received_at', '<', petition.received_at);
  const lastAnswer = db
    .selectFrom('petition_message')
    .select(sql<string>`coalesce(max(created_at), '')`.as('at'))
    .where('petition_id', '=', petition.id)
    .where('direction', '=', 'out');
  const waiting = db
    .selectFrom('petition_message as m')
    .where('m.petition_id', '=', petition.id)
    .where('m.direction', '=', 'in')
    .where('m.created_at', '>', lastAnswer);
  return db
    .selectNoFrom([
      earlier(db)
        .select(sql<number | string>`count(distinct p.id)`.as('n'))
        .as('earlier_count'),
      earlier(db)
        .select((eb) => eb.fn.max('p.received_at').as('at'))
        .as('earlier_last'),
      waiting.select(sql<number | string>`count(*)`.as('n')).as('unanswered'),
      waiting.select((eb) => eb.fn.min('m.created_at').as('at')).as('oldest_unanswered'),
      db
        .selectFrom('sensitive_period')
        .select('name')
        .where('active', '=', 1)
        .where('start_date', '<=', today)
        .where('end_date', '>=', today)
        .orderBy('start_date')
        .limit(1)
        .as('period_name'),
      db
        .selectFrom('category')
        .select('name')
        .where('code', '=', input.topCategory ?? '')
        .as('category_name'),
    ])
    .executeTakeFirstOrThrow();
}

/** The active sensitive period covering `date`, if any (the first by start). */
export async function sensitivePeriodOn(db: Kysely<DB>, date: string): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('sensitive_period')
    .select(['id', 'name'])
    .where('active', '=', 1)
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .orderBy('start_date')
    .executeTakeFirst();
  return row ?? null;
}
