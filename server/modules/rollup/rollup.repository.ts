/**
 * The dashboard's rollup table (rollup.ts says what a petition contributes): the engine's
 * UPSERT of a delta in the case's transaction, and the rebuild from the petitions (the back-fill of
 * migration 240, for an operator after a repair: `npm run xinfang -- rollup rebuild`).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isOpen, PETITION_STATES } from '../../../common/domain/petition-state.ts';
import type { Dialect } from '../../../common/schemas/health.ts';
import type { DB } from '../../db/schema.ts';
import type { RollupRow } from './rollup.ts';

/** Most rows one statement carries (13 parameters a row stays far under both dialects' limits). */
const CHUNK = 2000;

/**
 * Add `rows` (a merged delta: one row per key) to the rollup: one INSERT … ON CONFLICT DO UPDATE
 * statement, whatever the number of dimensions the change moved. No statement when nothing moved.
 */
export async function applyRollupDelta(db: Kysely<DB>, rows: readonly RollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('petition_rollup')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['grain', 'dim', 'period', 'handling_unit_id', 'registered_unit_id', 'value']).doUpdateSet((eb) => ({
          n: eb('petition_rollup.n', '+', eb.ref('excluded.n')),
          persons: eb('petition_rollup.persons', '+', eb.ref('excluded.persons')),
          group_n: eb('petition_rollup.group_n', '+', eb.ref('excluded.group_n')),
          group_persons: eb('petition_rollup.group_persons', '+', eb.ref('excluded.group_persons')),
          skip_level_n: eb('petition_rollup.skip_level_n', '+', eb.ref('excluded.skip_level_n')),
          repeat_n: eb('petition_rollup.repeat_n', '+', eb.ref('excluded.repeat_n')),
          anonymous_n: eb('petition_rollup.anonymous_n', '+', eb.ref('excluded.anonymous_n')),
        })),
      )
      .execute();
  }
}

/** The rollup rebuilt from the petitions, in one transaction (the grouping of migration 240). */
export async function rebuildRollup(db: Kysely<DB>, dialect: Dialect): Promise<{ rows: number }> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('petition_rollup').execute();
    for (const statement of rebuildStatements(dialect)) await statement.execute(trx);
    const row = await trx
      .selectFrom('petition_rollup')
      .select(sql<number | string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return { rows: Number(row.n) };
  });
}

/** The whole rollup, in key order: the tests compare the kept table with a rebuild. */
export async function readRollup(db: Kysely<DB>) {
  return db
    .selectFrom('petition_rollup')
    .selectAll()
    .where((eb) =>
      eb.or(
        ['n', 'persons', 'group_n', 'group_persons', 'skip_level_n', 'repeat_n', 'anonymous_n'].map((m) =>
          eb(m as 'n', '!=', 0),
        ),
      ),
    )
    .orderBy('grain')
    .orderBy('dim')
    .orderBy('period')
    .orderBy('handling_unit_id')
    .orderBy('registered_unit_id')
    .orderBy('value')
    .execute();
}

function rebuildStatements(dialect: Dialect): RawBuilder<unknown>[] {
  const day =
    dialect === 'sqlite'
      ? sql`date(received_at, '+8 hours')`
      : sql`to_char((received_at::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
  const totals = sql`count(*), sum(headcount), sum(is_group), sum(case when is_group = 1 then headcount else 0 end), sum(is_skip_level), sum(is_repeat), sum(is_anonymous)`;
  const countOnly = sql`count(*), 0, 0, 0, 0, 0, 0`;
  const all = sql`1 = 1`;
  const dims: [string, RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>][] = [
    ['all', day, sql`''`, totals, all],
    ['category', day, sql`coalesce(category_code, '')`, totals, all],
    ['channel', day, sql`channel`, totals, all],
    ['type', day, sql`type`, totals, all],
    ['satisfaction', day, sql`coalesce(cast(satisfaction as varchar(2)), '')`, totals, all],
    [
      'acceptance',
      sql`acceptance_due`,
      sql`coalesce(acceptance_status, '')`,
      countOnly,
      sql`acceptance_due is not null`,
    ],
    [
      'conclusion',
      sql`conclusion_due`,
      sql`coalesce(conclusion_status, '')`,
      countOnly,
      sql`conclusion_due is not null`,
    ],
    ['referral', sql`referral_due`, sql`coalesce(referral_status, '')`, countOnly, sql`referral_due is not null`],
    [
      'open_due',
      sql`due_date`,
      sql`coalesce(owner_id, '')`,
      countOnly,
      sql`due_date is not null and state not in (${sql.join(PETITION_STATES.filter((s) => !isOpen(s)))})`,
    ],
  ];
  return dims.flatMap(([dim, period, value, measures, where]) =>
    (['d', 'm'] as const).map(
      (grain) => sql`insert into petition_rollup
        (grain, dim, period, handling_unit_id, registered_unit_id, value,
         n, persons, group_n, group_persons, skip_level_n, repeat_n, anonymous_n)
        select ${sql.lit(grain)}, ${sql.lit(dim)}, ${grain === 'd' ? period : sql`substr(${period}, 1, 7)`},
          coalesce(handling_unit_id, ''), registered_unit_id, ${value}, ${measures}
        from petition where ${where}
        group by 3, 4, 5, 6`,
    ),
  );
}
