/**
 * The verbs of a case: one per step of the path (common/domain/petition-state.ts), each checked
 * against the state machine and the access policy (petition.policy.ts), then recorded through the
 * engine in one transaction (petition-engine.ts) — including whom the step hands work to, so they
 * are told. Also the look-ups the office makes: a petitioner by ID number or phone, and the
 * audited reveal of an identity.
 */
import type { Kysely } from 'kysely';
import { ASSIGNABLE_ROLES, type Actor } from '../../../common/domain/access.ts';
import {
  ADDRESSED_TO_PETITIONER,
  STEP_DOCUMENTS,
  type DocumentKind,
  type DocumentStep,
} from '../../../common/domain/documents.ts';
import { outcomesText } from '../../../common/domain/reply.ts';
import { LEGAL_DATE_MESSAGES, legalDateProblem } from '../../../common/domain/legal-dates.ts';
import {
  canPerform,
  nextState,
  PETITION_TRANSITIONS,
  type PetitionActivity,
  type PetitionState,
  type PetitionTransition,
} from '../../../common/domain/petition-state.ts';
import { DomainError } from '../../../common/errors.ts';
import type { PetitionDetailView, RegisterPetitionData, ReplyOutcome } from '../../../common/schemas/petition.ts';
import type { Role } from '../../../common/schemas/user.ts';
import type { DB } from '../../db/schema.ts';
import { assertSelectableCategory } from '../category/index.ts';
import { createStepDocument, issueReplyDocument } from '../document/index.ts';
import { findUnitById } from '../unit/index.ts';
import { leadersOf, officeOf, usersByIds } from '../user/index.ts';
import { policyOf, recordPetitionEvent, type CaseNotice, type Recorded } from './petition-engine.ts';
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
} from './petition.policy.ts';
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
    ? await loadCase(deps.db, after.id)
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
  const to = checkVerb(actor, loaded, verb, await listEvents(deps.db, id));
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
      ...(result.patch === undefined ? {} : { patch: result.patch }),
      ...(result.data === undefined ? {} : { data: result.data }),
      ...(result.internal === undefined ? {} : { internal: result.internal }),
      ...(result.notices === undefined ? {} : { notices: result.notices }),
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

function fieldError(
  code: 'ASSIGNEE_INVALID' | 'ASSIGNEE_RECUSED' | 'VALIDATION_FAILED',
  field: string,
  message: string,
): DomainError {
  return new DomainError(code, { message, details: { in: 'body', issues: [{ path: [field], message }] } });
}

/**
 * A date the law counts from, between the step it follows and now (docs/domain.md, "Dates").
 * @throws VALIDATION_FAILED naming the field
 */
function legalDate(deps: PetitionDeps, field: string, value: string | undefined, notBefore: string | null): void {
  if (value === undefined) return;
  const problem = legalDateProblem(value, deps.clock.now(), notBefore);
  if (problem !== null) throw fieldError('VALIDATION_FAILED', field, LEGAL_DATE_MESSAGES[problem]);
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
    throw fieldError('ASSIGNEE_INVALID', 'handlingUnitId', 'The handling unit must be an active unit in your scope');
  }
  return unit;
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
  if (user === undefined || user.active !== 1) throw fieldError('ASSIGNEE_INVALID', field, 'No such active user');
  if (loaded.facts.recusedUserIds.includes(userId)) {
    throw fieldError('ASSIGNEE_RECUSED', field, 'This person is named in the petition or declared a conflict (回避)');
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
      'ASSIGNEE_INVALID',
      field,
      part === 'owner'
        ? 'The owner must be a leader (chief or deputy) whose unit covers the case'
        : 'The handler must work in the handling unit',
    );
  }
  return user.id;
}

/** The people to tell that they now own or handle the case. */
function handedTo(ownerId: string | null, handlerIds: readonly (string | null)[]): CaseNotice[] {
  const notices: CaseNotice[] = [];
  if (ownerId !== null) notices.push({ kind: 'owner_named', recipients: [ownerId] });
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
 * 交办 / 转送: hand to a unit (交办 with a report back by `reportDueDate`, 第22条第1款(三)); its office
 * is told; the 转送/交办通知 is made in the step when asked.
 */
const handOver = (route: 'assign' | 'forward') =>
  verb<{ handlingUnitId: string; reportDueDate?: string | undefined } & Note & WithDocument>(
    route,
    async ({ actor, input, trx }) => {
      const unit = await handlingUnitFor(trx, actor, input.handlingUnitId);
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
            recipients: await ids(officeOf(trx, unit.id)),
            data: { unitName: unit.name, route },
          },
        ],
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
    notices: [{ kind: 'objection_raised', recipients: await ids(officeOf(trx, loaded.petition.registered_unit_id)) }],
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
            recipients: await ids(officeOf(trx, loaded.petition.handling_unit_id)),
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
  const handlingUnitId = loaded.petition.handling_unit_id ?? actor.unitId;
  const path =
    loaded.petition.handling_unit_id === null ? actor.unitPath : (loaded.petition.handling_path ?? actor.unitPath);
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
    notices: handedTo(ownerId, [handlerId]),
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
  if (input.repeatOfId === loaded.petition.id) throw fieldError('VALIDATION_FAILED', 'repeatOfId', 'not itself');
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
  result: 'support' | 'explain' | 'reject';
  /** The 四个到位 that apply, each with what was done (第27条). */
  outcomes: readonly ReplyOutcome[];
} & WithDocument;

/**
 * 信访处理意见书 drafted (第32条) with the 四个到位 it records (第27条); it waits for 签发 by the owner
 * or the handling unit's leaders, who are told. Its proof is made in the step when asked.
 */
export const draftReply = verb<ReplyContent>('draftReply', async ({ actor, input, loaded, trx }) => {
  const signers =
    loaded.petition.owner_id !== null
      ? [loaded.petition.owner_id]
      : await ids(leadersOf(trx, loaded.petition.handling_unit_id ?? loaded.petition.registered_unit_id));
  const content = {
    request: input.request,
    factsAndReasons: input.factsAndReasons,
    opinion: input.opinion,
    legalBasis: input.legalBasis,
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
  const now = deps.clock.now().toISOString();
  const deliveredAt = input.deliveredAt ?? (input.deliveryMethod === 'post' ? null : now);
  const trackingNumber = input.trackingNumber ?? null;
  const document = await issueReplyDocument(deps, trx, actor, loaded, {
    method: input.deliveryMethod,
    trackingNumber,
    sentAt: now,
    deliveredAt,
  });
  return {
    data: {
      deliveryMethod: input.deliveryMethod,
      deliveredAt,
      trackingNumber,
      approvedBy: actor.id,
      documentId: document.id,
      number: document.number,
    },
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

/** The office of the body that decides a 复查 or 复核 (petition.policy.ts: the level above, the group itself at the top). */
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
  verb<Opinion>(name, async ({ deps, input, loaded, trx }) => {
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
        result: input.result,
        deliveryMethod: input.deliveryMethod,
        deliveredAt,
        trackingNumber,
      },
      document: {
        kind: STEP_DOCUMENTS[name],
        delivery: { method: input.deliveryMethod, trackingNumber, sentAt: now, deliveredAt },
      },
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
      notices: handedTo(ownerId === loaded.petition.owner_id ? null : ownerId, [handlerId ?? null, ...coHandlerIds]),
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
