/**
 * 考核 of leaders (issue #18, 《信访工作条例》第39条: units AND leaders are appraised). A scheme gets a
 * subject kind (`unit` or `leader`); a leader's result is keyed by the leader (`user_id`) and keeps his
 * unit beside him (`unit_id`: the unit tree still says who reviews him — the level above his unit).
 * The old unique (round, unit) would allow one leader per unit, so it becomes two partial unique
 * indexes: (round, unit) for unit results, (round, user) for leader results. SQLite cannot drop a
 * table constraint: the table is rebuilt (the documented create-copy-drop-rename, foreign keys
 * deferred to the commit so the evidence rows still point at their results). Frozen: Kysely<any>,
 * no app imports.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

const COLUMNS = [
  'id',
  'round_id',
  'unit_id',
  'inputs_json',
  'items_json',
  'computed_centi',
  'adjustment_centi',
  'adjust_reason',
  'rank',
  'self_text',
  'self_by',
  'self_at',
  'reviewed_by',
  'reviewed_at',
  'version',
];

/**
 * SQLite: the results table rebuilt (create the new shape, copy, drop, rename — SQLite's documented
 * procedure), with or without the leader column and the old table-level unique (round, unit). Kysely
 * runs SQLite migrations outside a transaction, so foreign keys are switched off around one
 * transaction of its own (the evidence rows keep pointing at their results by id) and checked after.
 */
async function rebuildSqlite(db: Kysely<any>, leaders: boolean): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      let table = trx.schema
        .createTable('appraisal_result_new')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('round_id', 'varchar(40)', (c) => c.notNull().references('appraisal_round.id'))
        .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
        .addColumn('inputs_json', 'text', (c) => c.notNull())
        .addColumn('items_json', 'text', (c) => c.notNull())
        .addColumn('computed_centi', 'integer', (c) => c.notNull())
        .addColumn('adjustment_centi', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('adjust_reason', 'text')
        .addColumn('rank', 'integer')
        .addColumn('self_text', 'text')
        .addColumn('self_by', 'varchar(40)')
        .addColumn('self_at', 'varchar(30)')
        .addColumn('reviewed_by', 'varchar(40)')
        .addColumn('reviewed_at', 'varchar(30)')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
      table = leaders
        ? table.addColumn('user_id', 'varchar(40)', (c) => c.references('app_user.id'))
        : table.addUniqueConstraint('appraisal_result_round_unit_uq', ['round_id', 'unit_id']);
      await table.execute();
      const columns = sql.join(COLUMNS.map((c) => sql.id(c)));
      await sql`insert into appraisal_result_new (${columns}) select ${columns} from appraisal_result`.execute(trx);
      await trx.schema.dropTable('appraisal_result').execute();
      await trx.schema.alterTable('appraisal_result_new').renameTo('appraisal_result').execute();
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('appraisal_result rebuild broke a foreign key');
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('appraisal_scheme')
    .addColumn('subject_kind', 'varchar(10)', (c) => c.notNull().defaultTo('unit'))
    .execute();
  if (isSqlite(db)) {
    await rebuildSqlite(db, true);
  } else {
    await sql`alter table appraisal_result drop constraint appraisal_result_round_unit_uq`.execute(db);
    await db.schema
      .alterTable('appraisal_result')
      .addColumn('user_id', 'varchar(40)', (c) => c.references('app_user.id'))
      .execute();
  }
  await db.schema
    .createIndex('appraisal_result_round_unit_uq')
    .on('appraisal_result')
    .columns(['round_id', 'unit_id'])
    .unique()
    .where(sql.ref('user_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('appraisal_result_round_user_uq')
    .on('appraisal_result')
    .columns(['round_id', 'user_id'])
    .unique()
    .where(sql.ref('user_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('appraisal_result_user_idx').on('appraisal_result').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // A leader's result has no place in the old shape (one result per unit): it goes, with its evidence.
  const leaderResults = db.selectFrom('appraisal_result').select('id').where('user_id', 'is not', null);
  await db.deleteFrom('appraisal_evidence').where('result_id', 'in', leaderResults).execute();
  await db.deleteFrom('appraisal_result').where('user_id', 'is not', null).execute();
  await db.schema.dropIndex('appraisal_result_user_idx').execute();
  await db.schema.dropIndex('appraisal_result_round_user_uq').execute();
  await db.schema.dropIndex('appraisal_result_round_unit_uq').execute();
  if (isSqlite(db)) await rebuildSqlite(db, false);
  else {
    await db.schema.alterTable('appraisal_result').dropColumn('user_id').execute();
    await db.schema
      .alterTable('appraisal_result')
      .addUniqueConstraint('appraisal_result_round_unit_uq', ['round_id', 'unit_id'])
      .execute();
  }
  await db.schema.alterTable('appraisal_scheme').dropColumn('subject_kind').execute();
}
