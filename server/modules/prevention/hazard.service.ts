/**
 * 排查台账 (the hazard ledger): a 矛盾隐患 found by screening or met in daily work — what, where, how
 * many workers, category, risk level (低/中/高/重大), lead leader (包案) and responsible department,
 * measures each with a deadline, progress notes (append-only) — kept until 销号: asked with evidence
 * by those who keep it, approved or sent back by the LEVEL ABOVE the 集团/矿/公司 that owns it, never
 * by that level itself (《信访工作条例》第5条 源头预防、第13条; 第39条 accountability for what is left
 * unresolved). A hazard becomes a petition through registration (intake), and a petition may reveal a
 * hazard; both are linked and the case's history shows it (through the petition engine). Every
 * change is audited in its transaction.
 */
import type { Kysely } from 'kysely';
import { can, LEADER_ROLES, scopeOf, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { mayApproveClearing } from '../../../common/domain/screening.ts';
import { levelAbovePath } from '../../../common/domain/unit-tree.ts';
import { DomainError } from '../../../common/errors.ts';
import type {
  HazardData,
  HazardLeadInput,
  HazardListQuery,
  HazardListView,
  HazardSummary,
  HazardToPetitionView,
  HazardView,
  MeasureInput,
  PetitionHazardsView,
} from '../../../common/schemas/prevention.ts';
import { HazardListQuerySchema } from '../../../common/schemas/prevention.ts';
import type { RegisterPetitionData } from '../../../common/schemas/petition.ts';
import type { DB, HazardTable } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { assertSelectableCategory } from '../category/index.ts';
import { assertMayRegister, noticesForRegistration, receiptOf, registerInTransaction } from '../intake/index.ts';
import { notify, type NoticeData } from '../notification/index.ts';
import {
  canRead,
  loadCase,
  loadReadable,
  recordPetitionEvent,
  type CaseRow,
  type PetitionDeps,
} from '../petition/index.ts';
import { ancestorIds, findUnitById, officeLevelPathOf, unitFilterPath } from '../unit/index.ts';
import { officeOf, usersByIds } from '../user/index.ts';
import { fieldError } from '../../../common/errors.ts';
import { notFound } from './prevention-errors.ts';
import {
  completeMeasureRow,
  findHazard,
  hazardIdsOfPetition,
  hazardRowsByIds,
  insertHazard,
  insertMeasures,
  insertNote,
  latestMeasureDue,
  listHazardRows,
  measuresOf,
  notesOf,
  petitionLinksOfHazard,
  linkHazardPetition,
  updateHazardRow,
  type HazardRow,
} from './prevention.repository.ts';

type UnitRef = { id: string; path: string };

function unitOf(row: HazardRow): UnitRef {
  return { id: row.unit_id, path: row.unit_path };
}

function mayRead(actor: Actor, row: HazardRow): boolean {
  return row.lead_leader_id === actor.id || can(actor, 'hazard.read', unitOf(row));
}

/** Keep the hazard: its unit's heads and the office of its subtree, and its lead leader (包案). */
function mayManage(actor: Actor, row: HazardRow): boolean {
  return row.lead_leader_id === actor.id || can(actor, 'hazard.manage', unitOf(row));
}

function mayApprove(actor: Actor, row: HazardRow): boolean {
  return can(actor, 'hazard.approve', unitOf(row)) && mayApproveClearing(actor.unitPath, row.owner_path);
}

function summaryOf(row: HazardRow): HazardSummary {
  return {
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name },
    title: row.title,
    location: row.location,
    workersInvolved: row.workers_involved,
    categoryCode: row.category_code,
    riskLevel: row.risk_level,
    state: row.state,
    leadLeader: row.lead_leader_id === null ? null : { id: row.lead_leader_id, name: row.lead_leader_name ?? '' },
    dueDate: row.due_date,
    foundDate: row.found_date,
    campaignId: row.campaign_id,
  };
}

async function loadHazard(deps: Pick<ServiceDeps, 'db'>, actor: Actor, id: string): Promise<HazardRow> {
  const row = await findHazard(deps.db, id);
  if (row === undefined || !mayRead(actor, row)) throw notFound('Hazard', id);
  return row;
}

async function loadManageable(deps: Pick<ServiceDeps, 'db'>, actor: Actor, id: string): Promise<HazardRow> {
  const row = await loadHazard(deps, actor, id);
  if (!mayManage(actor, row)) throw new DomainError('FORBIDDEN', { message: 'You may not keep this hazard' });
  return row;
}

function stateIllegal(row: HazardRow, step: string): DomainError {
  return new DomainError('HAZARD_STATE_ILLEGAL', {
    message: `A hazard that is ${row.state} cannot ${step}`,
    details: { state: row.state },
  });
}

/** The full view: measures, notes, the petitions linked that the reader may open, what he may do. */
export async function hazardView(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  actor: Actor,
  row: HazardRow,
): Promise<HazardView> {
  const [measures, notes, links] = await Promise.all([
    measuresOf(deps.db, row.id),
    notesOf(deps.db, row.id),
    petitionLinksOfHazard(deps.db, row.id),
  ]);
  const petitions: HazardView['petitions'] = [];
  for (const link of links) {
    const loaded = await loadCase(deps.db, link.petition_id);
    if (loaded !== null && canRead(actor, loaded.facts)) {
      petitions.push({ id: link.petition_id, caseNumber: link.case_number, relation: link.relation });
    }
  }
  const today = localDateOf(deps.clock.now().toISOString());
  const actions: HazardView['actions'] = [];
  if (row.state !== 'cleared' && mayManage(actor, row)) actions.push('manage');
  if (row.state !== 'cleared' && can(actor, 'hazard.manage', unitOf(row))) actions.push('lead');
  if (row.state === 'open' && mayManage(actor, row)) actions.push('requestClear');
  if (row.state === 'clearing' && mayApprove(actor, row)) actions.push('approveClear');
  if (can(actor, 'petition.register', unitOf(row))) actions.push('toPetition');
  return {
    ...summaryOf(row),
    responsibleDepartment: row.responsible_department,
    campaign: row.campaign_id === null ? null : { id: row.campaign_id, topic: row.campaign_topic ?? '' },
    measures: measures.map((m) => ({
      id: m.id,
      text: m.text,
      dueDate: m.due_date,
      doneAt: m.done_at,
      overdue: m.done_at === null && m.due_date < today,
    })),
    notes: notes.map((n) => ({ id: n.id, kind: n.kind, text: n.text, authorName: n.author_name, at: n.created_at })),
    petitions,
    clearEvidence: row.clear_evidence,
    clearedAt: row.cleared_at,
    actions,
    createdAt: row.created_at,
  };
}

async function viewById(deps: Pick<ServiceDeps, 'db' | 'clock'>, actor: Actor, id: string): Promise<HazardView> {
  return hazardView(deps, actor, await loadHazard(deps, actor, id));
}

/** A lead leader (包案): an active chief or deputy of the hazard's unit or a level above it. */
async function checkLeader(db: Kysely<DB>, unit: UnitRef, leaderId: string, field: string): Promise<void> {
  const [leader] = await usersByIds(db, [leaderId]);
  if (
    leader?.active !== 1 ||
    !(LEADER_ROLES as readonly string[]).includes(leader.role) ||
    !ancestorIds(unit.path).includes(leader.unit_id)
  ) {
    throw fieldError(field, 'must be an active leader of the unit or a level above it');
  }
}

function checkMeasure(measure: MeasureInput, today: string, field: string): void {
  if (measure.dueDate < today) throw fieldError(`${field}dueDate`, 'a measure cannot be due in the past');
}

/**
 * A hazard's data checked before anything is written: the category selectable, the lead leader a
 * leader above the unit, no measure due in the past. `prefix` names the field in a list (`hazards.0.`).
 * @throws VALIDATION_FAILED
 */
export async function checkHazardData(
  db: Kysely<DB>,
  now: Date,
  unit: UnitRef,
  data: HazardData,
  prefix = '',
): Promise<void> {
  if (data.categoryCode !== undefined && data.categoryCode !== '') {
    await assertSelectableCategory(db, data.categoryCode, `${prefix}categoryCode`);
  }
  if (data.leadLeaderId !== undefined) await checkLeader(db, unit, data.leadLeaderId, `${prefix}leadLeaderId`);
  const today = localDateOf(now.toISOString());
  data.measures.forEach((m, i) => {
    checkMeasure(m, today, `${prefix}measures.${i}.`);
  });
}

/**
 * Write a checked hazard (checkHazardData) at `unit`, in the caller's transaction: owned by the
 * unit's 集团/矿/公司 level, its measures, the audit row. @returns its id
 */
export async function createHazardInTransaction(
  trx: Kysely<DB>,
  deps: ServiceDeps,
  actor: Actor,
  unit: UnitRef,
  data: HazardData,
  campaignId: string | null,
): Promise<string> {
  const at = deps.clock.now().toISOString();
  const id = deps.ids.next();
  const measures = data.measures.map((m) => ({
    id: deps.ids.next(),
    hazard_id: id,
    text: m.text,
    due_date: m.dueDate,
    done_at: null,
    done_by: null,
    created_at: at,
  }));
  const row: HazardTable = {
    id,
    unit_id: unit.id,
    unit_path: unit.path,
    owner_path: await officeLevelPathOf(trx, unit.path),
    campaign_id: campaignId,
    title: data.title,
    location: data.location,
    workers_involved: data.workersInvolved,
    category_code: data.categoryCode === undefined || data.categoryCode === '' ? null : data.categoryCode,
    risk_level: data.riskLevel,
    lead_leader_id: data.leadLeaderId ?? null,
    responsible_department: data.responsibleDepartment ?? null,
    state: 'open',
    due_date: measures.reduce<string | null>((max, m) => (max === null || m.due_date > max ? m.due_date : max), null),
    clear_evidence: null,
    clear_requested_at: null,
    clear_requested_by: null,
    cleared_at: null,
    cleared_by: null,
    cleared_on: null,
    found_date: localDateOf(at),
    created_by: actor.id,
    created_at: at,
    updated_at: at,
  };
  await insertHazard(trx, row);
  await insertMeasures(trx, measures);
  await appendAudit(trx, deps.clock, {
    actorId: actor.id,
    action: 'hazard.create',
    entityType: 'hazard',
    entityId: id,
    after: {
      unitId: unit.id,
      campaignId,
      title: data.title,
      riskLevel: data.riskLevel,
      categoryCode: row.category_code,
      workersInvolved: data.workersInvolved,
      measures: measures.length,
    },
  });
  return id;
}

/** The unit a new hazard is entered at (the actor's own by default), where he may keep hazards. */
async function hazardUnit(deps: ServiceDeps, actor: Actor, unitId: string | undefined): Promise<UnitRef> {
  const unit = await findUnitById(deps.db, unitId ?? actor.unitId);
  if (unit === undefined || !can(actor, 'unit.read', unit)) throw notFound('Unit', unitId ?? actor.unitId);
  if (!can(actor, 'hazard.manage', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'You may not enter hazards at this unit' });
  }
  if (unit.active !== 1) throw fieldError('unitId', 'the unit is inactive');
  return { id: unit.id, path: unit.path };
}

/**
 * Enter a hazard in the ledger (met in daily work, outside a campaign).
 * @throws VALIDATION_FAILED naming the field, NOT_FOUND, FORBIDDEN
 */
export async function createHazard(
  deps: ServiceDeps,
  actor: Actor,
  input: HazardData & { unitId?: string | undefined },
): Promise<HazardView> {
  const unit = await hazardUnit(deps, actor, input.unitId);
  await checkHazardData(deps.db, deps.clock.now(), unit, input);
  const id = await deps.db
    .transaction()
    .execute((trx) => createHazardInTransaction(trx, deps, actor, unit, input, null));
  return viewById(deps, actor, id);
}

export async function getHazard(deps: ServiceDeps, actor: Actor, id: string): Promise<HazardView> {
  return viewById(deps, actor, id);
}

/** The ledger in the reader's scope (and the hazards he leads), open and riskiest first. */
export async function listHazards(deps: ServiceDeps, actor: Actor, query: HazardListQuery): Promise<HazardListView> {
  const q = HazardListQuerySchema.parse(query);
  const scope = scopeOf(actor, 'hazard.read');
  if (scope.kind === 'none') throw new DomainError('FORBIDDEN', { message: 'You may not read the hazard ledger' });
  const scopePath = scope.kind === 'all' ? null : scope.kind === 'subtree' ? scope.path : actor.unitPath;
  const { rows, total } = await listHazardRows(
    deps.db,
    {
      scopePath,
      leadId: actor.id,
      state: q.state,
      campaignId: q.campaignId,
      unitPath: await unitFilterPath(deps.db, q.unitId),
      dates: { of: q.dateOf, from: q.from, to: q.to },
      clearedOnTime: q.clearedOnTime === 'true',
    },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
  );
  return { items: rows.map(summaryOf), total, page: q.page, pageSize: q.pageSize };
}

async function note(
  trx: Kysely<DB>,
  deps: ServiceDeps,
  actor: Actor,
  hazardId: string,
  kind: 'note' | 'clear_requested' | 'cleared' | 'sent_back',
  text: string,
): Promise<void> {
  await insertNote(trx, {
    id: deps.ids.next(),
    hazard_id: hazardId,
    kind,
    text,
    author_id: actor.id,
    created_at: deps.clock.now().toISOString(),
  });
}

/**
 * Name the lead leader (包案, 领导包案) and the responsible department: the mine's leader takes the
 * hazard on. @throws VALIDATION_FAILED (leadLeaderId), HAZARD_STATE_ILLEGAL, NOT_FOUND, FORBIDDEN
 */
export async function leadHazard(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: HazardLeadInput,
): Promise<HazardView> {
  const row = await loadHazard(deps, actor, id);
  if (!can(actor, 'hazard.manage', unitOf(row))) {
    throw new DomainError('FORBIDDEN', { message: 'You may not name the lead of this hazard' });
  }
  if (row.state === 'cleared') throw stateIllegal(row, 'change its lead');
  await checkLeader(deps.db, unitOf(row), input.leadLeaderId, 'leadLeaderId');
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const patch = {
      lead_leader_id: input.leadLeaderId,
      responsible_department: input.responsibleDepartment ?? row.responsible_department,
      updated_at: at,
    };
    if (!(await updateHazardRow(trx, id, ['open', 'clearing'], patch))) throw stateIllegal(row, 'change its lead');
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'hazard.lead',
      entityType: 'hazard',
      entityId: id,
      before: { leadLeaderId: row.lead_leader_id, responsibleDepartment: row.responsible_department },
      after: { leadLeaderId: patch.lead_leader_id, responsibleDepartment: patch.responsible_department },
    });
  });
  return viewById(deps, actor, id);
}

/** A measure with its deadline. @throws VALIDATION_FAILED (dueDate), HAZARD_STATE_ILLEGAL, NOT_FOUND, FORBIDDEN */
export async function addMeasure(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: MeasureInput,
): Promise<HazardView> {
  const row = await loadManageable(deps, actor, id);
  if (row.state !== 'open') throw stateIllegal(row, 'take a new measure');
  checkMeasure(input, localDateOf(deps.clock.now().toISOString()), '');
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const measureId = deps.ids.next();
    await insertMeasures(trx, [
      {
        id: measureId,
        hazard_id: id,
        text: input.text,
        due_date: input.dueDate,
        done_at: null,
        done_by: null,
        created_at: at,
      },
    ]);
    if (!(await updateHazardRow(trx, id, ['open'], { due_date: await latestMeasureDue(trx, id), updated_at: at }))) {
      throw stateIllegal(row, 'take a new measure');
    }
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'hazard.add_measure',
      entityType: 'hazard',
      entityId: id,
      after: { measureId, text: input.text, dueDate: input.dueDate },
    });
  });
  return viewById(deps, actor, id);
}

/** A measure done. @throws NOT_FOUND (measure), HAZARD_STATE_ILLEGAL, FORBIDDEN */
export async function completeMeasure(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  measureId: string,
): Promise<HazardView> {
  const row = await loadManageable(deps, actor, id);
  if (row.state === 'cleared') throw stateIllegal(row, 'change its measures');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await completeMeasureRow(trx, id, measureId, deps.clock.now().toISOString(), actor.id))) {
      throw notFound('Open measure', measureId);
    }
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'hazard.complete_measure',
      entityType: 'hazard',
      entityId: id,
      after: { measureId },
    });
  });
  return viewById(deps, actor, id);
}

/** A progress note (append-only: notes are never edited). @throws HAZARD_STATE_ILLEGAL, NOT_FOUND, FORBIDDEN */
export async function addNote(deps: ServiceDeps, actor: Actor, id: string, text: string): Promise<HazardView> {
  const row = await loadManageable(deps, actor, id);
  if (row.state === 'cleared') throw stateIllegal(row, 'take notes');
  await deps.db.transaction().execute(async (trx) => {
    await note(trx, deps, actor, id, 'note', text);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'hazard.note',
      entityType: 'hazard',
      entityId: id,
      after: { length: text.length },
    });
  });
  return viewById(deps, actor, id);
}

/** The office of the level above the owning level: who decides the 销号. */
async function approversOf(db: Kysely<DB>, row: HazardRow): Promise<string[]> {
  const above = await officeLevelPathOf(db, levelAbovePath(row.owner_path));
  const unitId = above.split('/').filter(Boolean).at(-1) ?? '';
  return (await officeOf(db, unitId)).map((u) => u.id);
}

function hazardNoticeData(row: HazardRow): NoticeData {
  return { title: row.title, unitName: row.unit_name };
}

/**
 * Ask for 销号 with the evidence of what was done; the office of the level above is told.
 * @throws VALIDATION_FAILED (evidence), HAZARD_STATE_ILLEGAL, NOT_FOUND, FORBIDDEN
 */
export async function requestClearing(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  evidence: string,
): Promise<HazardView> {
  const row = await loadManageable(deps, actor, id);
  if (evidence.trim().length < 2) throw fieldError('evidence', '销号 needs the evidence of what was done');
  if (row.state !== 'open') throw stateIllegal(row, 'be asked to clear');
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const patch = {
      state: 'clearing' as const,
      clear_evidence: evidence,
      clear_requested_at: at,
      clear_requested_by: actor.id,
      updated_at: at,
    };
    if (!(await updateHazardRow(trx, id, ['open'], patch))) throw stateIllegal(row, 'be asked to clear');
    await note(trx, deps, actor, id, 'clear_requested', evidence);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'hazard.request_clear',
      entityType: 'hazard',
      entityId: id,
      before: { state: row.state },
      after: { state: 'clearing', evidenceLength: evidence.length },
    });
    await notify(trx, deps, {
      kind: 'hazard_clear_requested',
      recipients: await approversOf(trx, row),
      data: hazardNoticeData(row),
      dedupeKey: `hazard_clear_requested:${id}:${at}`,
    });
  });
  return viewById(deps, actor, id);
}

/** The level above decides; the owning level itself is refused naming the approver. */
function assertMayDecide(actor: Actor, row: HazardRow): void {
  if (!can(actor, 'hazard.approve', unitOf(row))) {
    throw new DomainError('FORBIDDEN', { message: 'You may not decide the clearing of this hazard' });
  }
  if (!mayApproveClearing(actor.unitPath, row.owner_path)) {
    throw new DomainError('HAZARD_CLEARING_OWN_LEVEL', {
      message: 'The level above the owning level decides a 销号',
      details: {
        field: 'approver',
        issues: [{ path: ['approver'], message: 'the owning level cannot approve its own 销号' }],
      },
    });
  }
}

/**
 * Decide a 销号 request: approve (the hazard is cleared, on time or not against its latest measure
 * deadline) or send it back with the reason. Whoever asked and the lead leader are told.
 * @throws HAZARD_CLEARING_OWN_LEVEL, HAZARD_STATE_ILLEGAL, VALIDATION_FAILED (reason), NOT_FOUND, FORBIDDEN
 */
export async function decideClearing(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  decision: { approve: true; note: string } | { approve: false; reason: string },
): Promise<HazardView> {
  const row = await loadHazard(deps, actor, id);
  assertMayDecide(actor, row);
  if (row.state !== 'clearing') throw stateIllegal(row, decision.approve ? 'be cleared' : 'be sent back');
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const patch: Partial<HazardTable> = decision.approve
      ? { state: 'cleared', cleared_at: at, cleared_by: actor.id, cleared_on: localDateOf(at), updated_at: at }
      : { state: 'open', updated_at: at };
    if (!(await updateHazardRow(trx, id, ['clearing'], patch))) throw stateIllegal(row, 'be decided');
    await note(
      trx,
      deps,
      actor,
      id,
      decision.approve ? 'cleared' : 'sent_back',
      decision.approve ? decision.note : decision.reason,
    );
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: decision.approve ? 'hazard.approve_clear' : 'hazard.send_back',
      entityType: 'hazard',
      entityId: id,
      before: { state: 'clearing' },
      after: { state: patch.state },
    });
    await notify(trx, deps, {
      kind: decision.approve ? 'hazard_cleared' : 'hazard_sent_back',
      recipients: [row.clear_requested_by, row.lead_leader_id].filter((v): v is string => v !== null),
      data: hazardNoticeData(row),
      dedupeKey: `${decision.approve ? 'hazard_cleared' : 'hazard_sent_back'}:${id}:${at}`,
    });
  });
  return viewById(deps, actor, id);
}

/**
 * Turn a hazard into a petition (it has come to a petition): registered at the hazard's unit through
 * the intake module, linked both ways, the case's history shows the hazard.
 * @throws VALIDATION_FAILED (the registration's fields), NOT_FOUND, FORBIDDEN
 */
export async function hazardToPetition(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { petition: RegisterPetitionData },
): Promise<HazardToPetitionView> {
  const row = await loadHazard(deps, actor, id);
  assertMayRegister(actor, unitOf(row));
  const receipt = await deps.db.transaction().execute(async (trx) => {
    const notices = await noticesForRegistration(trx, actor, { path: row.unit_path, name: row.unit_name });
    const registered = await registerInTransaction(deps, trx, actor, input.petition, {
      registeredUnitId: row.unit_id,
      notices,
    });
    await linkInTransaction(trx, deps, actor, row, registered.loaded.petition, 'became');
    return receiptOf(registered, actor);
  });
  return { hazard: await viewById(deps, actor, id), receipt };
}

async function linkInTransaction(
  trx: Kysely<DB>,
  deps: PetitionDeps,
  actor: Actor,
  row: Pick<HazardRow, 'id' | 'title' | 'risk_level'>,
  petition: CaseRow,
  relation: 'became' | 'revealed',
): Promise<void> {
  await linkHazardPetition(trx, {
    hazard_id: row.id,
    petition_id: petition.id,
    relation,
    created_at: deps.clock.now().toISOString(),
  });
  await recordPetitionEvent(trx, deps, actor, petition, petition.registered_path, {
    kind: 'linkHazard',
    data: { hazardId: row.id, title: row.title, riskLevel: row.risk_level, relation },
    internal: true,
    audit: { after: { hazardId: row.id, relation } },
  });
  await appendAudit(trx, deps.clock, {
    actorId: actor.id,
    action: 'hazard.link_petition',
    entityType: 'hazard',
    entityId: row.id,
    after: { petitionId: petition.id, relation },
  });
}

/**
 * Record a hazard this petition revealed (from the case view): entered in the ledger at a unit the
 * actor keeps hazards for, linked to the case both ways.
 * @throws VALIDATION_FAILED, NOT_FOUND (the case), FORBIDDEN
 */
export async function recordRevealedHazard(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  input: HazardData & { unitId?: string | undefined },
): Promise<HazardView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  const unit = await hazardUnit(deps, actor, input.unitId);
  await checkHazardData(deps.db, deps.clock.now(), unit, input);
  const id = await deps.db.transaction().execute(async (trx) => {
    const hazardId = await createHazardInTransaction(trx, deps, actor, unit, input, null);
    await linkInTransaction(
      trx,
      deps,
      actor,
      { id: hazardId, title: input.title, risk_level: input.riskLevel },
      loaded.petition,
      'revealed',
    );
    return hazardId;
  });
  return viewById(deps, actor, id);
}

/** The hazards linked to a case that the reader may see. @throws NOT_FOUND (the case) */
export async function hazardsOfPetition(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
): Promise<PetitionHazardsView> {
  await loadReadable(deps, actor, petitionId);
  const rows = await hazardRowsByIds(deps.db, await hazardIdsOfPetition(deps.db, petitionId));
  return { items: rows.filter((r) => mayRead(actor, r)).map(summaryOf) };
}
