/**
 * Who may see and act on a petition. Pure: the service loads the facts, these functions decide.
 *
 * - Recusal (回避, 《信访工作条例》第28条第3款): a person named in the petition, or who declared a
 *   conflict, never sees it — not even that it exists — and cannot be put on it. It overrides every role.
 * - Scope (属地管理、分级负责, 第5条): leaders and officers see the petitions registered in or handled
 *   by their unit's subtree; handlers and frontline heads see what is handled in their subtree or
 *   what they own or handle; partners see only cases they were added to; auditors read everything.
 *   System administrators run the system and do not read petitions.
 * - Whistle-blower protection (第30条第3款, 第46条(五)): who filed an accusation (检举控告) is visible
 *   only to officers and leaders, never to handlers, frontline heads, partners or auditors.
 * - Named persons (被反映人): only the office sees whom a petition names, and only the office names,
 *   corrects and resolves them.
 * - Bodies (第23、35–36条): the case is answered for by its handling body — the nearest 集团/矿/公司
 *   at or above the handling unit. Once a case is handed over (交办/转送), that body signs for it,
 *   objects, accepts or declines; the side that sent it decides an objection. The 复查 is decided
 *   by the level above the handling body, the 复核 by the level above that; at the top of the tree
 *   the group itself, by a leader — and never by someone who took part in the decision reviewed.
 */
import { isInSubtree, isLeader, isOffice, type Actor } from './access.ts';
import {
  canPerform,
  nextState,
  PETITION_ACTIVITIES,
  PETITION_TRANSITIONS,
  type PetitionActivity,
  type PetitionState,
  type PetitionTransition,
} from './petition-state.ts';
import { levelAbovePath } from './unit-tree.ts';
import type { ErrorCode } from '../errors.ts';
import type { PetitionType } from '../schemas/petition.ts';

export type PetitionAccessFacts = {
  type: PetitionType;
  registeredUnitPath: string;
  handlingUnitPath: string | null;
  /** The unit that issued the 复查意见, once there is one (the 复核 goes to the level above it, 第36条). */
  reviewUnitPath?: string | null;
  ownerId: string | null;
  handlerId: string | null;
  coHandlerIds: readonly string[];
  /** Users named in the petition (被反映人) and users who declared a conflict. */
  recusedUserIds: readonly string[];
  /** Whether the petition names anyone (with or without an account); unknown when not loaded. */
  namesPersons?: boolean;
  /** Partners invited onto the case whom the office granted the petitioner's identity (audited grant). */
  identityGrantedIds?: readonly string[];
};

/**
 * What deciding a step needs beyond reading: the bodies around the case and who decided before.
 * Loaded with the case (petition.repository.ts `findCaseRow`); facts loaded for reading many cases
 * at once (a ledger page, a notification's audience) carry only `PetitionAccessFacts`.
 */
export type PetitionCaseFacts = PetitionAccessFacts & {
  /** The handling body: the nearest 集团/矿/公司 at or above the handling unit (the registering one while none handles it). */
  handlingOfficePath: string;
  /** The unit of whoever made the latest 交办/转送, null when never handed over. */
  senderPath: string | null;
  /** Who signed the 信访处理意见书 (签发) and who decided the 复查. */
  replySignerId: string | null;
  reviewDeciderId: string | null;
};

export type PetitionVerb =
  PetitionTransition | PetitionActivity | 'register' | 'declareConflict' | 'revealIdentity' | 'giveOpinion';

export function isRecused(actor: Actor, facts: PetitionAccessFacts): boolean {
  return facts.recusedUserIds.includes(actor.id);
}

function isOnCase(actor: Actor, facts: PetitionAccessFacts): boolean {
  return facts.ownerId === actor.id || facts.handlerId === actor.id || facts.coHandlerIds.includes(actor.id);
}

function handledWithin(actor: Actor, facts: PetitionAccessFacts): boolean {
  return facts.handlingUnitPath !== null && isInSubtree(facts.handlingUnitPath, actor.unitPath);
}

/** Registered in or handled by the actor's subtree. */
function inScope(actor: Actor, facts: PetitionAccessFacts): boolean {
  return isInSubtree(facts.registeredUnitPath, actor.unitPath) || handledWithin(actor, facts);
}

/** The actor's unit lies strictly above the handling unit (上一级: supervision, 第38–40条). */
function aboveHandlingUnit(actor: Actor, facts: PetitionAccessFacts): boolean {
  const handling = facts.handlingUnitPath ?? facts.registeredUnitPath;
  return handling !== actor.unitPath && isInSubtree(handling, actor.unitPath);
}

/**
 * The case was sent up to a level above the actor (报请上级): that level routes and decides it now,
 * the office that sent it follows it but no longer decides for it.
 */
function sentAbove(actor: Actor, facts: PetitionAccessFacts): boolean {
  const handling = facts.handlingUnitPath;
  return handling !== null && handling !== actor.unitPath && isInSubtree(actor.unitPath, handling);
}

/** An office (officer or leader) of the handling body or a unit inside it: the side a case was handed to. */
function ofHandlingBody(actor: Actor, facts: PetitionCaseFacts): boolean {
  return isOffice(actor.role) && isInSubtree(actor.unitPath, facts.handlingOfficePath);
}

/** The side that handed the case over (交办/转送): an office in scope at or above the sender's unit. */
function ofSendingSide(actor: Actor, facts: PetitionCaseFacts): boolean {
  if (!isOffice(actor.role) || !inScope(actor, facts)) return false;
  return facts.senderPath === null || isInSubtree(facts.senderPath, actor.unitPath);
}

/**
 * The body that decides a 复查 (第35条: 原办理机关、单位的上一级): the level above the handling body;
 * at the top of the tree the group itself (docs/domain.md). A department, district team or crew
 * handles under its mine, so a case a crew handled is reviewed by the level above the mine.
 */
export function reviewBodyPath(facts: PetitionCaseFacts): string {
  return levelAbovePath(facts.handlingOfficePath);
}

/** The body that decides a 复核 (第36条: 复查机关、单位的上一级), the top of the tree again deciding for itself. */
export function reconsiderationBodyPath(facts: PetitionCaseFacts): string {
  return levelAbovePath(reviewedByPath(facts));
}

/** The body that gave the 复查意见: on record once given (`review_unit_id`), else the one that decides it. */
function reviewedByPath(facts: PetitionCaseFacts): string {
  return facts.reviewUnitPath ?? reviewBodyPath(facts);
}

/**
 * May the actor decide for `body` on the decision under review? An officer or leader attached to
 * that body; when the body is the one whose decision is reviewed (the top of the tree reviewing
 * itself), only its leaders (负责人). Never someone who took part in what is reviewed: the 包案
 * leader, the leader who signed the 信访处理意见书, and for a 复核 whoever decided the 复查.
 */
function decidesFor(
  actor: Actor,
  facts: PetitionCaseFacts,
  body: string,
  reviewed: string,
  took: readonly (string | null)[],
) {
  if (!isOffice(actor.role) || actor.unitPath !== body) return false;
  if (body === reviewed && !isLeader(actor.role)) return false;
  return !took.includes(actor.id);
}

/** May the actor see that the petition exists? */
export function canRead(actor: Actor, facts: PetitionAccessFacts): boolean {
  if (isRecused(actor, facts)) return false;
  switch (actor.role) {
    case 'admin':
      return false;
    case 'auditor':
      return true;
    case 'partner':
      return isOnCase(actor, facts);
    case 'chief':
    case 'deputy':
    case 'officer':
      return inScope(actor, facts) || isOnCase(actor, facts);
    case 'handler':
    case 'unit_head':
      return handledWithin(actor, facts) || isOnCase(actor, facts);
  }
}

/** May the actor see who filed it (name, ID number, phone)? */
export function canSeeIdentity(actor: Actor, facts: PetitionAccessFacts): boolean {
  if (!canRead(actor, facts)) return false;
  if (facts.type === 'accusation') return isOffice(actor.role);
  // A partner (lawyer, township, union …) works on the matter, not the person: the identity only
  // when the office granted it on this case (issue #16; 第30条 keeps an accuser's identity office-only).
  if (actor.role === 'partner') return (facts.identityGrantedIds ?? []).includes(actor.id);
  return actor.role !== 'auditor';
}

/**
 * May the actor see whom the petition names (被反映人) and how each name was resolved? The office
 * that registers, routes and resolves them; never the handling staff, partners or auditors, who
 * need the matter, not the list of the accused.
 */
export function canSeeNamedPersons(actor: Actor, facts: PetitionAccessFacts): boolean {
  return canRead(actor, facts) && isOffice(actor.role);
}

/** May the actor see unmasked ID numbers and phones (an audited reveal)? */
export function canRevealIdentity(actor: Actor, facts: PetitionAccessFacts): boolean {
  return canSeeIdentity(actor, facts) && isOffice(actor.role);
}

/**
 * May the actor use `verb` on this petition (the state machine is checked separately, and what the
 * case's record says is done or awaited by `stepBlock`)? Read access is a precondition of every verb.
 */
export function canAct(actor: Actor, verb: PetitionVerb, facts: PetitionCaseFacts): boolean {
  if (!canRead(actor, facts) || actor.role === 'auditor') return false;
  const office = isOffice(actor.role) && inScope(actor, facts);
  const leader = isLeader(actor.role) && inScope(actor, facts);
  const receivingUnit = actor.role !== 'partner' && handledWithin(actor, facts);
  // A partner (lawyer, township, union …) gives an opinion on the matter and may step aside; the case's
  // steps, its notes, its messages to the petitioner and its files stay with the staff (issue #16).
  if (actor.role === 'partner') return verb === 'giveOpinion' ? isOnCase(actor, facts) : verb === 'declareConflict';
  const working = office || isOnCase(actor, facts) || (receivingUnit && actor.role !== 'unit_head');
  // Handed over (交办/转送): the handling body answers now, not the office that sent it (第23条第3款).
  const handedOver = facts.handlingUnitPath !== null;
  const handlingBody = ofHandlingBody(actor, facts);
  switch (verb) {
    case 'triage':
    case 'assign':
    case 'forward':
    case 'redirect':
    case 'divert':
    case 'notAccept':
      return office && !sentAbove(actor, facts);
    case 'escalate':
      // Up one level from the office's own: not from the top of the tree, not what is already above.
      return office && !sentAbove(actor, facts) && actor.unitPath.split('/').filter(Boolean).length > 1;
    case 'register':
    case 'correctSkipLevel':
    case 'setOwner':
    case 'requestReview':
    case 'requestReconsideration':
    case 'revealIdentity':
    case 'linkRepeat':
    case 'nameAccused':
    case 'resolveNamedPerson':
      return office;
    case 'accept':
    case 'decline':
      // 受理 / 不予受理 and its written notice come from the body the case was handed to; an office
      // that sent a case up (报请上级) no longer decides for it.
      return office && !sentAbove(actor, facts) && (!handedOver || handlingBody);
    case 'confirmReturn':
    case 'rejectObjection':
      // The sender agrees to the objection or refuses it; the objecting body does not judge itself.
      return ofSendingSide(actor, facts);
    case 'signFor':
    case 'object':
      // 签收 / 异议: the body the case was handed to, or the staff of the unit handling it.
      return handlingBody || (receivingUnit && !isOffice(actor.role));
    case 'startInvestigation':
    case 'addNote':
    case 'startHearing':
    case 'endHearing':
    case 'recordMediation':
    case 'draftReply':
    case 'startExecution':
    case 'followUp':
    case 'evaluate':
    case 'conclude':
      return working;
    case 'extend':
    case 'returnDraft':
    case 'issueReply':
      // 负责人批准 (第34条) and sign-off of the 信访处理意见书: a leader in scope, or the case's owner.
      return leader || facts.ownerId === actor.id;
    case 'confirmOwnership':
      return facts.ownerId === actor.id;
    case 'supervise':
      // 督办 by the level above the handling unit (第38–40条).
      return isOffice(actor.role) && aboveHandlingUnit(actor, facts);
    case 'issueReviewOpinion':
      return decidesFor(actor, facts, reviewBodyPath(facts), facts.handlingOfficePath, [
        facts.ownerId,
        facts.replySignerId,
      ]);
    case 'issueReconsiderationOpinion':
      return decidesFor(actor, facts, reconsiderationBodyPath(facts), reviewedByPath(facts), [
        facts.ownerId,
        facts.replySignerId,
        facts.reviewDeciderId,
      ]);
    case 'declareConflict':
      return true;
    case 'giveOpinion':
      // 律师、社工参与 (issue #16): the office in scope writing down what a partner said at the table
      // (联合接访); a partner invited onto the case gives his own (above).
      return office;
  }
}

/** What the case's record says is done or awaited, for the steps that depend on it. */
export type CaseProgress = {
  /** A 听证 has started and not ended: one at a time (第36条). */
  hearingOpen: boolean;
  /** The current 交办/转送 has been signed for (签收), which also ends its objection window. */
  signedFor: boolean;
  /** The unit objected to the current 交办/转送 (异议, 第23条第3款): once per handover. */
  objected: boolean;
  /** A 包案 leader is named and has not confirmed. */
  ownershipUnconfirmed: boolean;
  /** The named 包案 leader has confirmed. */
  ownershipConfirmed: boolean;
};

/** The progress of a case from its events (in order) and its owner columns. Pure. */
export function caseProgress(
  events: readonly { kind: string }[],
  owner: { ownerId: string | null; ownerConfirmedAt: string | null },
): CaseProgress {
  let hearings = 0;
  let signedFor = false;
  let objected = false;
  for (const event of events) {
    switch (event.kind) {
      case 'startHearing':
        hearings += 1;
        break;
      case 'endHearing':
        hearings -= 1;
        break;
      case 'assign':
      case 'forward':
        signedFor = false;
        objected = false;
        break;
      case 'rejectObjection':
        // The objection is refused: the unit must still sign for the case; it has objected once.
        signedFor = false;
        break;
      case 'signFor':
        signedFor = true;
        break;
      case 'object':
        objected = true;
        break;
      default:
        break;
    }
  }
  const named = owner.ownerId !== null;
  return {
    hearingOpen: hearings > 0,
    signedFor,
    objected,
    ownershipUnconfirmed: named && owner.ownerConfirmedAt === null,
    ownershipConfirmed: named && owner.ownerConfirmedAt !== null,
  };
}

/**
 * Why a step the state machine and the policy allow cannot be taken now, or null. `done` steps are
 * not offered again (签收 and 确认包案 once, one hearing at a time); the others wait for another
 * step and are shown as waiting, with the code as the reason.
 */
export function stepBlock(verb: PetitionVerb, progress: CaseProgress): { code: ErrorCode; done: boolean } | null {
  switch (verb) {
    case 'signFor':
      return progress.signedFor ? { code: 'PETITION_STEP_DONE', done: true } : null;
    case 'object':
      // Signing for the case, or objecting once, ends the objection window (第23条第3款).
      return progress.signedFor || progress.objected ? { code: 'OBJECTION_WINDOW_CLOSED', done: true } : null;
    case 'confirmOwnership':
      return progress.ownershipConfirmed ? { code: 'PETITION_STEP_DONE', done: true } : null;
    case 'issueReply':
      // 领导包案 (第18条): the owner answers for the case, so the reply is signed off once they have confirmed.
      return progress.ownershipUnconfirmed ? { code: 'OWNERSHIP_NOT_CONFIRMED', done: false } : null;
    case 'startHearing':
      return progress.hearingOpen ? { code: 'PETITION_TRANSITION_ILLEGAL', done: true } : null;
    case 'endHearing':
      return progress.hearingOpen ? null : { code: 'PETITION_TRANSITION_ILLEGAL', done: true };
    default:
      return null;
  }
}

/**
 * The verbs `actor` may use on the petition now (state machine ∩ policy), less the steps already
 * done; those that wait for another step are listed apart with the reason (`stepBlock`).
 */
export function availableVerbs(
  actor: Actor,
  state: PetitionState,
  facts: PetitionCaseFacts,
  progress: CaseProgress,
): { actions: string[]; waiting: { verb: string; code: ErrorCode }[] } {
  const allowed = [
    ...PETITION_TRANSITIONS.filter((t) => nextState(state, t) !== null && canAct(actor, t, facts)),
    ...PETITION_ACTIVITIES.filter((a) => canPerform(state, a) && canAct(actor, a, facts)),
  ];
  const actions: string[] = [];
  const waiting: { verb: string; code: ErrorCode }[] = [];
  for (const verb of allowed) {
    const block = stepBlock(verb, progress);
    if (block === null) actions.push(verb);
    else if (!block.done) waiting.push({ verb, code: block.code });
  }
  return { actions, waiting };
}
