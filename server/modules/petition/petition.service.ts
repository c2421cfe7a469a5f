/**
 * Use cases of the petition: register it, read it, list it, and move it along its path with one
 * verb per step. Every step checks the state machine (common/domain/petition-state.ts) and the
 * access policy (petition.policy.ts), then in ONE transaction updates the petition, appends a
 * `petition_event`, recomputes the nearest deadline, and appends the audit row.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../../common/domain/access.ts';
import { calendarFromEntries, localDateOf, type Calendar } from '../../../common/domain/calendar.ts';
import { categoryLabel } from '../../../common/domain/category.ts';
import {
  computeDeadlines,
  nearestOpenDeadline,
  DEFAULT_DEADLINE_POLICY,
  type Deadline,
  type DeadlinePolicy,
} from '../../../common/domain/deadlines.ts';
import { maskIdNumber, maskPhone } from '../../../common/domain/identity.ts';
import {
  canPerform,
  isOpen,
  nextState,
  PETITION_STATES,
  PETITION_TRANSITIONS,
  type PetitionActivity,
  type PetitionState,
  type PetitionTransition,
} from '../../../common/domain/petition-state.ts';
import { DomainError } from '../../../common/errors.ts';
import type {
  PetitionerLookupView,
  PetitionDetailView,
  PetitionListQuery,
  PetitionListView,
  PetitionSummaryView,
  RegisterPetitionData,
} from '../../../common/schemas/petition.ts';
import { PetitionListQuerySchema } from '../../../common/schemas/petition.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import type { DB } from '../../db/schema.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { assertSelectableCategory, findCategoryLabel } from '../category/index.ts';
import { findUnitById } from '../unit/index.ts';
import { findUserById } from '../user/index.ts';
import { issueReplyDocument, type CaseEvent, type DocumentCase } from './document-core.ts';
import { deadlineFacts } from './petition-facts.ts';
import { assessRisk, loadRiskPolicy } from './petition-risk.ts';
import { highlightOf, searchPredicate, searchTextOf, writeSearchText } from './petition-search.ts';
import { findTextMatches, writeFingerprint } from './petition-fingerprint.ts';
import type { RiskPolicy, RiskReason } from '../../../common/domain/risk.ts';
import {
  canAct,
  canRead,
  canRevealIdentity,
  canSeeIdentity,
  isRecused,
  type PetitionAccessFacts,
} from './petition.policy.ts';
import {
  findPetition,
  findPetitionerByIndex,
  insertEvent,
  insertPetition,
  listEvents,
  listPetitioners,
  listPetitions as listPetitionRows,
  filteredPetitions,
  loadAccessRows,
  loadCalendarEntries,
  nextCaseNumber,
  updatePetition,
  type PetitionFilter,
  type PetitionRow,
} from './petition.repository.ts';

/** Enterprise settings of the petition module. */
export type PetitionSettings = {
  deadlinePolicy: DeadlinePolicy;
  /** A petition with at least this many people is a group petition (集体访); enterprises set their own (e.g. 5 or 6). */
  groupThreshold: number;
};

export const DEFAULT_PETITION_SETTINGS: PetitionSettings = {
  deadlinePolicy: DEFAULT_DEADLINE_POLICY,
  groupThreshold: 5,
};

export type PetitionDeps = ServiceDeps & {
  cipher: FieldCipher;
  settings: PetitionSettings;
  /** Where attachment bytes are stored (`<dataDir>/attachments`), outside the web root. */
  attachmentDir: string;
};

const OFFICE_ROLES = new Set(['chief', 'deputy', 'officer']);
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code (查询码) of 80 random bits, 16 Crockford base32 characters in groups of four. */
export function newTrackingCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 16; i++) {
    code = ALPHABET.charAt(Number(bits & 31n)) + code;
    bits >>= 5n;
  }
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(code.replace(/-/g, '').toUpperCase()).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Loading and views

export type Loaded = {
  petition: PetitionRow;
  facts: PetitionAccessFacts;
  registeredUnitName: string;
  handlingUnitName: string | null;
  namedPersons: { name: string; position: string | null }[];
};

async function load(db: Kysely<DB>, id: string): Promise<Loaded | null> {
  const petition = await findPetition(db, id);
  if (petition === undefined) return null;
  const rows = await loadAccessRows(db, petition);
  const recused = [
    ...rows.named.map((n) => n.user_id).filter((u): u is string => u !== null),
    ...rows.conflicts.map((c) => c.user_id),
  ];
  return {
    petition,
    facts: {
      type: petition.type,
      registeredUnitPath: rows.registered.path,
      handlingUnitPath: rows.handling?.path ?? null,
      ownerId: petition.owner_id,
      handlerId: petition.handler_id,
      coHandlerIds: rows.coHandlers.map((c) => c.user_id),
      recusedUserIds: recused,
    },
    registeredUnitName: rows.registered.name,
    handlingUnitName: rows.handling?.name ?? null,
    namedPersons: rows.named.map((n) => ({ name: n.name, position: n.position })),
  };
}

/** A petition with its access facts, when `actor` may see it. @throws NOT_FOUND when missing or invisible to the actor (recusal hides existence). */
export async function loadReadable(deps: PetitionDeps, actor: Actor, id: string): Promise<Loaded> {
  const loaded = await load(deps.db, id);
  if (loaded === null || !canRead(actor, loaded.facts)) {
    throw new DomainError('NOT_FOUND', { message: 'Petition not found', details: { petitionId: id } });
  }
  return loaded;
}

async function loadCalendar(db: Kysely<DB>): Promise<Calendar> {
  const entries = await loadCalendarEntries(db);
  return calendarFromEntries(entries.map((e) => ({ date: e.date, kind: e.kind })));
}

export function parseData(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export type EventRows = Awaited<ReturnType<typeof listEvents>>;

/** Whether a hearing (听证) has started and not ended: one at a time. */
function hearingUnderWay(events: EventRows): boolean {
  return events.filter((e) => e.kind === 'startHearing').length > events.filter((e) => e.kind === 'endHearing').length;
}

/** Every deadline of the petition; pass `events` when they are already loaded. */
export async function deadlinesOf(
  deps: PetitionDeps,
  petition: PetitionRow,
  db: Kysely<DB> = deps.db,
  loadedEvents?: EventRows,
): Promise<Deadline[]> {
  const events = loadedEvents ?? (await listEvents(db, petition.id));
  const facts = deadlineFacts(
    petition.type,
    petition.received_at,
    events.map((e) => ({ kind: e.kind, at: e.at, data: parseData(e.data_json) })),
  );
  const today = localDateOf(deps.clock.now().toISOString());
  return computeDeadlines(facts, today, await loadCalendar(db), deps.settings.deadlinePolicy);
}

function summaryOf(
  row: PetitionRow,
  handlingUnitName: string | null,
  ownerName: string | null,
  categoryName: string | null,
): PetitionSummaryView {
  return {
    id: row.id,
    caseNumber: row.case_number,
    title: row.title,
    state: row.state,
    channel: row.channel,
    type: row.type,
    categoryCode: row.category_code,
    categoryName,
    receivedAt: row.received_at,
    handlingUnitId: row.handling_unit_id,
    handlingUnitName,
    ownerId: row.owner_id,
    ownerName,
    headcount: row.headcount,
    flags: {
      group: row.is_group === 1,
      skipLevel: row.is_skip_level === 1,
      repeat: row.is_repeat === 1,
      first: row.is_first === 1,
      anonymous: row.is_anonymous === 1,
      supervision: row.supervision_level,
    },
    dueDate: row.due_date,
    dueKind: row.due_kind,
    risk: { score: row.risk_score, level: row.risk_level, reasons: JSON.parse(row.risk_json) as RiskReason[] },
  };
}

/** The verbs `actor` may use on the petition now: state machine ∩ policy. */
export function availableVerbs(
  actor: Actor,
  state: PetitionState,
  facts: PetitionAccessFacts,
  hearingOpen = false,
): string[] {
  const transitions = PETITION_TRANSITIONS.filter((t) => nextState(state, t) !== null && canAct(actor, t, facts));
  const activities = (
    [
      'addNote',
      'signFor',
      'startHearing',
      'endHearing',
      'extend',
      'recordMediation',
      'setOwner',
      'confirmOwnership',
      'supervise',
      'followUp',
      'linkRepeat',
    ] as const
  )
    .filter((a) => canPerform(state, a) && canAct(actor, a, facts))
    // One hearing at a time: offer to start one only when none is under way, to end one only when one is.
    .filter((a) => (a === 'startHearing' ? !hearingOpen : a === 'endHearing' ? hearingOpen : true));
  return [...transitions, ...activities];
}

/** One petition as `actor` may see it. @throws NOT_FOUND */
export async function getPetition(deps: PetitionDeps, actor: Actor, id: string): Promise<PetitionDetailView> {
  const loaded = await loadReadable(deps, actor, id);
  const { petition, facts } = loaded;
  const [events, owner, categoryName] = await Promise.all([
    listEvents(deps.db, id),
    petition.owner_id === null ? Promise.resolve(undefined) : findUserById(deps.db, petition.owner_id),
    petition.category_code === null ? Promise.resolve(null) : findCategoryLabel(deps.db, petition.category_code),
  ]);
  // The timeline and the deadlines come from the same events: read them once.
  const deadlines = await deadlinesOf(deps, petition, deps.db, events);
  const showIdentity = canSeeIdentity(actor, facts) && petition.is_anonymous === 0;
  const petitioners = showIdentity
    ? (await listPetitioners(deps.db, id)).map((p) => ({
        id: p.id,
        name: p.name,
        idNumber: p.id_number_enc === null ? null : maskIdNumber(deps.cipher.decrypt(p.id_number_enc)),
        phone: p.phone_enc === null ? null : maskPhone(deps.cipher.decrypt(p.phone_enc)),
        identity: p.identity,
        isRepresentative: p.is_representative === 1,
      }))
    : null;
  return {
    ...summaryOf(petition, loaded.handlingUnitName, owner?.display_name ?? null, categoryName),
    body: petition.body,
    purpose: petition.purpose,
    registeredUnitName: loaded.registeredUnitName,
    handlerId: petition.handler_id,
    ownerConfirmedAt: petition.owner_confirmed_at,
    replyResult: petition.reply_result,
    outcome: petition.outcome,
    satisfaction: petition.satisfaction,
    petitioners,
    namedPersons: OFFICE_ROLES.has(actor.role) ? loaded.namedPersons : [],
    events: events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      at: e.at,
      actorName: e.actor_name,
      fromState: e.from_state,
      toState: e.to_state,
      data: parseData(e.data_json),
      internal: e.internal === 1,
    })),
    deadlines,
    actions: availableVerbs(actor, petition.state, facts, hearingUnderWay(events)),
    version: petition.version,
  };
}

/** The full ID number and phone of a petitioner, for an officer who must contact them; audited. */
export async function revealPetitioner(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  petitionerId: string,
): Promise<{ idNumber: string | null; phone: string | null }> {
  const { facts } = await loadReadable(deps, actor, petitionId);
  if (!canRevealIdentity(actor, facts))
    throw new DomainError('FORBIDDEN', { message: 'You may not see the full identity' });
  const petitioner = (await listPetitioners(deps.db, petitionId)).find((p) => p.id === petitionerId);
  if (petitioner === undefined) throw new DomainError('NOT_FOUND', { message: 'Petitioner not found' });
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'petitioner.reveal_identity',
      entityType: 'petitioner',
      entityId: petitionerId,
      after: { petitionId },
    }),
  );
  return {
    idNumber: petitioner.id_number_enc === null ? null : deps.cipher.decrypt(petitioner.id_number_enc),
    phone: petitioner.phone_enc === null ? null : deps.cipher.decrypt(petitioner.phone_enc),
  };
}

/**
 * The repository filter of the petition list for `actor`: scope, recusal and the query's filters.
 * The list page and the ledger export both use it, so an export holds exactly what the list shows.
 */
export async function petitionFilterOf(
  deps: ServiceDeps,
  actor: Actor,
  query: z.output<typeof PetitionListQuerySchema>,
): Promise<PetitionFilter> {
  const today = localDateOf(deps.clock.now().toISOString());
  const office = OFFICE_ROLES.has(actor.role);
  const states = query.state === undefined ? undefined : Array.isArray(query.state) ? query.state : [query.state];
  let unitPath: string | undefined;
  if (query.unitId !== undefined) {
    const unit = await findUnitById(deps.db, query.unitId);
    unitPath = unit?.path ?? '/none/';
  }
  const openStates = query.open === 'true' ? PETITION_STATES_OPEN : undefined;
  return {
    // An auditor, and an office at the enterprise root, cover every petition: no scope predicate,
    // so the newest-first page can walk the received_at index instead of sorting the whole scope.
    scopePath: actor.role === 'auditor' || (office && isRootPath(actor.unitPath)) ? null : actor.unitPath,
    personalUserId: actor.id,
    handlingOnly: !office,
    noScope: actor.role === 'admin' || actor.role === 'partner',
    viewerId: actor.id,
    states: states ?? openStates,
    unitPath,
    categoryCode: query.categoryCode,
    channel: query.channel,
    type: query.type,
    flag: query.flag,
    ownerId: query.ownerId,
    overdueBefore: query.overdue === 'true' ? today : undefined,
    acceptanceStatus: query.acceptance,
    conclusionStatus: query.conclusion,
    acceptanceDue: { from: query.acceptanceDueFrom, to: query.acceptanceDueTo },
    conclusionDue: { from: query.conclusionDueFrom, to: query.conclusionDueTo },
    today,
    receivedFrom: query.receivedFrom === undefined ? undefined : chinaMidnightUtc(query.receivedFrom),
    receivedToExclusive: query.receivedTo === undefined ? undefined : chinaMidnightUtc(addDay(query.receivedTo)),
    search: query.q === undefined ? undefined : (searchPredicate(deps.dialect, query.q) ?? undefined),
  };
}

/**
 * The petitions `actor` may see under the list filters `query`, as a query to aggregate (the
 * dashboard): the very predicate of the list, so a figure's drill-down reproduces its count.
 */
export async function scopedPetitions(deps: ServiceDeps, actor: Actor, query: PetitionListQuery) {
  return filteredPetitions(deps.db, await petitionFilterOf(deps, actor, PetitionListQuerySchema.parse(query)));
}

/** One page of the petitions `actor` may see, filtered. */
export async function listPetitions(
  deps: PetitionDeps,
  actor: Actor,
  rawQuery: PetitionListQuery,
): Promise<PetitionListView> {
  const query = PetitionListQuerySchema.parse(rawQuery);
  const { rows, total } = await listPetitionRows(deps.db, {
    ...(await petitionFilterOf(deps, actor, query)),
    sort: query.sort,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((r) => ({
      ...summaryOf(
        r,
        r.handling_unit_name,
        r.owner_name,
        r.category_name === null ? null : categoryLabel(r.category_name, r.category_parent_name),
      ),
      ...(query.q === undefined ? {} : { highlight: highlightOf(r, query.q) }),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Summaries of the petitions behind something else (a warning, a hotspot) that `actor` may see,
 * and whether the actor is recused from any of them — then the whole thing is not theirs to see.
 */
export async function summariesFor(
  deps: PetitionDeps,
  actor: Actor,
  ids: readonly string[],
): Promise<{ items: PetitionSummaryView[]; recused: boolean }> {
  const items: PetitionSummaryView[] = [];
  let recused = false;
  for (const id of ids) {
    const loaded = await load(deps.db, id);
    if (loaded === null) continue;
    if (isRecused(actor, loaded.facts)) recused = true;
    if (!canRead(actor, loaded.facts)) continue;
    const owner = loaded.petition.owner_id === null ? undefined : await findUserById(deps.db, loaded.petition.owner_id);
    const category =
      loaded.petition.category_code === null ? null : await findCategoryLabel(deps.db, loaded.petition.category_code);
    items.push(summaryOf(loaded.petition, loaded.handlingUnitName, owner?.display_name ?? null, category));
  }
  return { items, recused };
}

/** Recompute the derived columns (nearest deadline, risk) of these petitions: time alone moves them. */
export async function refreshDerived(deps: PetitionDeps, ids: readonly string[]): Promise<void> {
  const policy = await loadRiskPolicy(deps.db);
  for (const id of ids) await deps.db.transaction().execute((trx) => refreshDueDate(deps, trx, id, policy));
}

const PETITION_STATES_OPEN: PetitionState[] = PETITION_STATES.filter(isOpen);

function isRootPath(path: string): boolean {
  return path.split('/').filter(Boolean).length === 1;
}

/** `YYYY-MM-DD` in China → the UTC instant of its midnight (UTC+8). */
function chinaMidnightUtc(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

function addDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The step engine: one verb, one transaction

type StepResult = { patch?: Partial<PetitionRow>; data?: Record<string, unknown>; internal?: boolean };
export type StepOptions = { expectedVersion?: number | undefined };
type Verb = PetitionTransition | PetitionActivity;

function isTransition(verb: Verb): verb is PetitionTransition {
  return (PETITION_TRANSITIONS as readonly string[]).includes(verb);
}

/**
 * May `actor` use `verb` on the loaded petition now (policy, then state machine)?
 * @returns the state the petition is in after the verb (the same state for an activity)
 * @throws FORBIDDEN (role or scope may not use the verb), PETITION_TRANSITION_ILLEGAL (the state does not allow it)
 */
export function checkVerb(actor: Actor, loaded: Loaded, verb: Verb): PetitionState {
  const { petition } = loaded;
  if (!canAct(actor, verb, loaded.facts)) {
    throw new DomainError('FORBIDDEN', { message: `You may not ${verb} this petition`, details: { verb } });
  }
  const to = isTransition(verb)
    ? nextState(petition.state, verb)
    : canPerform(petition.state, verb)
      ? petition.state
      : null;
  if (to === null) {
    throw new DomainError('PETITION_TRANSITION_ILLEGAL', {
      message: `Cannot ${verb} a petition in state ${petition.state}`,
      details: { verb, state: petition.state },
    });
  }
  return to;
}

/**
 * Run one verb on a petition.
 * @throws NOT_FOUND (missing, out of scope, recused), FORBIDDEN (role or scope may not use the verb),
 *   PETITION_TRANSITION_ILLEGAL (the state does not allow it), PETITION_VERSION_CONFLICT
 */
async function step(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  verb: Verb,
  options: StepOptions,
  decide: (loaded: Loaded, trx: Kysely<DB>) => Promise<StepResult> | StepResult,
): Promise<PetitionDetailView> {
  const loaded = await loadReadable(deps, actor, id);
  const { petition } = loaded;
  const to = checkVerb(actor, loaded, verb);
  if (options.expectedVersion !== undefined && options.expectedVersion !== petition.version) {
    throw new DomainError('PETITION_VERSION_CONFLICT', {
      message: 'The petition changed meanwhile',
      details: { version: petition.version },
    });
  }
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const result = await decide(loaded, trx);
    const updated = await updatePetition(trx, id, petition.version, { ...result.patch, state: to, updated_at: at });
    if (!updated) throw new DomainError('PETITION_VERSION_CONFLICT', { message: 'The petition changed meanwhile' });
    await insertEvent(trx, {
      id: deps.ids.next(),
      petition_id: id,
      kind: verb,
      at,
      actor_id: actor.id,
      from_state: petition.state,
      to_state: to,
      data_json: JSON.stringify(result.data ?? {}),
      internal: result.internal === true ? 1 : 0,
    });
    await refreshDueDate(deps, trx, id);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: `petition.${verb}`,
      entityType: 'petition',
      entityId: id,
      before: { state: petition.state },
      after: { state: to, ...auditablePatch(result.patch) },
    });
  });
  return getPetition(deps, actor, id);
}

/** Patch fields safe for the audit row: ids and codes, never text bodies or identity. */
function auditablePatch(patch: Partial<PetitionRow> | undefined): Record<string, unknown> {
  if (patch === undefined) return {};
  return Object.fromEntries(
    Object.entries(patch).filter(([key]) => !['body', 'title', 'tracking_code_hash'].includes(key)),
  );
}

/**
 * Keep the derived columns current in the event's transaction: `due_date`/`due_kind` (the nearest
 * open deadline, for lists, to-dos and the scheduler) and the risk score, level and reasons.
 */
export async function refreshDueDate(
  deps: PetitionDeps,
  trx: Kysely<DB>,
  id: string,
  policy?: RiskPolicy,
): Promise<void> {
  const petition = await findPetition(trx, id);
  if (petition === undefined) return;
  const watched = isOpen(petition.state) || petition.state === 'concluded' || petition.state === 'reviewed';
  // Every deadline, closed cases too: the dashboard's on-time rates read the acceptance and conclusion ones.
  const events = await listEvents(trx, id);
  const all = await deadlinesOf(deps, petition, trx, events);
  await writeSearchText(trx, deps.dialect, id, searchTextOf(petition, events));
  await writeFingerprint(trx, id, petition.title, petition.body);
  const deadlines = watched ? all : [];
  const nearest = nearestOpenDeadline(deadlines);
  const acceptance = all.find((d) => d.kind === 'acceptance_notice');
  const conclusion = all.find((d) => d.kind === 'conclusion');
  // A closed case carries no risk: the warning lists show what can still be acted on.
  const risk = isOpen(petition.state) ? await assessRisk(trx, petition, deadlines, deps.clock.now(), policy) : null;
  await trx
    .updateTable('petition')
    .set({
      due_date: nearest?.dueDate ?? null,
      due_kind: nearest?.kind ?? null,
      risk_score: risk?.score ?? 0,
      risk_level: risk?.level ?? 'none',
      risk_json: JSON.stringify(risk?.reasons ?? []),
      acceptance_due: acceptance?.dueDate ?? null,
      acceptance_status: acceptance?.status ?? null,
      conclusion_due: conclusion?.dueDate ?? null,
      conclusion_status: conclusion?.status ?? null,
    })
    .where('id', '=', id)
    .execute();
}

function fieldError(code: 'ASSIGNEE_INVALID' | 'ASSIGNEE_RECUSED', field: string, message: string): DomainError {
  return new DomainError(code, { message, details: { issues: [{ path: [field], message }] } });
}

/** An active unit the actor covers, to hand a petition to. @throws ASSIGNEE_INVALID */
async function handlingUnitFor(db: Kysely<DB>, actor: Actor, unitId: string): Promise<{ id: string; path: string }> {
  const unit = await findUnitById(db, unitId);
  if (unit === undefined || unit.active !== 1 || !unit.path.startsWith(actor.unitPath)) {
    throw fieldError('ASSIGNEE_INVALID', 'handlingUnitId', 'The handling unit must be an active unit in your scope');
  }
  return unit;
}

/**
 * A user who may take a role on the case: active, not recused, and for an owner a leader whose
 * unit covers the case; for a handler or co-handler, staff of the handling unit's subtree or partners.
 * @throws ASSIGNEE_INVALID, ASSIGNEE_RECUSED
 */
async function assignee(
  db: Kysely<DB>,
  loaded: Loaded,
  userId: string,
  role: 'owner' | 'handler' | 'coHandler',
  field: string,
  handlingPath: string | null,
): Promise<string> {
  const user = await findUserById(db, userId);
  if (user === undefined || user.active !== 1) throw fieldError('ASSIGNEE_INVALID', field, 'No such active user');
  if (loaded.facts.recusedUserIds.includes(userId)) {
    throw fieldError('ASSIGNEE_RECUSED', field, 'This person is named in the petition or declared a conflict (回避)');
  }
  const casePath = handlingPath ?? loaded.facts.registeredUnitPath;
  const ok =
    role === 'owner'
      ? (user.role === 'chief' || user.role === 'deputy') && casePath.startsWith(user.unit_path)
      : user.role === 'partner' ||
        (['handler', 'unit_head', 'officer'].includes(user.role) && user.unit_path.startsWith(casePath)) ||
        casePath.startsWith(user.unit_path);
  if (!ok) {
    throw fieldError(
      'ASSIGNEE_INVALID',
      field,
      role === 'owner'
        ? 'The owner must be a leader (chief or deputy) whose unit covers the case'
        : 'The handler must work in the handling unit',
    );
  }
  return user.id;
}

// ---------------------------------------------------------------------------------------------
// Registration (登记)

/**
 * Register a petition: petitioners (identity encrypted, found again by blind index), group and
 * repeat flags, a case number and a tracking code (only its hash is stored), the first event, the
 * 15-day notice deadline, and the audit row — in one transaction.
 * @throws FORBIDDEN (not an office role), ASSIGNEE_INVALID (an involved unit out of scope)
 */
export async function registerPetition(
  deps: PetitionDeps,
  actor: Actor,
  input: RegisterPetitionData,
): Promise<{ petition: PetitionDetailView; trackingCode: string }> {
  if (!OFFICE_ROLES.has(actor.role))
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices register petitions' });
  const { id, trackingCode } = await deps.db
    .transaction()
    .execute((trx) => registerInTransaction(deps, trx, actor, input));
  return { petition: await getPetition(deps, actor, id), trackingCode };
}

export type RegisterOptions = {
  /** The unit the petition is registered at; the registrar's unit by default (a portal filing: the unit of its QR code). */
  registeredUnitId?: string | undefined;
};

/**
 * Registration inside the caller's transaction (the portal adds the petitioner's files in the same
 * one). The caller has checked that `actor` may register.
 */
export async function registerInTransaction(
  deps: PetitionDeps,
  trx: Kysely<DB>,
  actor: Actor,
  input: RegisterPetitionData,
  options: RegisterOptions = {},
): Promise<{ id: string; caseNumber: string; trackingCode: string }> {
  for (const [index, unitId] of input.involvedUnitIds.entries()) {
    const unit = await findUnitById(trx, unitId);
    if (unit === undefined) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'Unknown involved unit',
        details: { issues: [{ path: ['involvedUnitIds', index], message: 'unknown unit' }] },
      });
    }
  }
  // An unknown or inactive category (or one under an inactive top level) is refused, naming the field.
  if (input.categoryCode !== undefined) await assertSelectableCategory(trx, input.categoryCode);
  const now = deps.clock.now();
  const at = now.toISOString();
  const receivedAt = input.receivedAt === undefined ? at : new Date(input.receivedAt).toISOString();
  const id = deps.ids.next();
  const trackingCode = newTrackingCode();
  const representatives = input.petitioners.filter((p) => p.isRepresentative).length;
  const headcount = Math.max(input.headcount, input.petitioners.length);
  let caseNumber: string;

  {
    // Petitioners: reuse the record of a person seen before (same ID number, else same phone).
    const petitionerIds: string[] = [];
    for (const p of input.petitioners) {
      const idIndex = p.idNumber === undefined ? null : deps.cipher.blindIndex(p.idNumber);
      const phoneIndex = p.phone === undefined ? null : deps.cipher.blindIndex(p.phone);
      const existing =
        (idIndex === null ? undefined : await findPetitionerByIndex(trx, 'id_number_index', idIndex)) ??
        (phoneIndex === null ? undefined : await findPetitionerByIndex(trx, 'phone_index', phoneIndex));
      const fields = {
        name: p.name,
        identity: p.identity,
        unit_id: p.unitId ?? null,
        address: p.address ?? null,
        ...(p.idNumber === undefined
          ? {}
          : { id_number_enc: deps.cipher.encrypt(p.idNumber), id_number_index: idIndex }),
        ...(p.phone === undefined ? {} : { phone_enc: deps.cipher.encrypt(p.phone), phone_index: phoneIndex }),
        updated_at: at,
      };
      if (existing !== undefined) {
        await trx.updateTable('petitioner').set(fields).where('id', '=', existing.id).execute();
        petitionerIds.push(existing.id);
      } else {
        const petitionerId = deps.ids.next();
        await trx
          .insertInto('petitioner')
          .values({
            id_number_enc: null,
            id_number_index: null,
            phone_enc: null,
            phone_index: null,
            ...fields,
            id: petitionerId,
            created_at: at,
          })
          .execute();
        petitionerIds.push(petitionerId);
      }
    }

    // 重复访 / 初信初访 by identity: the same person has petitioned before (text near-duplicates: issue #6).
    const byIdentity =
      petitionerIds.length === 0
        ? undefined
        : await trx
            .selectFrom('petition')
            .innerJoin('petition_petitioner', 'petition_petitioner.petition_id', 'petition.id')
            .select(['petition.id', 'petition.state'])
            .where('petition_petitioner.petitioner_id', 'in', petitionerIds)
            .orderBy('petition.received_at', 'desc')
            .executeTakeFirst();
    // …or the same matter by text (MinHash + LSH over the persisted band index, petition-fingerprint.ts).
    const textMatch =
      byIdentity === undefined ? (await findTextMatches(trx, input.title, input.body, { limit: 1 }))[0] : undefined;
    const earlier =
      byIdentity ??
      (textMatch === undefined
        ? undefined
        : await trx
            .selectFrom('petition')
            .select(['id', 'state'])
            .where('id', '=', textMatch.petitionId)
            .executeTakeFirst());

    const year = Number(localDateOf(receivedAt).slice(0, 4));
    const number = await nextCaseNumber(trx, year);
    caseNumber = `XF${year}-${String(number).padStart(6, '0')}`;
    await insertPetition(trx, {
      id,
      case_number: caseNumber,
      tracking_code_hash: hashTrackingCode(trackingCode),
      state: 'registered',
      channel: input.channel,
      type: input.type,
      purpose: input.purpose,
      category_code: input.categoryCode ?? null,
      title: input.title,
      body: input.body,
      received_at: receivedAt,
      registered_by: actor.id,
      registered_unit_id: options.registeredUnitId ?? actor.unitId,
      handling_unit_id: null,
      owner_id: null,
      owner_confirmed_at: null,
      handler_id: null,
      is_anonymous: input.anonymous ? 1 : 0,
      headcount,
      representative_count: representatives,
      is_group: headcount >= deps.settings.groupThreshold ? 1 : 0,
      is_skip_level: input.skipLevel ? 1 : 0,
      is_repeat: earlier === undefined ? 0 : 1,
      is_first: earlier === undefined ? 1 : 0,
      repeat_of_id: earlier?.id ?? null,
      reply_result: null,
      outcome: null,
      satisfaction: null,
      supervision_level: null,
      due_date: null,
      due_kind: null,
      risk_score: 0,
      risk_level: 'none',
      risk_json: '[]',
      acceptance_due: null,
      acceptance_status: null,
      conclusion_due: null,
      conclusion_status: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    for (const [index, petitionerId] of petitionerIds.entries()) {
      await trx
        .insertInto('petition_petitioner')
        .values({
          petition_id: id,
          petitioner_id: petitionerId,
          is_representative: input.petitioners[index]?.isRepresentative === true ? 1 : 0,
          sort_order: index,
        })
        .execute();
    }
    for (const unitId of new Set(input.involvedUnitIds)) {
      await trx.insertInto('petition_unit').values({ petition_id: id, unit_id: unitId, role: 'involved' }).execute();
    }
    for (const person of input.namedPersons) {
      await trx
        .insertInto('petition_named_person')
        .values({
          id: deps.ids.next(),
          petition_id: id,
          user_id: person.userId ?? null,
          name: person.name,
          unit_id: person.unitId ?? null,
          position: person.position ?? null,
        })
        .execute();
    }
    await insertEvent(trx, {
      id: deps.ids.next(),
      petition_id: id,
      kind: 'register',
      at,
      actor_id: actor.id,
      from_state: null,
      to_state: 'registered',
      data_json: JSON.stringify({
        channel: input.channel,
        // A match with a finalised case is flagged for "not accepted again" (第36条第3款); staff confirm.
        ...(earlier === undefined ? {} : { repeatOf: earlier.id, repeatOfFinal: earlier.state === 'final' }),
      }),
      internal: 0,
    });
    await refreshDueDate(deps, trx, id);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'petition.register',
      entityType: 'petition',
      entityId: id,
      after: {
        state: 'registered',
        channel: input.channel,
        type: input.type,
        petitioners: petitionerIds.length,
        headcount,
      },
    });
  }
  return { id, caseNumber, trackingCode };
}

// ---------------------------------------------------------------------------------------------
// The verbs. Each is a thin wrapper: input → patch and event data; the engine does the rest.

type Note = { note?: string | undefined };

export const triagePetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { type?: RegisterPetitionData['type'] | undefined; categoryCode?: string | undefined } & Note,
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'triage', options, async (_loaded, trx) => {
    if (input.categoryCode !== undefined) await assertSelectableCategory(trx, input.categoryCode);
    return {
      patch: {
        ...(input.type === undefined ? {} : { type: input.type }),
        ...(input.categoryCode === undefined ? {} : { category_code: input.categoryCode }),
      },
      data: { type: input.type, categoryCode: input.categoryCode, note: input.note },
    };
  });

/** 交办: hand to a unit that must report back by `reportDueDate` (第22条第1款(三)). */
export const assignPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { handlingUnitId: string; reportDueDate?: string | undefined } & Note,
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'assign', options, async (_loaded, trx) => {
    const unit = await handlingUnitFor(trx, actor, input.handlingUnitId);
    return {
      patch: { handling_unit_id: unit.id, handler_id: null },
      data: { handlingUnitId: unit.id, reportDueDate: input.reportDueDate ?? null, note: input.note },
    };
  });

/** 转送: send to the unit with authority. */
export const forwardPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { handlingUnitId: string } & Note,
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'forward', options, async (_loaded, trx) => {
    const unit = await handlingUnitFor(trx, actor, input.handlingUnitId);
    return {
      patch: { handling_unit_id: unit.id, handler_id: null },
      data: { handlingUnitId: unit.id, note: input.note },
    };
  });

/** 签收 by the receiving unit. */
export const signForPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: Note = {},
  options: StepOptions = {},
) => step(deps, actor, id, 'signFor', options, () => ({ data: { note: input.note } }));

/** 异议: the receiving unit says the matter is not within its power, within 5 working days (第23条第3款). */
export const objectToPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'object', options, async (loaded, trx) => {
    const objection = (await deadlinesOf(deps, loaded.petition, trx)).find((d) => d.kind === 'objection');
    if (objection !== undefined && objection.status !== 'open') {
      throw new DomainError('OBJECTION_WINDOW_CLOSED', {
        message: 'The objection window has closed',
        details: { dueDate: objection.dueDate },
      });
    }
    return { data: { reason: input.reason } };
  });

export const confirmReturn = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: Note = {},
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'confirmReturn', options, () => ({
    patch: { handling_unit_id: null, handler_id: null },
    data: { note: input.note },
  }));

export const rejectObjection = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string },
  options: StepOptions = {},
) => step(deps, actor, id, 'rejectObjection', options, () => ({ data: { reason: input.reason } }));

/** 受理, with the written notice (第23条); optionally name the owner leader (包案) and the handler. */
export const acceptPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { ownerId?: string | undefined; handlerId?: string | undefined } & Note,
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'accept', options, async (loaded, trx) => {
    const handlingUnitId = loaded.petition.handling_unit_id ?? actor.unitId;
    const handling = await findUnitById(trx, handlingUnitId);
    const path = handling?.path ?? actor.unitPath;
    const ownerId =
      input.ownerId === undefined ? null : await assignee(trx, loaded, input.ownerId, 'owner', 'ownerId', path);
    const handlerId =
      input.handlerId === undefined ? null : await assignee(trx, loaded, input.handlerId, 'handler', 'handlerId', path);
    return {
      patch: {
        handling_unit_id: handlingUnitId,
        ...(ownerId === null ? {} : { owner_id: ownerId, owner_confirmed_at: null }),
        ...(handlerId === null ? {} : { handler_id: handlerId }),
      },
      data: { handlingUnitId, ownerId, handlerId, note: input.note },
    };
  });

/** 不予受理, with the written notice (第23条, 第44条(三)). */
export const declinePetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string },
  options: StepOptions = {},
) => step(deps, actor, id, 'decline', options, () => ({ data: { reason: input.reason } }));

export const redirectPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string; authority: string },
  options: StepOptions = {},
) => step(deps, actor, id, 'redirect', options, () => ({ data: { reason: input.reason, authority: input.authority } }));

export const divertPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { route: string; reason: string },
  options: StepOptions = {},
) => step(deps, actor, id, 'divert', options, () => ({ data: { route: input.route, reason: input.reason } }));

export const notAcceptPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string; relatedPetitionId?: string | undefined },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'notAccept', options, () => ({
    data: { reason: input.reason, relatedPetitionId: input.relatedPetitionId ?? null },
  }));

/**
 * 重复访: link the petition to the earlier one of the same matter (offered by the text engine, the
 * officer decides). An earlier case that is final (终结) means the matter is not accepted again
 * (第36条第3款): recorded on the event for the officer to confirm with 不再受理.
 * @throws NOT_FOUND (the earlier case is missing or not visible), VALIDATION_FAILED (itself)
 */
export const linkRepeat = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { repeatOfId: string } & Note,
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'linkRepeat', options, async (_loaded, trx) => {
    if (input.repeatOfId === id) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'A petition is not a repeat of itself',
        details: { issues: [{ path: ['repeatOfId'], message: 'not itself' }] },
      });
    }
    const earlier = await load(trx, input.repeatOfId);
    if (earlier === null || !canRead(actor, earlier.facts))
      throw new DomainError('NOT_FOUND', { message: 'Petition not found', details: { petitionId: input.repeatOfId } });
    return {
      patch: { is_repeat: 1, is_first: 0, repeat_of_id: earlier.petition.id },
      data: {
        repeatOf: earlier.petition.id,
        repeatOfCase: earlier.petition.case_number,
        repeatOfFinal: earlier.petition.state === 'final',
        note: input.note,
      },
    };
  });

export const startInvestigation = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: Note = {},
  options: StepOptions = {},
) => step(deps, actor, id, 'startInvestigation', options, () => ({ data: { note: input.note } }));

export const addNote = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { text: string; internal: boolean },
  options: StepOptions = {},
) => step(deps, actor, id, 'addNote', options, () => ({ data: { text: input.text }, internal: input.internal }));

/** 听证: the clock stops while it lasts (第36条). */
export const startHearing = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: Note = {},
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'startHearing', options, async (_loaded, trx) => {
    const events = await listEvents(trx, id);
    if (hearingUnderWay(events))
      throw new DomainError('PETITION_TRANSITION_ILLEGAL', {
        message: 'A hearing is already under way',
        details: { verb: 'startHearing' },
      });
    return { data: { note: input.note } };
  });

export const endHearing = (deps: PetitionDeps, actor: Actor, id: string, input: Note = {}, options: StepOptions = {}) =>
  step(deps, actor, id, 'endHearing', options, async (_loaded, trx) => {
    const events = await listEvents(trx, id);
    if (!hearingUnderWay(events))
      throw new DomainError('PETITION_TRANSITION_ILLEGAL', {
        message: 'No hearing is under way',
        details: { verb: 'endHearing' },
      });
    return { data: { note: input.note } };
  });

/** 延期: approved by a leader, at most 30 days in total, the reason told to the petitioner (第34条). */
export const extendPetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { days: number; reason: string },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'extend', options, async (_loaded, trx) => {
    const events = await listEvents(trx, id);
    const used = events
      .filter((e) => e.kind === 'extend')
      .reduce((sum, e) => sum + Number(parseData(e.data_json).days ?? 0), 0);
    const max = deps.settings.deadlinePolicy.maxExtensionDays;
    if (used + input.days > max) {
      throw new DomainError('EXTENSION_LIMIT_EXCEEDED', {
        message: `Extensions would total ${used + input.days} days; at most ${max}`,
        details: {
          used,
          requested: input.days,
          max,
          issues: [{ path: ['days'], message: `at most ${max - used} more days` }],
        },
      });
    }
    return { data: { days: input.days, reason: input.reason, approvedBy: actor.id } };
  });

/** 调解协议书 / 和解协议书 (第33条). */
export const recordMediation = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { kind: 'mediation' | 'settlement'; agreement: string },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'recordMediation', options, () => ({ data: { kind: input.kind, agreement: input.agreement } }));

type ReplyContent = {
  request: string;
  factsAndReasons: string;
  opinion: string;
  legalBasis: string;
  result: 'support' | 'explain' | 'reject';
};

/** 信访处理意见书 drafted (第32条). */
export const draftReply = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: ReplyContent,
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'draftReply', options, () => ({
    patch: { reply_result: input.result },
    data: { ...input },
    internal: true,
  }));

export const returnDraft = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string },
  options: StepOptions = {},
) => step(deps, actor, id, 'returnDraft', options, () => ({ data: { reason: input.reason }, internal: true }));

/** Event rows as the document code reads them: data parsed. */
export function caseEventsOf(rows: EventRows): CaseEvent[] {
  return rows.map((e) => ({ id: e.id, kind: e.kind, at: e.at, actor_id: e.actor_id, data: parseData(e.data_json) }));
}

/** Everything a document is made from, read in `db` (the caller's transaction when writing). */
export async function documentCaseOf(deps: PetitionDeps, db: Kysely<DB>, loaded: Loaded): Promise<DocumentCase> {
  const rows = await listEvents(db, loaded.petition.id);
  return {
    petition: loaded.petition,
    registeredUnitName: loaded.registeredUnitName,
    handlingUnitName: loaded.handlingUnitName,
    events: caseEventsOf(rows),
    deadlines: await deadlinesOf(deps, loaded.petition, db, rows),
    policy: deps.settings.deadlinePolicy,
  };
}

/**
 * 签发 the 信访处理意见书: it goes out as a numbered document (generated now unless a proof of the
 * current draft exists) with its delivery recorded. Its delivery date starts the 30-day review
 * window (第35条); a posted reply without a date is sent, awaiting receipt, and the window counts
 * from the sending until the receipt is recorded on the document.
 */
export const issueReply = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { deliveryMethod: string; deliveredAt?: string | undefined; trackingNumber?: string | undefined },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'issueReply', options, async (loaded, trx) => {
    const now = deps.clock.now().toISOString();
    const deliveredAt = input.deliveredAt ?? (input.deliveryMethod === 'post' ? null : now);
    const trackingNumber = input.trackingNumber ?? null;
    const documentId = await issueReplyDocument(deps, trx, actor, await documentCaseOf(deps, trx, loaded), {
      method: input.deliveryMethod,
      trackingNumber,
      sentAt: now,
      deliveredAt,
    });
    return {
      data: { deliveryMethod: input.deliveryMethod, deliveredAt, trackingNumber, approvedBy: actor.id, documentId },
    };
  });

/** 督促执行: only a supported request is carried out (第32条). */
export const startExecution = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: Note = {},
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'startExecution', options, (loaded) => {
    if (loaded.petition.reply_result !== 'support') {
      throw new DomainError('PETITION_TRANSITION_ILLEGAL', {
        message: 'Only a supported request is executed',
        details: { verb: 'startExecution', replyResult: loaded.petition.reply_result },
      });
    }
    return { data: { note: input.note } };
  });

export const followUp = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { note?: string | undefined },
  options: StepOptions = {},
) => step(deps, actor, id, 'followUp', options, () => ({ data: { note: input.note } }));

/** 满意度评价 recorded by the office (the portal records the petitioner's own, issue #5). */
export const evaluatePetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { satisfaction: number; comment?: string | undefined },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'evaluate', options, () => ({
    patch: { satisfaction: input.satisfaction },
    data: { satisfaction: input.satisfaction, comment: input.comment ?? null },
  }));

/** 办结 with one of the four outcomes (四个到位, 第27条). */
export const concludePetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { outcome: 'resolved' | 'explained' | 'assisted' | 'enforced' } & Note,
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'conclude', options, () => ({
    patch: { outcome: input.outcome },
    data: { outcome: input.outcome, note: input.note },
  }));

/** 复查 request; a request after the 30-day window is recorded with a warning, not refused (DOMAIN.md §5 rule 4). */
export const requestReview = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string; requestedAt?: string | undefined },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'requestReview', options, async (loaded, trx) => {
    const window = (await deadlinesOf(deps, loaded.petition, trx)).find((d) => d.kind === 'review_request');
    return {
      data: { reason: input.reason, requestedAt: input.requestedAt ?? null, late: window?.status === 'overdue' },
    };
  });

export const issueReviewOpinion = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { opinion: string; result: string; deliveredAt?: string | undefined },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'issueReviewOpinion', options, () => ({
    data: {
      opinion: input.opinion,
      result: input.result,
      deliveredAt: input.deliveredAt ?? deps.clock.now().toISOString(),
      reviewerUnitId: actor.unitId,
    },
  }));

export const requestReconsideration = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string; requestedAt?: string | undefined },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'requestReconsideration', options, async (loaded, trx) => {
    const window = (await deadlinesOf(deps, loaded.petition, trx)).find((d) => d.kind === 'reconsideration_request');
    return {
      data: { reason: input.reason, requestedAt: input.requestedAt ?? null, late: window?.status === 'overdue' },
    };
  });

/** 复核意见: final (终结); the same matter is not accepted again (第36条第3款). */
export const issueReconsiderationOpinion = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { opinion: string; result: string; deliveredAt?: string | undefined },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'issueReconsiderationOpinion', options, () => ({
    data: {
      opinion: input.opinion,
      result: input.result,
      deliveredAt: input.deliveredAt ?? deps.clock.now().toISOString(),
    },
  }));

/** 领导包案: name the owner leader (who must confirm), the handler and co-handlers. */
export const setOwner = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { ownerId: string; handlerId?: string | undefined; coHandlerIds?: string[] | undefined },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'setOwner', options, async (loaded, trx) => {
    const path = loaded.facts.handlingUnitPath;
    const ownerId = await assignee(trx, loaded, input.ownerId, 'owner', 'ownerId', path);
    const handlerId =
      input.handlerId === undefined
        ? undefined
        : await assignee(trx, loaded, input.handlerId, 'handler', 'handlerId', path);
    const coHandlerIds: string[] = [];
    for (const [index, userId] of (input.coHandlerIds ?? []).entries()) {
      coHandlerIds.push(await assignee(trx, loaded, userId, 'coHandler', `coHandlerIds.${index}`, path));
    }
    await trx.deleteFrom('petition_co_handler').where('petition_id', '=', id).execute();
    for (const userId of new Set(coHandlerIds))
      await trx.insertInto('petition_co_handler').values({ petition_id: id, user_id: userId }).execute();
    return {
      patch: {
        owner_id: ownerId,
        owner_confirmed_at: null,
        ...(handlerId === undefined ? {} : { handler_id: handlerId }),
      },
      data: { ownerId, handlerId: handlerId ?? null, coHandlerIds },
    };
  });

export const confirmOwnership = (deps: PetitionDeps, actor: Actor, id: string, options: StepOptions = {}) =>
  step(deps, actor, id, 'confirmOwnership', options, () => ({
    patch: { owner_confirmed_at: deps.clock.now().toISOString() },
  }));

/** 督办 / 挂牌督办 by the level above, with its own deadline (第38–40条). */
export const supervisePetition = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { level: 'supervised' | 'listed'; dueDate: string; note: string },
  options: StepOptions = {},
) =>
  step(deps, actor, id, 'supervise', options, () => ({
    patch: { supervision_level: input.level },
    data: { level: input.level, dueDate: input.dueDate, note: input.note, supervisorUnitId: actor.unitId },
  }));

/**
 * A user declares a conflict of interest (回避, 第28条): from now on the petition is hidden from
 * them and they cannot be put on it. Not a state change; recorded as an internal event and audited.
 */
export async function declareConflict(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<void> {
  const loaded = await loadReadable(deps, actor, id);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('conflict_declaration')
      .values({ petition_id: id, user_id: actor.id, reason: input.reason, created_at: at })
      .execute();
    const wasOnCase = loaded.petition.owner_id === actor.id || loaded.petition.handler_id === actor.id;
    if (wasOnCase) {
      await trx
        .updateTable('petition')
        .set({
          ...(loaded.petition.owner_id === actor.id ? { owner_id: null, owner_confirmed_at: null } : {}),
          ...(loaded.petition.handler_id === actor.id ? { handler_id: null } : {}),
          updated_at: at,
          version: loaded.petition.version + 1,
        })
        .where('id', '=', id)
        .execute();
    }
    await trx.deleteFrom('petition_co_handler').where('petition_id', '=', id).where('user_id', '=', actor.id).execute();
    await insertEvent(trx, {
      id: deps.ids.next(),
      petition_id: id,
      kind: 'declareConflict',
      at,
      actor_id: actor.id,
      from_state: loaded.petition.state,
      to_state: loaded.petition.state,
      data_json: JSON.stringify({ userId: actor.id }),
      internal: 1,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'petition.declareConflict',
      entityType: 'petition',
      entityId: id,
    });
  });
}

/**
 * Find a petitioner by ID number or phone through the blind indexes, with their earlier petitions
 * the viewer may see — so an officer registering a visit fills in a known person and sees likely
 * repeats. Office roles only: it links a person to their petitions.
 * @throws FORBIDDEN for other roles
 */
export async function lookupPetitioner(
  deps: PetitionDeps,
  actor: Actor,
  query: { idNumber?: string | undefined; phone?: string | undefined },
): Promise<PetitionerLookupView> {
  if (!OFFICE_ROLES.has(actor.role))
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices look petitioners up' });
  const byId =
    query.idNumber === undefined || query.idNumber.length === 0
      ? undefined
      : await findPetitionerByIndex(deps.db, 'id_number_index', deps.cipher.blindIndex(query.idNumber));
  const person =
    byId ??
    (query.phone === undefined || query.phone.length === 0
      ? undefined
      : await findPetitionerByIndex(deps.db, 'phone_index', deps.cipher.blindIndex(query.phone)));
  if (person === undefined) return { found: false, petitioner: null, petitions: [] };
  const rows = await deps.db
    .selectFrom('petition_petitioner')
    .innerJoin('petition', 'petition.id', 'petition_petitioner.petition_id')
    .select(['petition.id'])
    .where('petition_petitioner.petitioner_id', '=', person.id)
    .orderBy('petition.received_at', 'desc')
    .limit(20)
    .execute();
  const petitions: PetitionerLookupView['petitions'] = [];
  for (const row of rows) {
    const loaded = await load(deps.db, row.id);
    if (loaded === null || !canRead(actor, loaded.facts)) continue;
    const p = loaded.petition;
    petitions.push({ id: p.id, caseNumber: p.case_number, title: p.title, state: p.state, receivedAt: p.received_at });
  }
  return {
    found: true,
    petitioner: {
      id: person.id,
      name: person.name,
      identity: person.identity,
      unitId: person.unit_id,
      address: person.address,
    },
    petitions,
  };
}
