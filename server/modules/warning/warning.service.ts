/**
 * Early warnings read and acted on (预警研判, capability M9): the list in scope, red first; one
 * warning with its cases and analyses; acknowledge, analyse (研判: the judgement, the measures, who is
 * responsible and by when — the warning stops escalating), close. The scan that raises them is
 * warning-scan.service.ts.
 *
 * Who sees a warning: chief, deputy and officers whose subtree holds its unit, and auditors — never a
 * person recused from any case behind it (a cadre does not see the warning about the petitions naming them).
 */
import type { Kysely } from 'kysely';
import { can, hasAction, type Actor, type UnitRef } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import type { WarningLevel } from '../../../common/domain/risk.ts';
import { DomainError } from '../../../common/errors.ts';
import type {
  WarningAnalysisInput,
  WarningDetailView,
  WarningListQuery,
  WarningListView,
  WarningReason,
  WarningSummaryView,
} from '../../../common/schemas/warning.ts';
import { WarningListQuerySchema } from '../../../common/schemas/warning.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { recusedPetitionIds, summariesFor } from '../petition/index.ts';
import { usersByIds } from '../user/index.ts';
import type { WarningDeps } from './warning-scan.service.ts';
import {
  analysesOf,
  findWarningRow,
  insertAnalysis,
  updateWarning,
  warningRows,
  type WarningRow,
} from './warning.repository.ts';

export type { WarningDeps };

function unitOf(row: { unit_id: string; unit_path: string }): UnitRef {
  return { id: row.unit_id, path: row.unit_path };
}

function mayWatch(actor: Actor, unit: UnitRef): boolean {
  return can(actor, 'warning.read', unit);
}

function mayAct(actor: Actor, unit: UnitRef): boolean {
  return can(actor, 'warning.act', unit);
}

// ---------------------------------------------------------------------------------------------
// Reading and acting

function summaryOf(row: WarningRow): WarningSummaryView {
  return {
    id: row.id,
    kind: row.kind,
    level: row.level,
    title: row.title,
    unitId: row.unit_id,
    unitName: row.unit_name,
    status: row.status,
    reasons: JSON.parse(row.reasons_json) as WarningReason[],
    petitionCount: (JSON.parse(row.petition_ids_json) as string[]).length,
    escalationLevel: row.escalation_level,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Behind a case the viewer is recused from? Then the warning is not theirs to see. */
function behindRecused(row: WarningRow, recused: ReadonlySet<string>): boolean {
  return recused.size > 0 && (JSON.parse(row.petition_ids_json) as string[]).some((id) => recused.has(id));
}

/** What the actor may do with the warning now (its state ∩ their reach). */
function actionsFor(actor: Actor, row: WarningRow): WarningDetailView['actions'] {
  if (!mayAct(actor, unitOf(row))) return [];
  const actions: WarningDetailView['actions'] = [];
  if (row.status === 'open') actions.push('acknowledge');
  if (row.status !== 'closed') actions.push('analyse');
  if (row.status === 'analysed') actions.push('close');
  return actions;
}

const LEVEL_ORDER: Record<WarningLevel, number> = { red: 0, orange: 1, yellow: 2, blue: 3 };

export async function listWarnings(
  deps: WarningDeps,
  actor: Actor,
  rawQuery: WarningListQuery,
): Promise<WarningListView> {
  const query = WarningListQuerySchema.parse(rawQuery);
  if (!hasAction(actor.role, 'warning.read')) return { items: [], counts: { red: 0, orange: 0, yellow: 0, blue: 0 } };
  const [rows, recused] = await Promise.all([
    warningRows(deps.db, {
      // Auditors read across the enterprise; everyone else within their subtree.
      unitPath: actor.role === 'auditor' ? null : actor.unitPath,
      status: query.status,
      kind: query.kind,
      limit: 1000,
    }),
    recusedPetitionIds(deps.db, actor.id),
  ]);
  const visible = rows.filter((row) => !behindRecused(row, recused));
  const counts = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const row of visible) counts[row.level] += 1;
  const items = visible
    .filter((row) => query.level === undefined || row.level === query.level)
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || b.updated_at.localeCompare(a.updated_at))
    .slice(0, query.limit)
    .map(summaryOf);
  return { items, counts };
}

async function readable(deps: WarningDeps, actor: Actor, id: string): Promise<WarningRow> {
  const row = await findWarningRow(deps.db, id);
  if (
    row === undefined ||
    !mayWatch(actor, unitOf(row)) ||
    behindRecused(row, await recusedPetitionIds(deps.db, actor.id))
  ) {
    throw new DomainError('NOT_FOUND', { message: 'Warning not found' });
  }
  return row;
}

export async function getWarning(deps: WarningDeps, actor: Actor, id: string): Promise<WarningDetailView> {
  const row = await readable(deps, actor, id);
  const { items } = await summariesFor(deps, actor, (JSON.parse(row.petition_ids_json) as string[]).slice(0, 50));
  const [analyses, acknowledgers] = await Promise.all([
    analysesOf(deps.db, id),
    usersByIds(deps.db, row.acknowledged_by === null ? [] : [row.acknowledged_by]),
  ]);
  const acknowledger = acknowledgers[0];
  return {
    ...summaryOf(row),
    petitions: items,
    analyses: analyses.map((a) => ({
      id: a.id,
      authorName: a.display_name,
      judgement: a.judgement,
      measures: a.measures,
      responsible: a.responsible,
      dueDate: a.due_date,
      createdAt: a.created_at,
    })),
    acknowledgedByName: acknowledger?.display_name ?? null,
    acknowledgedAt: row.acknowledged_at,
    actions: actionsFor(actor, row),
  };
}

async function act(
  deps: WarningDeps,
  actor: Actor,
  id: string,
  action: 'acknowledge' | 'analyse' | 'close',
  write: (trx: Kysely<DB>, row: WarningRow, at: string) => Promise<Record<string, unknown>>,
): Promise<WarningDetailView> {
  const row = await readable(deps, actor, id);
  const allowed = actionsFor(actor, row).includes(action);
  if (!mayAct(actor, unitOf(row)))
    throw new DomainError('FORBIDDEN', { message: `You may not ${action} this warning` });
  if (!allowed)
    throw new DomainError('WARNING_STATE_ILLEGAL', {
      message: `Cannot ${action} a warning that is ${row.status}`,
      details: { status: row.status },
    });
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const after = await write(trx, row, at);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: `warning.${action}`,
      entityType: 'warning',
      entityId: id,
      before: { status: row.status },
      after,
    });
  });
  return getWarning(deps, actor, id);
}

export const acknowledgeWarning = (deps: WarningDeps, actor: Actor, id: string) =>
  act(deps, actor, id, 'acknowledge', async (trx, _row, at) => {
    await updateWarning(trx, id, {
      status: 'acknowledged',
      acknowledged_by: actor.id,
      acknowledged_at: at,
      updated_at: at,
    });
    return { status: 'acknowledged' };
  });

/** 研判: judgement, measures, who is responsible and by when; the warning stops escalating. */
export const analyseWarning = (deps: WarningDeps, actor: Actor, id: string, input: WarningAnalysisInput) =>
  act(deps, actor, id, 'analyse', async (trx, row, at) => {
    if (input.dueDate < localDateOf(at)) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'The date is in the past',
        details: { in: 'body', issues: [{ path: ['dueDate'], message: 'not before today' }] },
      });
    }
    const analysisId = deps.ids.next();
    await insertAnalysis(trx, {
      id: analysisId,
      warning_id: id,
      author_id: actor.id,
      judgement: input.judgement,
      measures: input.measures,
      responsible: input.responsible,
      due_date: input.dueDate,
      created_at: at,
    });
    await updateWarning(trx, id, {
      status: 'analysed',
      updated_at: at,
      ...(row.acknowledged_by === null ? { acknowledged_by: actor.id, acknowledged_at: at } : {}),
    });
    return { status: 'analysed', analysisId };
  });

export const closeWarning = (deps: WarningDeps, actor: Actor, id: string, note?: string) =>
  act(deps, actor, id, 'close', async (trx, _row, at) => {
    await updateWarning(trx, id, { status: 'closed', updated_at: at });
    return { status: 'closed', note: note ?? null };
  });

/**
 * The warning a plan is activated from (应急处置): one the actor may read and act on, as the emergency
 * module needs it. @throws NOT_FOUND (not visible to the actor), FORBIDDEN (visible, not the actor's to act on)
 */
export async function warningToActivate(
  deps: WarningDeps,
  actor: Actor,
  id: string,
): Promise<{ id: string; unitId: string; unitPath: string; level: WarningLevel; title: string }> {
  const row = await readable(deps, actor, id);
  if (!mayAct(actor, unitOf(row))) throw new DomainError('FORBIDDEN', { message: 'You may not act on this warning' });
  return { id: row.id, unitId: row.unit_id, unitPath: row.unit_path, level: row.level, title: row.title };
}
