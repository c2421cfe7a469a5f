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
 */
import { isInSubtree, isLeader, isOffice, type Actor } from '../../../common/domain/access.ts';
import type { PetitionActivity, PetitionTransition } from '../../../common/domain/petition-state.ts';
import type { PetitionType } from '../../../common/schemas/petition.ts';

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
};

export type PetitionVerb = PetitionTransition | PetitionActivity | 'register' | 'declareConflict' | 'revealIdentity';

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

/** The actor's unit lies strictly above the handling unit (上一级: review, supervision). */
function aboveHandlingUnit(actor: Actor, facts: PetitionAccessFacts): boolean {
  const handling = facts.handlingUnitPath ?? facts.registeredUnitPath;
  return handling !== actor.unitPath && isInSubtree(handling, actor.unitPath);
}

/** The path of the unit above the unit at `path`, or null at the root. */
function parentPath(path: string): string | null {
  const ids = path.split('/').filter(Boolean);
  return ids.length > 1 ? `/${ids.slice(0, -1).join('/')}/` : null;
}

/**
 * The actor's unit lies strictly above the body that issued the 复查意见: 第36条 sends the 复核 to
 * "复查机关、单位的上一级", so the unit that reviewed can never also reconsider. A case whose 复查 body
 * is not on record (carried over from an old ledger) presumes the level above the handling unit.
 */
function aboveReviewUnit(actor: Actor, facts: PetitionAccessFacts): boolean {
  const review = facts.reviewUnitPath ?? parentPath(facts.handlingUnitPath ?? facts.registeredUnitPath);
  if (review === null) return false;
  // At the top of the tree there is no level above in the system: the group decides for itself,
  // by a leader (负责人), so the 复核 is not left with nobody to decide it (docs/domain.md).
  if (parentPath(review) === null) return review === actor.unitPath && isLeader(actor.role);
  return review !== actor.unitPath && isInSubtree(review, actor.unitPath);
}

/**
 * The case was sent up to a level above the actor (报请上级): that level routes and decides it now,
 * the office that sent it follows it but no longer decides for it.
 */
function sentAbove(actor: Actor, facts: PetitionAccessFacts): boolean {
  const handling = facts.handlingUnitPath;
  return handling !== null && handling !== actor.unitPath && isInSubtree(actor.unitPath, handling);
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
 * May the actor use `verb` on this petition (the state machine is checked separately)?
 * Read access is a precondition of every verb.
 */
export function canAct(actor: Actor, verb: PetitionVerb, facts: PetitionAccessFacts): boolean {
  if (!canRead(actor, facts) || actor.role === 'auditor') return false;
  const office = isOffice(actor.role) && inScope(actor, facts);
  const leader = isLeader(actor.role) && inScope(actor, facts);
  const receivingUnit = actor.role !== 'partner' && handledWithin(actor, facts);
  const working = office || isOnCase(actor, facts) || (receivingUnit && actor.role !== 'unit_head');
  switch (verb) {
    case 'triage':
    case 'assign':
    case 'forward':
    case 'confirmReturn':
    case 'rejectObjection':
    case 'accept':
    case 'decline':
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
    case 'signFor':
    case 'object':
      return receivingUnit && actor.role !== 'partner';
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
      // The level above the handling unit (督办 第38–40条).
      return isOffice(actor.role) && aboveHandlingUnit(actor, facts);
    case 'issueReviewOpinion': {
      // The level above the handling unit (第35条 "上一级"); at the top of the tree, with nothing
      // above it in the system, the group itself by a leader (负责人; docs/domain.md).
      const handling = facts.handlingUnitPath ?? facts.registeredUnitPath;
      if (parentPath(handling) === null) return handling === actor.unitPath && isLeader(actor.role);
      return isOffice(actor.role) && aboveHandlingUnit(actor, facts);
    }
    case 'issueReconsiderationOpinion':
      // The level above the body that issued the 复查意见 (第36条), never that body itself.
      return isOffice(actor.role) && aboveReviewUnit(actor, facts);
    case 'declareConflict':
      return true;
  }
}
