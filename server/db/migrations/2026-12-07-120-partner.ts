/**
 * Partners, joint reception and joint mediation (issue #16, 《信访工作条例》第5条 多元化解):
 * - partner organisations (乡镇政府, 人社局, 工会 …) and the partner accounts that speak for them;
 * - the invitation of a partner onto a case is the existing co-handler row, now with an expiry
 *   instant and whether the office granted it the petitioner's identity (one mechanism of access);
 * - joint reception sessions (联合接访): place and time, the organisations, partners and leaders sitting,
 *   the cases registered in the session;
 * - joint mediation matters (企地联调): topic and locality, linked petitions, meetings with minutes,
 *   the agreement's obligations with deadline and fulfilment.
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Null: no expiry (the office's own staff named as co-handlers, as before).
  await db.schema.alterTable('petition_co_handler').addColumn('expires_at', 'varchar(32)').execute();
  await db.schema
    .alterTable('petition_co_handler')
    .addColumn('identity_granted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('partner_organisation')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('contact', 'varchar(200)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_organisation_unit_idx').on('partner_organisation').column('unit_id').execute();
  await db.schema
    .createTable('partner_member')
    .addColumn('user_id', 'varchar(40)', (c) => c.primaryKey().references('app_user.id'))
    .addColumn('organisation_id', 'varchar(40)', (c) => c.notNull().references('partner_organisation.id'))
    .execute();
  await db.schema.createIndex('partner_member_org_idx').on('partner_member').column('organisation_id').execute();

  await db.schema
    .createTable('partner_session')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('place', 'varchar(100)', (c) => c.notNull())
    .addColumn('starts_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('access_until', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_session_unit_idx').on('partner_session').columns(['unit_id', 'starts_at']).execute();
  await db.schema
    .createTable('partner_session_member')
    .addColumn('session_id', 'varchar(40)', (c) => c.notNull().references('partner_session.id'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    // 'partner' (invited, access until the session's access_until) or 'leader' (sitting for the enterprise).
    .addColumn('part', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_session_member_pk', ['session_id', 'user_id'])
    .execute();
  await db.schema.createIndex('partner_session_member_user_idx').on('partner_session_member').column('user_id').execute();
  await db.schema
    .createTable('partner_session_case')
    .addColumn('petition_id', 'varchar(40)', (c) => c.primaryKey().references('petition.id'))
    .addColumn('session_id', 'varchar(40)', (c) => c.notNull().references('partner_session.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_session_case_session_idx').on('partner_session_case').column('session_id').execute();

  await db.schema
    .createTable('mediation_matter')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('topic', 'varchar(20)', (c) => c.notNull())
    .addColumn('locality', 'varchar(100)', (c) => c.notNull())
    .addColumn('organisation_id', 'varchar(40)', (c) => c.references('partner_organisation.id'))
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('agreement_text', 'text')
    .addColumn('agreement_signed_on', 'varchar(10)')
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('mediation_matter_unit_idx').on('mediation_matter').columns(['unit_id', 'created_at']).execute();
  await db.schema
    .createTable('mediation_matter_petition')
    .addColumn('matter_id', 'varchar(40)', (c) => c.notNull().references('mediation_matter.id'))
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addPrimaryKeyConstraint('mediation_matter_petition_pk', ['matter_id', 'petition_id'])
    .execute();
  await db.schema
    .createIndex('mediation_matter_petition_idx')
    .on('mediation_matter_petition')
    .column('petition_id')
    .execute();
  await db.schema
    .createTable('mediation_meeting')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('matter_id', 'varchar(40)', (c) => c.notNull().references('mediation_matter.id'))
    .addColumn('held_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('place', 'varchar(100)', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mediation_meeting_matter_idx').on('mediation_meeting').columns(['matter_id', 'held_at']).execute();
  await db.schema
    .createTable('mediation_obligation')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('matter_id', 'varchar(40)', (c) => c.notNull().references('mediation_matter.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // 'enterprise' or 'locality': whose obligation it is.
    .addColumn('party', 'varchar(12)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('fulfilled_on', 'varchar(10)')
    .addColumn('evidence', 'text')
    .addColumn('fulfilled_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('mediation_obligation_matter_idx').on('mediation_obligation').columns(['matter_id', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'mediation_obligation',
    'mediation_meeting',
    'mediation_matter_petition',
    'mediation_matter',
    'partner_session_case',
    'partner_session_member',
    'partner_session',
    'partner_member',
    'partner_organisation',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('petition_co_handler').dropColumn('identity_granted').execute();
  await db.schema.alterTable('petition_co_handler').dropColumn('expires_at').execute();
}
