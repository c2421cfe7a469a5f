/**
 * Versioned document templates. Each kind starts from the built-in wording (version 1, written
 * lazily the first time the kind is needed); an edit never changes a version, it adds the next one,
 * so a generated document can always name the exact wording it was made from.
 * Editing is for the enterprise administrator (an admin at the root unit): templates are
 * enterprise-wide, like the taxonomy.
 */
import type { Kysely } from 'kysely';
import { can, enterpriseOf, type Actor } from '../../../common/domain/access.ts';
import {
  DOCUMENT_KINDS,
  fieldsOf,
  validateTemplate,
  type DocumentKind,
  type TemplateText,
} from '../../../common/domain/documents.ts';
import type { DocumentTemplateInput, DocumentTemplateView } from '../../../common/schemas/document.ts';
import { DomainError } from '../../../common/errors.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import type { IdGenerator } from '../../platform/ids.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import {
  type TemplateRow,
  findCurrentTemplate,
  insertTemplate,
  insertTemplateOnce,
  listCurrentTemplates,
  listTemplateVersions,
} from './template.repository.ts';

export type CurrentTemplate = TemplateText & { id: string; kind: DocumentKind; version: number };

export function canManageTemplates(actor: Actor): boolean {
  return can(actor, 'template.manage', enterpriseOf(actor));
}

function assertManager(actor: Actor): void {
  if (!canManageTemplates(actor)) {
    throw new DomainError('FORBIDDEN', { message: 'Only the enterprise administrator edits document templates' });
  }
}

function toText(row: TemplateRow): TemplateText {
  return { title: row.title, addressee: row.addressee, body: row.body, numberPrefix: row.number_prefix };
}

function toView(row: TemplateRow): DocumentTemplateView {
  const kind = row.kind as DocumentKind;
  return {
    kind,
    version: row.version,
    ...toText(row),
    fields: fieldsOf(kind),
    createdAt: row.created_at,
    createdByName: row.created_by_name,
  };
}

/** Write version 1 (the built-in wording) for `kinds` that have no template yet; safe to race. */
async function ensureBuiltIn(
  db: Kysely<DB>,
  clock: Clock,
  ids: IdGenerator,
  kinds: readonly DocumentKind[],
): Promise<void> {
  for (const kind of kinds) {
    const builtIn = DEFAULT_TEMPLATES[kind];
    await insertTemplateOnce(db, {
      id: ids.next(),
      kind,
      version: 1,
      title: builtIn.title,
      addressee: builtIn.addressee,
      body: builtIn.body,
      number_prefix: builtIn.numberPrefix,
      created_by: null,
      created_at: clock.now().toISOString(),
    });
  }
}

/** The template a new document of `kind` is made from (inside the caller's transaction). */
export async function currentTemplate(
  db: Kysely<DB>,
  clock: Clock,
  ids: IdGenerator,
  kind: DocumentKind,
): Promise<CurrentTemplate> {
  let row = await findCurrentTemplate(db, kind);
  if (row === undefined) {
    await ensureBuiltIn(db, clock, ids, [kind]);
    row = await findCurrentTemplate(db, kind);
  }
  if (row === undefined) throw new Error(`no template for ${kind}`);
  return { id: row.id, kind, version: row.version, ...toText(row) };
}

export async function listTemplates(deps: ServiceDeps, actor: Actor): Promise<{ items: DocumentTemplateView[] }> {
  assertManager(actor);
  let rows = await listCurrentTemplates(deps.db);
  const missing = DOCUMENT_KINDS.filter((kind) => !rows.some((r) => r.kind === kind));
  if (missing.length > 0) {
    await ensureBuiltIn(deps.db, deps.clock, deps.ids, missing);
    rows = await listCurrentTemplates(deps.db);
  }
  const order = (kind: string) => DOCUMENT_KINDS.indexOf(kind as DocumentKind);
  return { items: rows.sort((a, b) => order(a.kind) - order(b.kind)).map(toView) };
}

export async function templateVersions(
  deps: ServiceDeps,
  actor: Actor,
  kind: DocumentKind,
): Promise<{ items: DocumentTemplateView[] }> {
  assertManager(actor);
  await ensureBuiltIn(deps.db, deps.clock, deps.ids, [kind]);
  return { items: (await listTemplateVersions(deps.db, kind)).map(toView) };
}

/**
 * Save an edited template as the next version.
 * @throws FORBIDDEN (not the enterprise administrator), VALIDATION_FAILED (unknown field, stray braces, bad prefix — each named)
 */
export async function saveTemplate(
  deps: ServiceDeps,
  actor: Actor,
  kind: DocumentKind,
  input: DocumentTemplateInput,
): Promise<DocumentTemplateView> {
  assertManager(actor);
  const issues = validateTemplate(kind, input);
  if (issues.length > 0) {
    throw new DomainError('VALIDATION_FAILED', {
      message: issues.map((i) => i.message).join('; '),
      details: { in: 'body', issues },
    });
  }
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    const current = await currentTemplate(trx, deps.clock, deps.ids, kind);
    await insertTemplate(trx, {
      id,
      kind,
      version: current.version + 1,
      title: input.title,
      addressee: input.addressee,
      body: input.body,
      number_prefix: input.numberPrefix,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'document_template.save',
      entityType: 'document_template',
      entityId: id,
      before: { kind, version: current.version },
      after: { kind, version: current.version + 1 },
    });
  });
  const saved = await findCurrentTemplate(deps.db, kind);
  if (saved === undefined) throw new Error('template vanished');
  return toView(saved);
}
