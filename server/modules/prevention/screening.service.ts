/**
 * 矛盾隐患排查 (screening campaigns): a level opens a campaign over its subtree (《信访工作条例》第5条
 * 源头预防, 第13条 基层排查化解); it cascades — every covered unit gets a return to answer and its
 * heads are told — and each unit answers for itself with the hazards found or an explicit 无隐患. A
 * unit that has not answered by the cut-off (24:00 on the due date, China) is chased by the periodic
 * job: its heads first, then, after `screening.escalateAfterHours`, the office of the level above
 * (第39条: a unit that does not find and report is answerable). The date rules are pure
 * (common/domain/screening.ts).
 */
import { can, SCREENING_ANSWERER_ROLES, scopeOf, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { campaignDateProblem, chaseStep, isReturnOnTime, isReturnOverdue } from '../../../common/domain/screening.ts';
import { isOfficeLevel, levelAbovePath } from '../../../common/domain/unit-tree.ts';
import { DomainError } from '../../../common/errors.ts';
import type {
  AnswerReturnInputSchema,
  CampaignData,
  CampaignListView,
  CampaignRollupView,
  CampaignView,
  ReturnCounts,
  ReturnListQuery,
  ReturnListView,
  ReturnView,
} from '../../../common/schemas/prevention.ts';
import { ReturnListQuerySchema } from '../../../common/schemas/prevention.ts';
import type { UnitKind } from '../../../common/schemas/unit.ts';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { notify } from '../notification/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { readSetting } from '../setting/index.ts';
import { findUnitById, officeLevelPathOf, unitFilterPath, unitsUnder } from '../unit/index.ts';
import { activePeopleAt, officeOf } from '../user/index.ts';
import { checkHazardData, createHazardInTransaction } from './hazard.service.ts';
import { fieldError } from '../../../common/errors.ts';
import { notFound } from './prevention-errors.ts';
import {
  answerReturnRow,
  countsByCampaign,
  countsByUnit,
  findCampaign,
  findReturn,
  insertCampaign,
  insertReturns,
  listCampaignRows,
  markReturn,
  returnsInScope,
  returnsOfUnits,
  returnsToChase,
  type CampaignRow,
  type CountsRow,
  type ReturnRow,
} from './prevention.repository.ts';

type AnswerData = z.output<typeof AnswerReturnInputSchema>;

const EMPTY: ReturnCounts = {
  total: 0,
  answered: 0,
  answeredOnTime: 0,
  nil: 0,
  withHazards: 0,
  hazards: 0,
  missing: 0,
  pending: 0,
};

function countsOf(row: CountsRow | undefined): ReturnCounts {
  if (row === undefined) return EMPTY;
  const n = (v: unknown) => Number(v ?? 0);
  const total = n(row.total);
  const answered = n(row.answered);
  const missing = n(row.missing);
  return {
    total,
    answered,
    answeredOnTime: n(row.answered_on_time),
    nil: n(row.nil),
    withHazards: n(row.with_hazards),
    hazards: n(row.hazards),
    missing,
    pending: total - answered - missing,
  };
}

function kindsOf(row: CampaignRow): UnitKind[] | null {
  return row.unit_kinds === null ? null : (row.unit_kinds.split(',') as UnitKind[]);
}

function campaignView(row: CampaignRow, counts: ReturnCounts): CampaignView {
  return {
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name },
    topic: row.topic,
    description: row.description,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    dueDate: row.due_date,
    unitKinds: kindsOf(row),
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    counts,
  };
}

function returnView(actor: Actor, row: ReturnRow, now: string): ReturnView {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    topic: row.topic,
    unit: { id: row.unit_id, name: row.unit_name },
    dueDate: row.due_date,
    status: row.status,
    overdue: row.status === 'pending' && isReturnOverdue(row.due_date, now),
    onTime: row.on_time === null ? null : row.on_time === 1,
    hazardCount: row.hazard_count,
    note: row.note,
    answeredAt: row.answered_at,
    answeredByName: row.answered_by_name,
    chasedAt: row.chased_at,
    escalatedAt: row.escalated_at,
    canAnswer: row.status === 'pending' && can(actor, 'screening.answer', { id: row.unit_id, path: row.unit_path }),
  };
}

/** The reader's subtree for screening (null: everything), or FORBIDDEN. */
function readScope(actor: Actor): string | null {
  const scope = scopeOf(actor, 'screening.read');
  if (scope.kind === 'none') throw new DomainError('FORBIDDEN', { message: 'You may not read screening campaigns' });
  return scope.kind === 'subtree' ? scope.path : scope.kind === 'unit' ? actor.unitPath : null;
}

/**
 * Open a campaign at an office level (集团/矿/公司) the actor manages: every active unit below it (of
 * the kinds chosen) gets a return, and the people who answer for each are told. One transaction.
 * @throws VALIDATION_FAILED (unitId, periodTo, dueDate, unitKinds), NOT_FOUND, FORBIDDEN
 */
export async function createCampaign(deps: ServiceDeps, actor: Actor, input: CampaignData): Promise<CampaignView> {
  const unit = await findUnitById(deps.db, input.unitId ?? actor.unitId);
  if (unit === undefined || !can(actor, 'unit.read', unit)) throw notFound('Unit', input.unitId ?? actor.unitId);
  if (!can(actor, 'screening.manage', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'You may not open a screening campaign here' });
  }
  if (!isOfficeLevel(unit.kind)) throw fieldError('unitId', 'a campaign is opened by a group, mine or company');
  const now = deps.clock.now().toISOString();
  const problem = campaignDateProblem({ from: input.periodFrom, to: input.periodTo }, input.dueDate, localDateOf(now));
  if (problem !== null) throw fieldError(problem.field, problem.message);
  const kinds = input.unitKinds === undefined ? null : [...new Set(input.unitKinds)];
  const covered = (await unitsUnder(deps.db, unit.path)).filter(
    (u) => u.active === 1 && u.id !== unit.id && u.kind !== 'enterprise' && (kinds === null || kinds.includes(u.kind)),
  );
  if (covered.length === 0) throw fieldError('unitKinds', 'no active unit below answers this campaign');

  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await insertCampaign(trx, {
      id,
      unit_id: unit.id,
      unit_path: unit.path,
      topic: input.topic,
      description: input.description,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      due_date: input.dueDate,
      unit_kinds: kinds === null ? null : kinds.join(','),
      created_by: actor.id,
      created_at: now,
    });
    await insertReturns(
      trx,
      covered.map((u) => ({
        id: deps.ids.next(),
        campaign_id: id,
        unit_id: u.id,
        unit_path: u.path,
        due_date: input.dueDate,
        status: 'pending' as const,
        hazard_count: 0,
        note: null,
        answered_at: null,
        answered_by: null,
        on_time: null,
        chased_at: null,
        escalated_at: null,
      })),
    );
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'screening.create',
      entityType: 'screening_campaign',
      entityId: id,
      after: {
        unitId: unit.id,
        topic: input.topic,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        dueDate: input.dueDate,
        unitKinds: kinds,
        returns: covered.length,
      },
    });
    const people = await activePeopleAt(
      trx,
      covered.map((u) => u.id),
      SCREENING_ANSWERER_ROLES,
    );
    await notify(trx, deps, {
      kind: 'screening_opened',
      recipients: people.map((p) => p.id),
      data: { title: input.topic, unitName: unit.name, dueDate: input.dueDate },
      dedupeKey: `screening_opened:${id}`,
    });
  });
  return getCampaign(deps, actor, id);
}

/** A campaign the actor meets: opened in his subtree, or covering a unit of it. @throws NOT_FOUND */
async function loadCampaign(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<{ row: CampaignRow; scope: string | null }> {
  const scope = readScope(actor);
  const row = await findCampaign(deps.db, id);
  if (row === undefined) throw notFound('Campaign', id);
  if (scope === null || row.unit_path.startsWith(scope)) return { row, scope: null };
  const inScope = await countsByCampaign(deps.db, [id], scope, localDateOf(deps.clock.now().toISOString()));
  if (inScope.length === 0) throw notFound('Campaign', id);
  // Opened above the reader: he sees the returns of his own subtree only.
  return { row, scope };
}

/** One campaign with the counts of the returns the actor may see. */
export async function getCampaign(deps: ServiceDeps, actor: Actor, id: string): Promise<CampaignView> {
  const { row, scope } = await loadCampaign(deps, actor, id);
  const [counts] = await countsByCampaign(deps.db, [id], scope, localDateOf(deps.clock.now().toISOString()));
  return campaignView(row, countsOf(counts));
}

/** The campaigns the actor meets, newest first, each with the counts of his subtree. */
export async function listCampaigns(deps: ServiceDeps, actor: Actor): Promise<CampaignListView> {
  const scope = readScope(actor);
  const rows = await listCampaignRows(deps.db, scope, 200);
  const today = localDateOf(deps.clock.now().toISOString());
  const counts = new Map(
    (
      await countsByCampaign(
        deps.db,
        rows.map((r) => r.id),
        scope,
        today,
      )
    ).map((c) => [c.key, c]),
  );
  return { items: rows.map((row) => campaignView(row, countsOf(counts.get(row.id)))) };
}

/**
 * 排查汇总: one campaign per direct child of a unit (each over its subtree) — answered, 无隐患, hazards,
 * missing — with the returns of the unit and its children; choosing a child drills down (a mine, then
 * its 区队). The unit is the campaign's by default, or the reader's own when the campaign was opened above.
 * @throws NOT_FOUND (campaign, or a unit outside it or outside the reader's scope)
 */
export async function getCampaignRollup(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  unitId: string | undefined,
): Promise<CampaignRollupView> {
  const { row, scope } = await loadCampaign(deps, actor, id);
  const unit = await findUnitById(deps.db, unitId ?? (scope === null ? row.unit_id : actor.unitId));
  const inCampaign = unit !== undefined && unit.path.startsWith(row.unit_path);
  const visible =
    unit !== undefined && (scope === null ? can(actor, 'screening.read', unit) : unit.path.startsWith(scope));
  if (unit === undefined || !inCampaign || !visible) throw notFound('Unit', unitId ?? '');
  const subtree = await unitsUnder(deps.db, unit.path);
  const children = subtree.filter((u) => u.parent_id === unit.id);
  const parents = new Set(subtree.map((u) => u.parent_id));
  const today = localDateOf(deps.clock.now().toISOString());
  const [counts, returns] = await Promise.all([
    countsByUnit(deps.db, id, [unit, ...children], today),
    returnsOfUnits(deps.db, [unit.id, ...children.map((c) => c.id)], id),
  ]);
  const byKey = new Map(counts.map((c) => [c.key, c]));
  const now = deps.clock.now().toISOString();
  return {
    campaign: campaignView(row, countsOf(byKey.get(unit.id))),
    unit: { id: unit.id, name: unit.name },
    total: countsOf(byKey.get(unit.id)),
    byUnit: children
      .filter((c) => byKey.has(c.id))
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((c) => ({ ...countsOf(byKey.get(c.id)), unitId: c.id, unitName: c.name, hasChildren: parents.has(c.id) })),
    returns: returns.map((r) => returnView(actor, r, now)),
  };
}

/** The returns of the actor's own unit (我的排查任务), pending first. */
export async function listMyReturns(deps: ServiceDeps, actor: Actor): Promise<ReturnListView> {
  readScope(actor);
  const now = deps.clock.now().toISOString();
  const rows = await returnsOfUnits(deps.db, [actor.unitId], null);
  const order = (r: ReturnRow) => (r.status === 'pending' ? 0 : 1);
  return { items: rows.sort((a, b) => order(a) - order(b)).map((r) => returnView(actor, r, now)) };
}

/**
 * 排查报送 of a unit's subtree within the reader's scope (never wider), due in a period — what
 * screening.answeredOnTime counts, so its drill-down lists the same returns (第39条: appraised on them).
 * @throws FORBIDDEN (no screening reader), VALIDATION_FAILED
 */
export async function listReturns(deps: ServiceDeps, actor: Actor, rawQuery: ReturnListQuery): Promise<ReturnListView> {
  const scopePath = readScope(actor);
  const query = ReturnListQuerySchema.parse(rawQuery);
  const now = deps.clock.now().toISOString();
  const rows = await returnsInScope(
    deps.db,
    {
      scopePath,
      unitPath: await unitFilterPath(deps.db, query.unitId),
      from: query.from,
      to: query.to,
      onTime: query.onTime === 'true',
    },
    500,
  );
  return { items: rows.map((r) => returnView(actor, r, now)) };
}

/**
 * A unit answers a campaign, once: 无隐患, or the hazards found (each entered in the ledger, owned by
 * the unit's office level). The unit must be covered by the campaign and be the actor's own.
 * @throws VALIDATION_FAILED (unitId not covered; a hazard's field), FORBIDDEN, SCREENING_RETURN_ANSWERED, NOT_FOUND
 */
export async function answerCampaign(
  deps: PetitionDeps,
  actor: Actor,
  campaignId: string,
  input: AnswerData,
): Promise<ReturnView> {
  const campaign = await findCampaign(deps.db, campaignId);
  if (campaign === undefined) throw notFound('Campaign', campaignId);
  const unitId = input.unitId ?? actor.unitId;
  const row = await findReturn(deps.db, campaignId, unitId);
  if (row === undefined) throw fieldError('unitId', 'this unit is not covered by the campaign');
  const unit = { id: row.unit_id, path: row.unit_path };
  if (!can(actor, 'screening.answer', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'A unit answers a campaign for itself' });
  }
  const answered = () =>
    new DomainError('SCREENING_RETURN_ANSWERED', {
      message: 'This unit has already answered the campaign',
      details: { field: 'unitId', issues: [{ path: ['unitId'], message: 'already answered' }] },
    });
  if (row.status !== 'pending') throw answered();
  for (const [index, hazard] of input.hazards.entries()) {
    await checkHazardData(deps.db, deps.clock.now(), unit, hazard, `hazards.${index}.`);
  }
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const hazard of input.hazards) {
      await createHazardInTransaction(trx, deps, actor, unit, hazard, campaignId);
    }
    const done = await answerReturnRow(trx, row.id, {
      status: input.nil ? 'nil' : 'hazards',
      hazard_count: input.hazards.length,
      note: input.note === undefined || input.note === '' ? null : input.note,
      answered_at: at,
      answered_by: actor.id,
      on_time: isReturnOnTime(row.due_date, at) ? 1 : 0,
    });
    if (!done) throw answered();
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'screening.answer',
      entityType: 'screening_campaign',
      entityId: campaignId,
      after: { unitId, nil: input.nil, hazards: input.hazards.length, onTime: isReturnOnTime(row.due_date, at) },
    });
  });
  const fresh = await findReturn(deps.db, campaignId, unitId);
  if (fresh === undefined) throw notFound('Return', row.id);
  return returnView(actor, fresh, at);
}

/**
 * The periodic chase (server/main.ts): each return past its cut-off and still unanswered moves one
 * step up the ladder of `chaseStep` — its unit's heads at the cut-off, then the office of the level
 * above once `screening.escalateAfterHours` more have passed. Idempotent: each step is marked on the
 * return in the same transaction as its notice, and the notices carry a dedupe key.
 * @returns how many returns were chased to their heads and escalated above
 */
export async function chaseScreeningReturns(deps: ServiceDeps): Promise<{ chased: number; escalated: number }> {
  const now = deps.clock.now().toISOString();
  const rows = await returnsToChase(deps.db, localDateOf(now));
  const graceByEnterprise = new Map<string, number>();
  let chased = 0;
  let escalated = 0;
  for (const row of rows) {
    const enterprisePath = `/${row.unit_path.split('/')[1] ?? ''}/`;
    let grace = graceByEnterprise.get(enterprisePath);
    if (grace === undefined) {
      grace = await readSetting(deps.db, enterprisePath, 'screening.escalateAfterHours');
      graceByEnterprise.set(enterprisePath, grace);
    }
    const step = chaseStep(
      { dueDate: row.due_date, answered: false, chasedAt: row.chased_at, escalatedAt: row.escalated_at },
      now,
      grace,
    );
    if (step === 'none') continue;
    const data = { title: row.topic, unitName: row.unit_name, dueDate: row.due_date };
    await deps.db.transaction().execute(async (trx) => {
      if (step === 'heads') {
        if (!(await markReturn(trx, row.id, 'chased_at', now))) return;
        const heads = await activePeopleAt(trx, [row.unit_id], SCREENING_ANSWERER_ROLES);
        await notify(trx, deps, {
          kind: 'screening_overdue',
          recipients: heads.map((p) => p.id),
          data,
          dedupeKey: `screening_overdue:${row.id}`,
        });
        chased += 1;
      } else {
        if (!(await markReturn(trx, row.id, 'escalated_at', now))) return;
        // The office of the level above: the nearest 集团/矿/公司 at or above the unit's parent.
        const officePath = await officeLevelPathOf(trx, levelAbovePath(row.unit_path));
        const officeUnitId = officePath.split('/').filter(Boolean).at(-1) ?? '';
        const office = await officeOf(trx, officeUnitId);
        await notify(trx, deps, {
          kind: 'screening_escalated',
          recipients: office.map((p) => p.id),
          data,
          dedupeKey: `screening_escalated:${row.id}`,
        });
        escalated += 1;
      }
    });
  }
  return { chased, escalated };
}
