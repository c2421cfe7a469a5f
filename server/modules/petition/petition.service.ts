/**
 * The verbs of a case: one per step of the path (common/domain/petition-state.ts), each checked
 * against the state machine and the access policy (common/domain/petition-policy.ts), then recorded through the
 * engine in one transaction (petition-engine.ts) — including whom the step hands work to, so they
 * are told. Also the look-ups the office makes: a petitioner by ID number or phone, and the
 * audited reveal of an identity.
 */
import type { Kysely } from 'kysely';
import { ASSIGNABLE_ROLES, isLeader, type Actor } from '../../../common/domain/access.ts';
import { resolutionOf, routeAround, unitIdOfPath } from '../../../common/domain/named-person.ts';
import {
  ADDRESSED_TO_PETITIONER,
  STEP_DOCUMENTS,
  type DocumentKind,
  type DocumentStep,
} from '../../../common/domain/documents.ts';
import { outcomesText } from '../../../common/domain/reply.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { LEGAL_DATE_MESSAGES, legalDateProblem } from '../../../common/domain/legal-dates.ts';
import {
  canPerform,
  nextState,
  PETITION_TRANSITIONS,
  type PetitionActivity,
  type PetitionState,
  type PetitionTransition,
} from '../../../common/domain/petition-state.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import type { PetitionDetailView, RegisterPetitionData, ReplyOutcome } from '../../../common/schemas/petition.ts';
import type { Role } from '../../../common/schemas/user.ts';
import type { DB } from '../../db/schema.ts';
import { assertSelectableCategory } from '../category/index.ts';
import { createStepDocument, issueReplyDocument } from '../document/index.ts';
import { assertCitable } from '../knowledge/index.ts';
import { findUnitById } from '../unit/index.ts';
import { checkNamedReferences, insertNamedPerson, updateNamedPerson } from '../named-person/index.ts';
import { leadersOf, officeOf, officeWorkersOf, usersByIds } from '../user/index.ts';
import { policyOf } from '../../../common/domain/case-deadlines.ts';
import { recordPetitionEvent, type CaseNotice, type Recorded } from './petition-engine.ts';
import {
  deadlinesOf,
  detailView,
  loadCase,
  loadReadable,
  parseData,
  progressOf,
  type Loaded,
  type PetitionDeps,
} from './petition-read.service.ts';
import {
  canAct,
  canRead,
  canSeeIdentity,
  reconsiderationBodyPath,
  reviewBodyPath,
  stepBlock,
} from '../../../common/domain/petition-policy.ts';
import {
  insertCoHandlers,
  insertConflict,
  listEvents,
  removeCoHandler,
  type PetitionRow,
} from './petition.repository.ts';

// ---------------------------------------------------------------------------------------------
// The step: one verb, one transaction

type Delivery = { method: string; trackingNumber: string | null; sentAt: string; deliveredAt: string | null };

type StepResult = {
  patch?: Partial<PetitionRow>;
  data?: Record<string, unknown>;
  internal?: boolean;
  notices?: readonly CaseNotice[];
  /** The co-handlers or conflicts changed: the page after the step reads the case's people again. */
  peopleChanged?: boolean;
  /** More for the audit row than the event carries (ids the readers of the case need not see). */
  auditAfter?: Record<string, unknown>;
  /**
   * The document the step makes from the event it records (STEP_DOCUMENTS), in the same
   * transaction, recorded on the case as generated — with its delivery when the step delivers it.
   */
  document?: { kind: DocumentKind; delivery?: Delivery };
};
export type StepOptions = { expectedVersion?: number | undefined };
type Verb = PetitionTransition | PetitionActivity;

function isTransition(verb: Verb): verb is PetitionTransition {
  return (PETITION_TRANSITIONS as readonly string[]).includes(verb);
}

/**
 * May `actor` use `verb` on the loaded petition now (policy, then state machine, then what the
 * case's events say is done or awaited)?
 * @returns the state the petition is in after the verb (the same state for an activity)
 * @throws FORBIDDEN (role or scope may not use the verb), PETITION_TRANSITION_ILLEGAL (the state does not allow it),
 *   and the code of `stepBlock`: PETITION_STEP_DONE, OBJECTION_WINDOW_CLOSED, OWNERSHIP_NOT_CONFIRMED
 */
export function checkVerb(
  actor: Actor,
  loaded: Loaded,
  verb: Verb,
  /** The case's events, for the verbs that depend on what was done (none for a note or an attachment). */
  events: readonly { kind: string }[] = [],
): PetitionState {
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
  const block = stepBlock(verb, progressOf(petition, events));
  if (block !== null) {
    throw new DomainError(block.code, {
      message: block.done ? `${verb} is done already` : `${verb} waits for another step`,
      details: { verb, state: petition.state },
    });
  }
  return to;
}

/**
 * The case's page after a step, from what the step has in hand; the case row (and its people) are
 * read again only when a name on the page or the access facts changed.
 * @throws NOT_FOUND when the step took the case out of the actor's sight
 */
export async function viewAfter(
  deps: PetitionDeps,
  actor: Actor,
  loaded: Loaded,
  recorded: Recorded,
  peopleChanged = false,
): Promise<PetitionDetailView> {
  const before = loaded.petition;
  const after = recorded.petition;
  const reread =
    peopleChanged ||
    after.handling_unit_id !== before.handling_unit_id ||
    after.owner_id !== before.owner_id ||
    after.category_code !== before.category_code;
  const current: Loaded | null = reread
    ? await loadCase(deps.db, after.id, deps.clock.now().toISOString())
    : {
        ...loaded,
        petition: { ...before, ...after },
        facts: { ...loaded.facts, ownerId: after.owner_id, handlerId: after.handler_id },
      };
  if (current === null || !canRead(actor, current.facts)) {
    throw new DomainError('NOT_FOUND', { message: 'Petition not found', details: { petitionId: after.id } });
  }
  return detailView(deps, actor, current, { events: recorded.events, deadlines: recorded.deadlines });
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
  const eventsBefore = await listEvents(deps.db, id);
  const to = checkVerb(actor, loaded, verb, eventsBefore);
  if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.petition.version) {
    throw new DomainError('PETITION_VERSION_CONFLICT', {
      message: 'The petition changed meanwhile',
      details: { version: loaded.petition.version },
    });
  }
  let peopleChanged = false;
  const recorded = await deps.db.transaction().execute(async (trx) => {
    const result = await decide(loaded, trx);
    peopleChanged = result.peopleChanged === true;
    const stepped = await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: verb,
      toState: to,
      // Read before the transaction; a step decided by `decide` adds no event of its own.
      eventsBefore,
      ...(result.patch === undefined ? {} : { patch: result.patch }),
      ...(result.data === undefined ? {} : { data: result.data }),
      ...(result.internal === undefined ? {} : { internal: result.internal }),
      ...(result.notices === undefined ? {} : { notices: result.notices }),
      ...(result.auditAfter === undefined ? {} : { audit: { after: result.auditAfter } }),
    });
    return result.document === undefined ? stepped : withDocument(deps, trx, actor, loaded, stepped, result.document);
  });
  return viewAfter(deps, actor, loaded, recorded, peopleChanged);
}

/**
 * Make the step's document from the event just recorded and record it on the case (as the
 * 生成文书 of the documents card does), in the step's transaction.
 * @throws FORBIDDEN when the document names the petitioner and the actor may not see who filed it (第30条第3款)
 */
async function withDocument(
  deps: PetitionDeps,
  trx: Kysely<DB>,
  actor: Actor,
  loaded: Loaded,
  stepped: Recorded,
  document: NonNullable<StepResult['document']>,
): Promise<Recorded> {
  const addressed = ADDRESSED_TO_PETITIONER[document.kind];
  if (addressed && !canSeeIdentity(actor, loaded.facts)) {
    throw new DomainError('FORBIDDEN', {
      message: `You may not generate a ${document.kind} for this petition`,
      details: { kind: document.kind },
    });
  }
  const after: Loaded = { ...loaded, petition: { ...loaded.petition, ...stepped.petition } };
  const made = await createStepDocument(deps, trx, actor, after, document.kind, document.delivery);
  return recordPetitionEvent(trx, deps, actor, stepped.petition, loaded.petition.registered_path, {
    kind: 'generateDocument',
    data: { documentId: made.id, kind: document.kind, number: made.number, templateVersion: made.templateVersion },
    internal: !addressed,
  });
}

/** The step's document when its dialog asked for it (`withDocument: true`). */
function asked(verb: DocumentStep, input: { withDocument?: boolean | undefined }): Pick<StepResult, 'document'> {
  return input.withDocument === true ? { document: { kind: STEP_DOCUMENTS[verb] } } : {};
}

/**
 * A date the law counts from, between the step it follows and now (docs/domain.md, "Dates the law
 * counts from").
 * @throws VALIDATION_FAILED naming the field
 */
function legalDate(deps: PetitionDeps, field: string, value: string | undefined, notBefore: string | null): void {
  if (value === undefined) return;
  const problem = legalDateProblem(value, deps.clock.now(), notBefore);
  if (problem !== null) throw fieldError(field, LEGAL_DATE_MESSAGES[problem]);
}

/** When the latest event of one of these kinds happened (the step a date follows). */
async function latestAt(trx: Kysely<DB>, loaded: Loaded, kinds: readonly string[]): Promise<string> {
  const events = await listEvents(trx, loaded.petition.id);
  return events.filter((e) => kinds.includes(e.kind)).at(-1)?.at ?? loaded.petition.received_at;
}

/** An active unit the actor covers, to hand a petition to. @throws ASSIGNEE_INVALID */
async function handlingUnitFor(db: Kysely<DB>, actor: Actor, unitId: string) {
  const unit = await findUnitById(db, unitId);
  if (unit === undefined || unit.active !== 1 || !unit.path.startsWith(actor.unitPath)) {
    throw fieldError('handlingUnitId', 'The handling unit must be an active unit in your scope', 'ASSIGNEE_INVALID');
  }
  return unit;
}

type UnitAt = { id: string; path: string; name: string | null };

/** The units recused people lead as chief or deputy (their paths): not the case's handlers (第28条). */
async function unitsLedBy(db: Kysely<DB>, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  return (await usersByIds(db, userIds))
    .filter((user) => user.active === 1 && isLeader(user.role))
    .map((user) => user.unit_path);
}

/**
 * The unit a case goes to when it is handed to `unit`: the unit itself, unless a recused person (a
 * named person, a namesake of an unresolved name, who declared a conflict) leads it or a unit above
 * it — then the unit above the topmost such unit (回避, 第28条; common/domain/named-person.ts).
 * @returns the unit, and the unit asked for when it was routed around
 */
async function routedAround(
  db: Kysely<DB>,
  recused: readonly string[],
  unit: UnitAt,
): Promise<{ unit: UnitAt; routedFrom: string | null }> {
  const path = routeAround(unit.path, await unitsLedBy(db, recused));
  if (path === unit.path) return { unit, routedFrom: null };
  const above = await findUnitById(db, unitIdOfPath(path));
  if (above === undefined) return { unit, routedFrom: null };
  return { unit: { id: above.id, path: above.path, name: above.name }, routedFrom: unit.id };
}

/**
 * A user who may take a part on the case: active, not recused, and for an owner a leader whose
 * unit covers the case; for a handler or co-handler, staff of the handling unit's subtree or partners.
 * @throws ASSIGNEE_INVALID, ASSIGNEE_RECUSED
 */
async function assignee(
  db: Kysely<DB>,
  loaded: Loaded,
  userId: string,
  part: 'owner' | 'handler' | 'coHandler',
  field: string,
  handlingPath: string | null,
): Promise<string> {
  const user = (await usersByIds(db, [userId]))[0];
  if (user === undefined || user.active !== 1) throw fieldError(field, 'No such active user', 'ASSIGNEE_INVALID');
  if (loaded.facts.recusedUserIds.includes(userId)) {
    throw fieldError(field, 'This person is named in the petition or declared a conflict (回避)', 'ASSIGNEE_RECUSED');
  }
  const casePath = handlingPath ?? loaded.facts.registeredUnitPath;
  const ok =
    part === 'owner'
      ? (ASSIGNABLE_ROLES.owner as readonly Role[]).includes(user.role) && casePath.startsWith(user.unit_path)
      : user.role === 'partner' ||
        ((ASSIGNABLE_ROLES.handler as readonly Role[]).includes(user.role) && user.unit_path.startsWith(casePath)) ||
        casePath.startsWith(user.unit_path);
  if (!ok) {
    throw fieldError(
      field,
      part === 'owner'
        ? 'The owner must be a leader (chief or deputy) whose unit covers the case'
        : 'The handler must work in the handling unit',
      'ASSIGNEE_INVALID',
    );
  }
  return user.id;
}

/** The people to tell that they now own (with the days to confirm, 第18条) or handle the case. */
function handedTo(ownerId: string | null, handlerIds: readonly (string | null)[]): CaseNotice[] {
  const notices: CaseNotice[] = [];
  if (ownerId !== null) notices.push({ kind: 'owner_named', recipients: [ownerId], due: 'owner_confirmation' });
  const handlers = handlerIds.filter((h): h is string => h !== null);
  if (handlers.length > 0) notices.push({ kind: 'handler_assigned', recipients: handlers });
  return notices;
}

async function ids(rows: Promise<{ id: string }[]>): Promise<string[]> {
  return (await rows).map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// The verbs. Each is one row: input → patch, event data and who is told; the engine does the rest.

type Note = { note?: string | undefined };
type Reason = { reason: string };
/** The step's dialog asks for its document too (STEP_DOCUMENTS). */
type WithDocument = { withDocument?: boolean | undefined };
type Opinion = {
  opinion: string;
  citations?: readonly string[] | undefined;
  result: string;
  deliveryMethod: string;
  deliveredAt?: string | undefined;
  trackingNumber?: string | undefined;
};
type Request = { reason: string; requestedAt?: string | undefined };
type Decide<I> = (c: {
  deps: PetitionDeps;
  actor: Actor;
  input: I;
  loaded: Loaded;
  trx: Kysely<DB>;
}) => Promise<StepResult> | StepResult;
export type VerbFn<I> = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: I,
  options?: StepOptions,
) => Promise<PetitionDetailView>;

/** A verb: the step engine around how the verb decides. */
function verb<I>(name: Verb, decide: Decide<I>): VerbFn<I> {
  return (deps, actor, id, input, options = {}) =>
    step(deps, actor, id, name, options, (loaded, trx) => decide({ deps, actor, input, loaded, trx }));
}

/** A verb whose input is only an optional note may be called without one. */
function optional(base: VerbFn<Note>) {
  return (deps: PetitionDeps, actor: Actor, id: string, input: Note = {}, options: StepOptions = {}) =>
    base(deps, actor, id, input, options);
}

const withNote = (name: Verb) => optional(verb<Note>(name, ({ input }) => ({ data: { note: input.note } })));

export const triagePetition = verb<
  { type?: RegisterPetitionData['type'] | undefined; categoryCode?: string | undefined } & Note
>('triage', async ({ input, trx }) => {
  if (input.categoryCode !== undefined) await assertSelectableCategory(trx, input.categoryCode);
  return {
    patch: {
      ...(input.type === undefined ? {} : { type: input.type }),
      ...(input.categoryCode === undefined ? {} : { category_code: input.categoryCode }),
    },
    data: { type: input.type, categoryCode: input.categoryCode, note: input.note },
  };
});

/**
 * 报请上级: the office sends a case it cannot decide to the level above its own (第22条 "报请";
 * 属地管理、分级负责, 第5条), with its reason. That level now routes and decides it (the case is
 * handled there, waiting for its 交办/转送/受理); the office above is told, and both see the step.
 * @throws ASSIGNEE_INVALID (no active unit above)
 */
export const escalatePetition = verb<Reason>('escalate', async ({ actor, input, trx }) => {
  const path = actor.unitPath.split('/').filter(Boolean);
  const [from, above] = await Promise.all([findUnitById(trx, actor.unitId), findUnitById(trx, path.at(-2) ?? '')]);
  if (above === undefined || above.active !== 1) {
    throw fieldError('reason', 'There is no active unit above yours to send the case to', 'ASSIGNEE_INVALID');
  }
  return {
    patch: { handling_unit_id: above.id, handler_id: null },
    data: {
      reason: input.reason,
      fromUnitId: actor.unitId,
      fromUnitName: from?.name ?? null,
      toUnitId: above.id,
      toUnitName: above.name,
    },
    internal: true,
    notices: [
      {
        kind: 'case_escalated',
        recipients: await ids(officeWorkersOf(trx, above.id)),
        data: { unitName: from?.name ?? '' },
      },
    ],
  };
});

/**
 * 越级: the office corrects what the rule decided at registration (第20条第1款), with a reason; the
 * change is an event of the case and an audit row like any other.
 */
export const correctSkipLevel = verb<{ skipLevel: boolean; reason: string }>(
  'correctSkipLevel',
  ({ input, loaded }) => {
    if ((loaded.petition.is_skip_level === 1) === input.skipLevel) {
      throw fieldError('skipLevel', 'The petition is already flagged so');
    }
    return {
      patch: { is_skip_level: input.skipLevel ? 1 : 0 },
      data: { skipLevel: input.skipLevel, reason: input.reason },
      internal: true,
    };
  },
);

/**
 * 交办 / 转送: hand to a unit (交办 with a report back by `reportDueDate`, 第22条第1款(三)); the
 * workers of its office, who sign for it (第23条), are told; the 转送/交办通知 is made in the step
 * when asked. A unit a recused person leads (or a unit under it) does not handle the case: it goes
 * to the level above (回避, 第28条; `routeAround`), recorded in the audit row.
 */
const handOver = (route: 'assign' | 'forward') =>
  verb<{ handlingUnitId: string; reportDueDate?: string | undefined } & Note & WithDocument>(
    route,
    async ({ actor, input, loaded, trx }) => {
      const requested = await handlingUnitFor(trx, actor, input.handlingUnitId);
      const { unit, routedFrom } = await routedAround(trx, loaded.facts.recusedUserIds, requested);
      return {
        ...asked(route, input),
        patch: { handling_unit_id: unit.id, handler_id: null },
        data: {
          handlingUnitId: unit.id,
          ...(route === 'assign' ? { reportDueDate: input.reportDueDate ?? null } : {}),
          note: input.note,
        },
        notices: [
          {
            kind: 'case_handed_over',
            recipients: await ids(officeWorkersOf(trx, unit.id)),
            data: { unitName: unit.name, route },
          },
        ],
        ...(routedFrom === null ? {} : { auditAfter: { routedAround: routedFrom } }),
      };
    },
  );
export const assignPetition = handOver('assign');
export const forwardPetition = handOver('forward');

/** 签收 by the receiving unit. */
export const signForPetition = withNote('signFor');

/** 异议: the receiving unit says the matter is not within its power, within 5 working days (第23条第3款). */
export const objectToPetition = verb<Reason>('object', async ({ deps, input, loaded, trx }) => {
  const objection = (await deadlinesOf(deps, trx, loaded.petition)).find((d) => d.kind === 'objection');
  if (objection !== undefined && objection.status !== 'open') {
    throw new DomainError('OBJECTION_WINDOW_CLOSED', {
      message: 'The objection window has closed',
      details: { dueDate: objection.dueDate },
    });
  }
  return {
    data: { reason: input.reason },
    notices: [
      { kind: 'objection_raised', recipients: await ids(officeWorkersOf(trx, loaded.petition.registered_unit_id)) },
    ],
  };
});

export const confirmReturn = optional(
  verb<Note>('confirmReturn', ({ input }) => ({
    patch: { handling_unit_id: null, handler_id: null },
    data: { note: input.note },
  })),
);

export const rejectObjection = verb<Reason>('rejectObjection', async ({ input, loaded, trx }) => ({
  data: { reason: input.reason },
  notices:
    loaded.petition.handling_unit_id === null
      ? []
      : [
          {
            kind: 'case_handed_over',
            recipients: await ids(officeWorkersOf(trx, loaded.petition.handling_unit_id)),
            data: { unitName: loaded.petition.handling_name, route: 'assign' },
          },
        ],
}));

/**
 * 受理, with the written notice (第23条: made in the step when asked); optionally name the owner
 * leader (包案) and the handler, who are told.
 */
export const acceptPetition = verb<
  { ownerId?: string | undefined; handlerId?: string | undefined } & Note & WithDocument
>('accept', async ({ actor, input, loaded, trx }) => {
  // The unit that accepts handles it — unless a recused person leads it: then the level above (第28条).
  const { unit: handling, routedFrom } = await routedAround(trx, loaded.facts.recusedUserIds, {
    id: loaded.petition.handling_unit_id ?? actor.unitId,
    path: loaded.petition.handling_path ?? actor.unitPath,
    name: loaded.petition.handling_name,
  });
  const handlingUnitId = handling.id;
  const path = handling.path;
  const ownerId =
    input.ownerId === undefined ? null : await assignee(trx, loaded, input.ownerId, 'owner', 'ownerId', path);
  const handlerId =
    input.handlerId === undefined ? null : await assignee(trx, loaded, input.handlerId, 'handler', 'handlerId', path);
  return {
    ...asked('accept', input),
    patch: {
      handling_unit_id: handlingUnitId,
      ...(ownerId === null ? {} : { owner_id: ownerId, owner_confirmed_at: null }),
      ...(handlerId === null ? {} : { handler_id: handlerId }),
    },
    data: { handlingUnitId, ownerId, handlerId, note: input.note },
    notices: [
      ...handedTo(ownerId, [handlerId]),
      ...(routedFrom === null
        ? []
        : [
            {
              kind: 'case_handed_over' as const,
              recipients: await ids(officeWorkersOf(trx, handlingUnitId)),
              data: { unitName: handling.name, route: 'assign' },
            },
          ]),
    ],
    ...(routedFrom === null ? {} : { auditAfter: { routedAround: routedFrom } }),
  };
});

/** 不予受理, with the written notice (第23条, 第44条(三)), made in the step when asked. */
export const declinePetition = verb<Reason & WithDocument>('decline', ({ input }) => ({
  data: { reason: input.reason },
  ...asked('decline', input),
}));

/** 告知另行提出 (第23条第1款), with its notice when asked. */
export const redirectPetition = verb<Reason & { authority: string } & WithDocument>('redirect', ({ input }) => ({
  data: { reason: input.reason, authority: input.authority },
  ...asked('redirect', input),
}));

/** 导入法定程序 (第22条第2款, 第31条(一)–(五)), with its notice when asked. */
export const divertPetition = verb<Reason & { route: string } & WithDocument>('divert', ({ input }) => ({
  data: { route: input.route, reason: input.reason },
  ...asked('divert', input),
}));

/** 不予/不再受理 (第19条第3款, 第36条第3款), with its notice when asked. */
export const notAcceptPetition = verb<Reason & { relatedPetitionId?: string | undefined } & WithDocument>(
  'notAccept',
  ({ input }) => ({
    data: { reason: input.reason, relatedPetitionId: input.relatedPetitionId ?? null },
    ...asked('notAccept', input),
  }),
);

/**
 * 重复访: link the petition to the earlier one of the same matter (offered by the text engine, the
 * officer decides). An earlier case that is final (终结) means the matter is not accepted again
 * (第36条第3款): recorded on the event for the officer to confirm with 不再受理.
 * @throws NOT_FOUND (the earlier case is missing or not visible), VALIDATION_FAILED (itself)
 */
export const linkRepeat = verb<{ repeatOfId: string } & Note>('linkRepeat', async ({ actor, input, loaded, trx }) => {
  if (input.repeatOfId === loaded.petition.id) throw fieldError('repeatOfId', 'not itself');
  const earlier = await loadCase(trx, input.repeatOfId);
  if (earlier === null || !canRead(actor, earlier.facts)) {
    throw new DomainError('NOT_FOUND', { message: 'Petition not found', details: { petitionId: input.repeatOfId } });
  }
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

// ---------------------------------------------------------------------------------------------
// 被反映人: named later, corrected, resolved (回避, 第28条第3款; 第30条第3款)

type NamedPersonData = {
  namedPersonId?: string | undefined;
  name: string;
  userId?: string | undefined;
  unitId?: string | undefined;
  unitText?: string | undefined;
  position?: string | undefined;
  noAccount?: boolean | undefined;
};

/**
 * What naming someone changes on the case, from its people as they are now in `trx`: whoever is
 * recused leaves the parts they held (owner, handler, co-handler), and a handling unit a recused
 * person leads is left for the level above (`routedAround`), whose office is told. The event says
 * only which named person changed and how it stands — never the name: the handling staff read the
 * timeline, and only the office sees whom a petition names.
 */
async function afterNaming(
  trx: Kysely<DB>,
  loaded: Loaded,
  namedPersonId: string,
  resolution: string,
): Promise<StepResult> {
  const now = await loadCase(trx, loaded.petition.id);
  const recused = now?.facts.recusedUserIds ?? loaded.facts.recusedUserIds;
  const { petition } = loaded;
  const patch: Partial<PetitionRow> = {};
  if (petition.owner_id !== null && recused.includes(petition.owner_id)) {
    patch.owner_id = null;
    patch.owner_confirmed_at = null;
  }
  if (petition.handler_id !== null && recused.includes(petition.handler_id)) patch.handler_id = null;
  for (const coHandler of loaded.facts.coHandlerIds)
    if (recused.includes(coHandler)) await removeCoHandler(trx, petition.id, coHandler);
  const notices: CaseNotice[] = [];
  let routedFrom: string | null = null;
  if (petition.handling_unit_id !== null && petition.handling_path !== null) {
    const routed = await routedAround(trx, recused, {
      id: petition.handling_unit_id,
      path: petition.handling_path,
      name: petition.handling_name,
    });
    if (routed.routedFrom !== null) {
      routedFrom = routed.routedFrom;
      patch.handling_unit_id = routed.unit.id;
      patch.handler_id = null;
      notices.push({
        kind: 'case_handed_over',
        recipients: await ids(officeWorkersOf(trx, routed.unit.id)),
        data: { unitName: routed.unit.name, route: 'assign' },
      });
    }
  }
  return {
    patch,
    data: { namedPersonId, resolution },
    internal: true,
    notices,
    peopleChanged: true,
    auditAfter: { namedPersonId, resolution, ...(routedFrom === null ? {} : { routedAround: routedFrom }) },
  };
}

/**
 * 被反映人 named after registration, or one corrected (`namedPersonId`): the office only. A name
 * entered without a confirmed account is unresolved: every account of that name in the unit named
 * is recused until an officer resolves it. @throws VALIDATION_FAILED (unknown unit, account, or
 * named person of this case)
 */
export const nameAccused = verb<NamedPersonData>('nameAccused', async ({ deps, actor, input, loaded, trx }) => {
  await checkNamedReferences(trx, actor, input);
  const fields = {
    name: input.name,
    user_id: input.userId ?? null,
    unit_id: input.unitId ?? null,
    unit_text: input.unitId === undefined ? (input.unitText ?? null) : null,
    position: input.position ?? null,
    resolution: resolutionOf(input),
  };
  let namedPersonId = input.namedPersonId;
  if (namedPersonId === undefined) {
    namedPersonId = deps.ids.next();
    await insertNamedPerson(trx, { id: namedPersonId, petition_id: loaded.petition.id, ...fields });
  } else if (!(await updateNamedPerson(trx, loaded.petition.id, namedPersonId, fields))) {
    throw fieldError('namedPersonId', 'no such named person on this petition');
  }
  return afterNaming(trx, loaded, namedPersonId, fields.resolution);
});

/**
 * The officer's confirmation of a named person: this account is the person (recused from now on),
 * or no account is (its namesakes are no longer recused). @throws VALIDATION_FAILED
 */
export const resolveNamedPerson = verb<{
  namedPersonId: string;
  userId?: string | undefined;
  noAccount?: true | undefined;
}>('resolveNamedPerson', async ({ actor, input, loaded, trx }) => {
  await checkNamedReferences(trx, actor, { userId: input.userId });
  const resolution = input.userId === undefined ? 'no_account' : 'account';
  const changed = await updateNamedPerson(trx, loaded.petition.id, input.namedPersonId, {
    user_id: input.userId ?? null,
    resolution,
  });
  if (!changed) throw fieldError('namedPersonId', 'no such named person on this petition');
  return afterNaming(trx, loaded, input.namedPersonId, resolution);
});

export const startInvestigation = withNote('startInvestigation');

export const addNote = verb<{ text: string; internal: boolean }>('addNote', ({ input }) => ({
  data: { text: input.text },
  internal: input.internal,
}));

/** 听证: the clock stops while it lasts (第36条); one at a time (`stepBlock`). */
export const startHearing = withNote('startHearing');
export const endHearing = withNote('endHearing');

/**
 * 延期: approved by a leader, within the case's cap (30 days, 第34条), the reason told to the
 * petitioner by the 延期告知书 (made in the step when asked).
 */
export const extendPetition = verb<Reason & { days: number } & WithDocument>(
  'extend',
  async ({ actor, input, loaded, trx }) => {
    const events = await listEvents(trx, loaded.petition.id);
    const used = events
      .filter((e) => e.kind === 'extend')
      .reduce((sum, e) => sum + Number(parseData(e.data_json).days ?? 0), 0);
    const max = policyOf(loaded.petition).maxExtensionDays;
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
    return { data: { days: input.days, reason: input.reason, approvedBy: actor.id }, ...asked('extend', input) };
  },
);

/** 调解协议书 / 和解协议书 (第33条). */
export const recordMediation = verb<{ kind: 'mediation' | 'settlement'; agreement: string }>(
  'recordMediation',
  ({ input }) => ({ data: { kind: input.kind, agreement: input.agreement } }),
);

type ReplyContent = {
  request: string;
  factsAndReasons: string;
  opinion: string;
  legalBasis: string;
  /** 法规政策库 article versions cited by reference (issue #17). */
  citations?: readonly string[] | undefined;
  result: 'support' | 'explain' | 'reject';
  /** The 四个到位 that apply, each with what was done (第27条). */
  outcomes: readonly ReplyOutcome[];
} & WithDocument;

/**
 * The document's date: a 意见书 is dated the day it is made (成文日期), and a citation must be in force
 * that day — 第32条 asks for the 法律法规依据 of the opinion, the law as it stands when it is given.
 * @throws VALIDATION_FAILED naming `citations.<i>`
 */
async function citationsInForce(
  deps: PetitionDeps,
  trx: Kysely<DB>,
  citations: readonly string[] | undefined,
): Promise<string[]> {
  const ids = [...(citations ?? [])];
  await assertCitable(trx, ids, localDateOf(deps.clock.now().toISOString()), 'citations');
  return ids;
}

/**
 * 信访处理意见书 drafted (第32条) with the 四个到位 it records (第27条) and the articles it cites from the
 * 法规政策库 (by version id, each in force today); it waits for 签发 by the owner or the handling unit's
 * leaders, who are told. Its proof is made in the step when asked.
 */
export const draftReply = verb<ReplyContent>('draftReply', async ({ deps, actor, input, loaded, trx }) => {
  const signers =
    loaded.petition.owner_id !== null
      ? [loaded.petition.owner_id]
      : await ids(leadersOf(trx, loaded.petition.handling_unit_id ?? loaded.petition.registered_unit_id));
  const content = {
    request: input.request,
    factsAndReasons: input.factsAndReasons,
    opinion: input.opinion,
    legalBasis: input.legalBasis,
    citations: await citationsInForce(deps, trx, input.citations),
    result: input.result,
    outcomes: input.outcomes,
  };
  return {
    ...asked('draftReply', input),
    patch: { reply_result: input.result, outcomes: outcomesText(input.outcomes.map((o) => o.kind)) },
    data: content,
    internal: true,
    notices: [{ kind: 'draft_for_signoff', recipients: signers.filter((s) => s !== actor.id) }],
  };
});

export const returnDraft = verb<Reason>('returnDraft', async ({ input, loaded, trx }) => {
  const drafter = (await listEvents(trx, loaded.petition.id)).filter((e) => e.kind === 'draftReply').at(-1)?.actor_id;
  return {
    data: { reason: input.reason },
    internal: true,
    notices: [
      {
        kind: 'draft_returned',
        recipients: [drafter ?? null, loaded.petition.handler_id].filter((u): u is string => u !== null),
      },
    ],
  };
});

/**
 * 签发 the 信访处理意见书: it goes out as a numbered document (generated now unless a proof of the
 * current draft exists) with its delivery recorded. Its delivery date starts the 30-day review
 * window (第35条); a posted reply without a date is sent, awaiting receipt, and the window counts
 * from the sending until the receipt is recorded on the document.
 */
export const issueReply = verb<{
  deliveryMethod: string;
  deliveredAt?: string | undefined;
  trackingNumber?: string | undefined;
}>('issueReply', async ({ deps, actor, input, loaded, trx }) => {
  legalDate(deps, 'deliveredAt', input.deliveredAt, await latestAt(trx, loaded, ['draftReply']));
  // The 意见书 is dated today: an article of the draft repealed or superseded since is refused (redraft it).
  const draft = (await listEvents(trx, loaded.petition.id)).filter((e) => e.kind === 'draftReply').at(-1);
  const cited = draft === undefined ? [] : parseData(draft.data_json).citations;
  await citationsInForce(
    deps,
    trx,
    Array.isArray(cited) ? cited.filter((c): c is string => typeof c === 'string') : [],
  );
  const now = deps.clock.now().toISOString();
  const deliveredAt = input.deliveredAt ?? (input.deliveryMethod === 'post' ? null : now);
  const trackingNumber = input.trackingNumber ?? null;
  const document = await issueReplyDocument(deps, trx, actor, loaded, {
    method: input.deliveryMethod,
    trackingNumber,
    sentAt: now,
    deliveredAt,
  });
  const office = await ids(
    officeWorkersOf(trx, loaded.petition.handling_unit_id ?? loaded.petition.registered_unit_id),
  );
  return {
    data: {
      deliveryMethod: input.deliveryMethod,
      deliveredAt,
      trackingNumber,
      approvedBy: actor.id,
      documentId: document.id,
      number: document.number,
    },
    // The handling office follows the reply to its execution and 办结 (第32条, 第27条).
    notices: [{ kind: 'reply_issued', recipients: office.filter((u) => u !== actor.id) }],
  };
});

/** 督促执行: only a supported request is executed (第32条). */
export const startExecution = optional(
  verb<Note>('startExecution', ({ input, loaded }) => {
    if (loaded.petition.reply_result !== 'support') {
      throw new DomainError('PETITION_TRANSITION_ILLEGAL', {
        message: 'Only a supported request is executed',
        details: { verb: 'startExecution', replyResult: loaded.petition.reply_result },
      });
    }
    return { data: { note: input.note } };
  }),
);

export const followUp = withNote('followUp');

/** 满意度评价 recorded by the office (the portal records the petitioner's own). */
export const evaluatePetition = verb<{ satisfaction: number; comment?: string | undefined }>(
  'evaluate',
  ({ input }) => ({
    patch: { satisfaction: input.satisfaction },
    data: { satisfaction: input.satisfaction, comment: input.comment ?? null },
  }),
);

/** 办结: the 四个到位 are recorded with the reply (第27条), so the step carries only a note. */
export const concludePetition = withNote('conclude');

/** The office of the body that decides a 复查 or 复核 (petition-policy.ts: the level above, the group itself at the top). */
async function reviewersOf(trx: Kysely<DB>, loaded: Loaded, review: boolean): Promise<string[]> {
  const body = review ? reviewBodyPath(loaded.facts) : reconsiderationBodyPath(loaded.facts);
  const unitId = body.split('/').filter(Boolean).at(-1);
  return unitId === undefined ? [] : ids(officeOf(trx, unitId));
}

/**
 * 复查 / 复核 asked (第35–36条); a request after the 30-day window is recorded with a warning, not
 * refused (DOMAIN.md §5 rule 4); the reviewing office is told.
 */
const request = (name: 'requestReview' | 'requestReconsideration') =>
  verb<Request>(name, async ({ deps, input, loaded, trx }) => {
    const review = name === 'requestReview';
    legalDate(
      deps,
      'requestedAt',
      input.requestedAt,
      await latestAt(trx, loaded, [review ? 'issueReply' : 'issueReviewOpinion']),
    );
    const kind = review ? 'review_request' : 'reconsideration_request';
    const window = (await deadlinesOf(deps, trx, loaded.petition)).find((d) => d.kind === kind);
    return {
      data: { reason: input.reason, requestedAt: input.requestedAt ?? null, late: window?.status === 'overdue' },
      notices: [
        {
          kind: review ? 'review_requested' : 'reconsideration_requested',
          recipients: await reviewersOf(trx, loaded, review),
          due: review ? 'review_opinion' : 'reconsideration_opinion',
        },
      ],
    };
  });
export const requestReview = request('requestReview');
export const requestReconsideration = request('requestReconsideration');

/**
 * 复查意见 / 复核意见, given in writing (第35–36条): the step makes its 意见书 and records its delivery,
 * as 签发 does for the reply. The delivery date starts the petitioner's 30-day 复核 window; a posted
 * opinion without a date counts from its sending until the receipt is recorded. 复核 is final
 * (终结 — the same matter is not accepted again, 第36条第3款).
 */
const opinion = (name: 'issueReviewOpinion' | 'issueReconsiderationOpinion') =>
  verb<Opinion>(name, async ({ deps, actor, input, loaded, trx }) => {
    const review = name === 'issueReviewOpinion';
    legalDate(
      deps,
      'deliveredAt',
      input.deliveredAt,
      await latestAt(trx, loaded, [review ? 'requestReview' : 'requestReconsideration']),
    );
    const now = deps.clock.now().toISOString();
    const deliveredAt = input.deliveredAt ?? (input.deliveryMethod === 'post' ? null : now);
    const trackingNumber = input.trackingNumber ?? null;
    return {
      data: {
        opinion: input.opinion,
        citations: await citationsInForce(deps, trx, input.citations),
        result: input.result,
        deliveryMethod: input.deliveryMethod,
        deliveredAt,
        trackingNumber,
      },
      document: {
        kind: STEP_DOCUMENTS[name],
        delivery: { method: input.deliveryMethod, trackingNumber, sentAt: now, deliveredAt },
      },
      // The 复查 body on record: the 复核 belongs to the level above it (第36条).
      ...(review ? { patch: { review_unit_id: actor.unitId } } : {}),
    };
  });
export const issueReviewOpinion = opinion('issueReviewOpinion');
export const issueReconsiderationOpinion = opinion('issueReconsiderationOpinion');

/** 领导包案: name the owner leader (who must confirm), the handler and co-handlers; each is told. */
export const setOwner = verb<{ ownerId: string; handlerId?: string | undefined; coHandlerIds?: string[] | undefined }>(
  'setOwner',
  async ({ input, loaded, trx }) => {
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
    await insertCoHandlers(trx, loaded.petition.id, [...new Set(coHandlerIds)]);
    return {
      patch: {
        owner_id: ownerId,
        owner_confirmed_at: null,
        ...(handlerId === undefined ? {} : { handler_id: handlerId }),
      },
      data: { ownerId, handlerId: handlerId ?? null, coHandlerIds },
      // Only who is new on the case is told: naming the same people again hands them nothing.
      notices: handedTo(ownerId === loaded.petition.owner_id ? null : ownerId, [
        handlerId === loaded.petition.handler_id ? null : (handlerId ?? null),
        ...coHandlerIds.filter((u) => !loaded.facts.coHandlerIds.includes(u)),
      ]),
      peopleChanged: true,
    };
  },
);

const confirm = verb<Record<string, never>>('confirmOwnership', ({ deps }) => ({
  patch: { owner_confirmed_at: deps.clock.now().toISOString() },
}));
export const confirmOwnership = (deps: PetitionDeps, actor: Actor, id: string, options: StepOptions = {}) =>
  confirm(deps, actor, id, {}, options);

/** 督办 / 挂牌督办 by the level above, with its own deadline (第38–40条); the owner, handler and handling office are told. */
export const supervisePetition = verb<{ level: 'supervised' | 'listed'; dueDate: string; note: string }>(
  'supervise',
  async ({ actor, input, loaded, trx }) => {
    const office =
      loaded.petition.handling_unit_id === null ? [] : await ids(officeOf(trx, loaded.petition.handling_unit_id));
    const recipients = [loaded.petition.owner_id, loaded.petition.handler_id, ...office].filter(
      (u): u is string => u !== null && u !== actor.id,
    );
    return {
      patch: { supervision_level: input.level },
      data: { level: input.level, dueDate: input.dueDate, note: input.note, supervisorUnitId: actor.unitId },
      notices: [{ kind: 'supervision_started', recipients, data: { dueDate: input.dueDate } }],
    };
  },
);

/**
 * A user declares a conflict of interest (回避, 第28条): from now on the petition is hidden from
 * them and they cannot be put on it; they leave the parts they held on it. Recorded as an internal event.
 */
export async function declareConflict(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<void> {
  const loaded = await loadReadable(deps, actor, id);
  const { petition } = loaded;
  await deps.db.transaction().execute(async (trx) => {
    await insertConflict(trx, {
      petition_id: id,
      user_id: actor.id,
      reason: input.reason,
      created_at: deps.clock.now().toISOString(),
    });
    await removeCoHandler(trx, id, actor.id);
    await recordPetitionEvent(trx, deps, actor, petition, petition.registered_path, {
      kind: 'declareConflict',
      patch: {
        ...(petition.owner_id === actor.id ? { owner_id: null, owner_confirmed_at: null } : {}),
        ...(petition.handler_id === actor.id ? { handler_id: null } : {}),
      },
      data: { userId: actor.id },
      internal: true,
    });
  });
}
