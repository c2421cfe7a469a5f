/**
 * 宣传教育 (publicity, issue #17): the office records the activities that teach workers the law and
 * the right channels — 法治宣传进区队, 典型案例, 政策解读 — with the date, the units and people reached
 * and the petition categories they address (《信访工作条例》第5条 源头预防; 第16条 宣传). The dashboard
 * sets them beside the hotspots (a hot category with no publicity shows), the figures count them, and a
 * published item is readable on the portal. `knowledgeRef` names the knowledge base's article or
 * typical case it presents, as text until that module's ids are settled.
 */
import { can, hasAction, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  PublicityInputSchema,
  PublicityListQuerySchema,
  type PortalPublicityListView,
  type PublicityInput,
  type PublicityKind,
  type PublicityListView,
  type PublicityView,
} from '../../../common/schemas/publicity.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import { assertSelectableCategory } from '../category/index.ts';
import { unitsByIds } from '../unit/index.ts';
import * as repo from './publicity.repository.ts';

function fieldError(field: string, message: string) {
  return new DomainError('VALIDATION_FAILED', {
    message: `${field}: ${message}`,
    details: { in: 'body', issues: [{ path: [field], message }] },
  });
}

async function viewsOf(deps: ServiceDeps, rows: readonly repo.ActivityRow[]): Promise<PublicityView[]> {
  const ids = rows.map((r) => r.id);
  const [units, topics] = await Promise.all([repo.unitsReachedOf(deps.db, ids), repo.topicsOf(deps.db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as PublicityKind,
    title: r.title,
    summary: r.summary,
    heldOn: r.held_on,
    unitId: r.unit_id,
    unitName: r.unit_name,
    units: units.filter((u) => u.activity_id === r.id).map((u) => ({ id: u.id, name: u.name })),
    peopleReached: r.people_reached,
    categories: topics.filter((t) => t.activity_id === r.id).map((t) => ({ code: t.code, name: t.name ?? t.code })),
    published: r.published === 1,
    knowledgeRef: r.knowledge_ref,
    createdAt: r.created_at,
  }));
}

/**
 * Record an activity held (not one planned: `heldOn` is today or before), reaching units the actor's
 * office covers, on selectable petition categories.
 * @throws FORBIDDEN, VALIDATION_FAILED (`unitIds`, `categoryCodes`, `heldOn`)
 */
export async function recordActivity(deps: ServiceDeps, actor: Actor, raw: PublicityInput): Promise<PublicityView> {
  const input = PublicityInputSchema.parse(raw);
  if (!can(actor, 'publicity.manage', { id: actor.unitId, path: actor.unitPath }))
    throw new DomainError('FORBIDDEN', { message: 'The office records publicity' });
  if (input.heldOn > localDateOf(deps.clock.now().toISOString()))
    throw fieldError('heldOn', 'record an activity once it is held');
  const unitIds = [...new Set(input.unitIds)];
  const units = await unitsByIds(deps.db, unitIds);
  if (
    units.length !== unitIds.length ||
    units.some((u) => u.active !== 1 || !can(actor, 'publicity.manage', { id: u.id, path: u.path }))
  )
    throw fieldError('unitIds', 'reach active units of your own office only');
  const codes = [...new Set(input.categoryCodes)];
  for (const code of codes) await assertSelectableCategory(deps.db, code, 'categoryCodes');
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertActivity(
      trx,
      {
        id,
        unit_id: actor.unitId,
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        held_on: input.heldOn,
        people_reached: input.peopleReached,
        published: input.published ? 1 : 0,
        knowledge_ref: input.knowledgeRef ?? null,
        created_by: actor.id,
        created_at: deps.clock.now().toISOString(),
      },
      unitIds,
      codes,
    );
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'publicity.record',
      entityType: 'publicity_activity',
      entityId: id,
      after: {
        kind: input.kind,
        heldOn: input.heldOn,
        unitIds,
        categoryCodes: codes,
        peopleReached: input.peopleReached,
      },
    });
  });
  const row = await repo.findActivity(deps.db, id);
  if (row === undefined) throw new DomainError('NOT_FOUND', { message: 'Activity not found' });
  const [view] = await viewsOf(deps, [row]);
  if (view === undefined) throw new DomainError('NOT_FOUND', { message: 'Activity not found' });
  return view;
}

/** The activities organised in the actor's subtree (every one for 考核/纪检), newest first. @throws FORBIDDEN */
export async function listActivities(
  deps: ServiceDeps,
  actor: Actor,
  rawQuery: { from?: string | undefined; to?: string | undefined },
): Promise<PublicityListView> {
  const query = PublicityListQuerySchema.parse(rawQuery);
  if (!hasAction(actor.role, 'publicity.read'))
    throw new DomainError('FORBIDDEN', { message: 'Publicity is kept by the office' });
  const rows = await repo.activitiesUnder(deps.db, actor.role === 'auditor' ? null : actor.unitPath, query);
  return {
    items: await viewsOf(
      deps,
      rows.filter((r) => can(actor, 'publicity.read', { id: r.unit_id, path: r.unit_path })),
    ),
  };
}

/** The published items, newest first, for the portal: what was taught, never who attended. */
export async function portalPublicity(deps: ServiceDeps): Promise<PortalPublicityListView> {
  const views = await viewsOf(deps, await repo.publishedActivities(deps.db));
  return {
    items: views.map((v) => ({
      id: v.id,
      kind: v.kind,
      title: v.title,
      summary: v.summary,
      heldOn: v.heldOn,
      categories: v.categories.map((c) => c.name),
    })),
  };
}

/**
 * For the dashboard's hotspots: per first-level category code, the activities held in the period that
 * reached a unit of the subtree `path`. A hot category missing here had no publicity on its topic.
 */
export async function publicityByTopic(
  deps: ServiceDeps,
  path: string,
  period: { from: string; to: string },
): Promise<Map<string, number>> {
  const rows = await repo.activitiesByTopic(deps.db, path, period.from, period.to);
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}
