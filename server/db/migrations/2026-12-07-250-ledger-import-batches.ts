/**
 * Ledger imports in batches, off the request path (issue #20): a running import commits its rows a
 * batch at a time, each batch with its place in the file, so a restart resumes after the last
 * committed batch — on whichever instance claims it — and nothing is ever half-written.
 * - `actor_json`: who started the run (role and unit at the start: the scope the rows were checked in).
 * - `checked_at`: when every row passed the check (a resumed run does not check again).
 * - `rows_done`: data rows of the file behind the last committed batch; `imported_count`, `skipped_count`.
 * - `lease_owner`, `lease_until`: the runner holding the import; renewed with each batch; an expired
 *   lease on a running import is claimed by the resume job of any instance.
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ledger_import').addColumn('actor_json', 'text').execute();
  await db.schema.alterTable('ledger_import').addColumn('checked_at', 'varchar(30)').execute();
  await db.schema
    .alterTable('ledger_import')
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('ledger_import')
    .addColumn('imported_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('ledger_import')
    .addColumn('skipped_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('ledger_import').addColumn('lease_owner', 'varchar(100)').execute();
  await db.schema.alterTable('ledger_import').addColumn('lease_until', 'varchar(30)').execute();
  await db.schema.createIndex('ledger_import_status_idx').on('ledger_import').columns(['status', 'lease_until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_import_status_idx').execute();
  for (const column of [
    'lease_until',
    'lease_owner',
    'skipped_count',
    'imported_count',
    'rows_done',
    'checked_at',
    'actor_json',
  ])
    await db.schema.alterTable('ledger_import').dropColumn(column).execute();
}
