/**
 * The dashboard's rollup (issue #20): counts of petitions by local day and calendar month × dimension
 * value × registering unit × handling unit, kept by the petition engine in the same transaction as each
 * event (server/modules/petition/petition-rollup.ts says what each petition contributes). Back-filled
 * here from the petitions already stored, with the same grouping the engine keeps.
 * Frozen: Kysely<any>, no app imports.
 */
import { SqliteAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_rollup')
    .addColumn('grain', 'varchar(1)', (c) => c.notNull())
    .addColumn('dim', 'varchar(20)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('handling_unit_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('registered_unit_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('value', 'varchar(40)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('persons', 'integer', (c) => c.notNull())
    .addColumn('group_n', 'integer', (c) => c.notNull())
    .addColumn('group_persons', 'integer', (c) => c.notNull())
    .addColumn('skip_level_n', 'integer', (c) => c.notNull())
    .addColumn('repeat_n', 'integer', (c) => c.notNull())
    .addColumn('anonymous_n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_rollup_pk', [
      'grain',
      'dim',
      'period',
      'handling_unit_id',
      'registered_unit_id',
      'value',
    ])
    .execute();
  for (const statement of backfillStatements(isSqlite(db))) await statement.execute(db);
}

/** INSERT … SELECT per dimension and grain, from the petition table as it is. */
function backfillStatements(sqlite: boolean): RawBuilder<unknown>[] {
  const day = sqlite
    ? sql`date(received_at, '+8 hours')`
    : sql`to_char((received_at::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
  const totals = sql`count(*), sum(headcount), sum(is_group), sum(case when is_group = 1 then headcount else 0 end), sum(is_skip_level), sum(is_repeat), sum(is_anonymous)`;
  const countOnly = sql`count(*), 0, 0, 0, 0, 0, 0`;
  const dims: [string, RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>][] = [
    ['all', day, sql`''`, totals, sql`1 = 1`],
    ['category', day, sql`coalesce(category_code, '')`, totals, sql`1 = 1`],
    ['channel', day, sql`channel`, totals, sql`1 = 1`],
    ['type', day, sql`type`, totals, sql`1 = 1`],
    ['satisfaction', day, sql`coalesce(cast(satisfaction as varchar(2)), '')`, totals, sql`1 = 1`],
    ['acceptance', sql`acceptance_due`, sql`coalesce(acceptance_status, '')`, countOnly, sql`acceptance_due is not null`],
    ['conclusion', sql`conclusion_due`, sql`coalesce(conclusion_status, '')`, countOnly, sql`conclusion_due is not null`],
    ['referral', sql`referral_due`, sql`coalesce(referral_status, '')`, countOnly, sql`referral_due is not null`],
    // The nearest deadline of an open case (common/domain/petition-state.ts isOpen), by its 包案 leader.
    [
      'open_due',
      sql`due_date`,
      sql`coalesce(owner_id, '')`,
      countOnly,
      sql`due_date is not null and state not in ('concluded', 'reviewed', 'final', 'declined', 'redirected', 'diverted', 'not_accepted')`,
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

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('petition_rollup').execute();
}
