import type { Kysely } from 'kysely';
import type { DB, DocumentTemplateTable } from '../../db/schema.ts';

export type TemplateRow = DocumentTemplateTable & { created_by_name: string | null };

function selectTemplates(db: Kysely<DB>) {
  return db
    .selectFrom('document_template as t')
    .leftJoin('app_user as u', 'u.id', 't.created_by')
    .selectAll('t')
    .select('u.display_name as created_by_name');
}

/** The newest version of the template of `kind`. */
export async function findCurrentTemplate(db: Kysely<DB>, kind: string): Promise<TemplateRow | undefined> {
  return selectTemplates(db).where('t.kind', '=', kind).orderBy('t.version', 'desc').limit(1).executeTakeFirst();
}

/** The newest version of every kind that has one. */
export async function listCurrentTemplates(db: Kysely<DB>): Promise<TemplateRow[]> {
  return selectTemplates(db)
    .where((eb) =>
      eb(
        't.version',
        '=',
        eb
          .selectFrom('document_template as n')
          .select((n) => n.fn.max('n.version').as('v'))
          .whereRef('n.kind', '=', 't.kind'),
      ),
    )
    .orderBy('t.kind')
    .execute();
}

export async function listTemplateVersions(db: Kysely<DB>, kind: string): Promise<TemplateRow[]> {
  return selectTemplates(db).where('t.kind', '=', kind).orderBy('t.version', 'desc').execute();
}

export async function insertTemplate(db: Kysely<DB>, row: DocumentTemplateTable): Promise<void> {
  await db.insertInto('document_template').values(row).execute();
}

/** Insert a template version unless that (kind, version) exists: built-in versions are written once, safe to race. */
export async function insertTemplateOnce(db: Kysely<DB>, row: DocumentTemplateTable): Promise<void> {
  await db
    .insertInto('document_template')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'version']).doNothing())
    .execute();
}
