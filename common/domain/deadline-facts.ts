/**
 * Folds a petition's events into the facts the deadline function needs. Pure: the events are the
 * record of what happened and when; every due date is derived from them, never stored apart.
 */
import { compareInstants } from './calendar.ts';
import type { DeadlineFacts, Hearing } from './deadlines.ts';
import type { PetitionType } from '../schemas/petition.ts';

export type FactEvent = { id?: string; kind: string; at: string; data: Record<string, unknown> };

/** What the events do not say about a case. */
export type CaseTraits = {
  /**
   * No name or address to write to (匿名): 第23条 exempts the written notice ("信访人的姓名（名称）、
   * 住址不清的除外"), so the decision itself meets the 15-day limit, and an extension is not told.
   */
  noticeExempt?: boolean;
};

/** The notices to the petitioner of a decision (第23条) and of an extension (第34条). */
export const DECISION_NOTICE_KINDS = ['acceptance_notice', 'non_acceptance_notice'] as const;
const DECISIONS = ['accept', 'decline', 'redirect', 'divert', 'notAccept'];

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** When a delivery event says the document went out: its delivery date, else (posted) the sending. */
function wentOutAt(event: FactEvent): string {
  return str(event.data.deliveredAt) ?? event.at;
}

export function deadlineFacts(
  type: PetitionType,
  receivedAt: string,
  events: readonly FactEvent[],
  traits: CaseTraits = {},
): DeadlineFacts {
  const facts: DeadlineFacts = { type, receivedAt, extensionDays: 0 };
  const hearings: Hearing[] = [];
  /** Approved extensions in order, with the time their notice went out (null: not yet). */
  const extensions: { id: string | undefined; days: number; noticeAt: string | null }[] = [];
  for (const event of events) {
    switch (event.kind) {
      case 'accept':
      case 'decline':
      case 'redirect':
      case 'divert':
      case 'notAccept':
        // The written notice (受理/不予受理/告知) is owed from the decision (第23条); only an exempt
        // case (no name or address) meets the limit with the decision itself.
        if (traits.noticeExempt === true) facts.acceptanceNoticeAt ??= event.at;
        // Accepting or declining an item handed over answers it as signing for it would: the
        // objection window closes (第23条第3款) — nobody can object to what the unit has taken on.
        if ((event.kind === 'accept' || event.kind === 'decline') && facts.assignedAt != null)
          facts.signedAt ??= event.at;
        if (event.kind === 'accept') {
          facts.acceptedAt = event.at;
          if (typeof event.data.ownerId === 'string') {
            facts.ownerAssignedAt = event.at;
            facts.ownerConfirmedAt = null;
          }
        }
        break;
      case 'assign':
      case 'forward':
        // A new assignment opens a new objection window.
        facts.assignedAt = event.at;
        facts.signedAt = null;
        facts.objectedAt = null;
        facts.assignmentReportDueDate = str(event.data.reportDueDate);
        break;
      case 'signFor':
        facts.signedAt = event.at;
        break;
      case 'object':
        facts.objectedAt = event.at;
        break;
      case 'extend': {
        const days = typeof event.data.days === 'number' ? event.data.days : 0;
        facts.extensionDays = (facts.extensionDays ?? 0) + days;
        facts.latestExtensionDays = days;
        extensions.push({ id: event.id, days, noticeAt: traits.noticeExempt === true ? event.at : null });
        break;
      }
      case 'issueReply':
        facts.repliedAt = event.at;
        facts.replyReceivedAt = str(event.data.deliveredAt) ?? event.at;
        facts.reportedAt ??= event.at;
        break;
      case 'deliverDocument': {
        const kind = event.data.kind;
        // A notice counts once it exists and went out — delivered, handed over or posted (第23条, 第34条).
        if (kind === 'acceptance_notice' || kind === 'non_acceptance_notice')
          facts.acceptanceNoticeAt ??= wentOutAt(event);
        if (kind === 'extension_notice') {
          // The extension the notice was made from; older events name none: the latest one not yet told.
          const source = str(event.data.sourceEventId);
          const extension =
            extensions.find((e) => source !== null && e.id === source) ??
            [...extensions].reverse().find((e) => e.noticeAt === null);
          if (extension !== undefined) extension.noticeAt ??= wentOutAt(event);
        }
        // The report on a matter sent down by a higher body went out (第22条).
        if (kind === 'referral_report') facts.referralReportedAt ??= event.at;
        // The date a written opinion reached the petitioner starts their next window (第35–36条).
        const deliveredAt = str(event.data.deliveredAt);
        if (deliveredAt === null) break;
        if (event.data.kind === 'reply') facts.replyReceivedAt = deliveredAt;
        else if (event.data.kind === 'review_opinion') facts.reviewOpinionReceivedAt = deliveredAt;
        else if (event.data.kind === 'reconsideration_opinion') facts.reconsiderationOpinionAt = deliveredAt;
        break;
      }
      case 'requestReview':
        facts.reviewRequestedAt = str(event.data.requestedAt) ?? event.at;
        break;
      case 'issueReviewOpinion': {
        // Given in writing now (第35条); the 复核 window runs from its receipt (第36条): handed over, or
        // posted (from the sending until the receipt is recorded), not while it has not gone out.
        const deliveredAt = str(event.data.deliveredAt);
        facts.reviewOpinionAt = deliveredAt ?? event.at;
        facts.reviewOpinionReceivedAt = deliveredAt ?? (event.data.deliveryMethod === 'post' ? event.at : null);
        break;
      }
      case 'requestReconsideration':
        facts.reconsiderationRequestedAt = str(event.data.requestedAt) ?? event.at;
        break;
      case 'issueReconsiderationOpinion':
        facts.reconsiderationOpinionAt = str(event.data.deliveredAt) ?? event.at;
        break;
      case 'setOwner':
        facts.ownerAssignedAt = event.at;
        facts.ownerConfirmedAt = null;
        break;
      case 'confirmOwnership':
        facts.ownerConfirmedAt = event.at;
        break;
      case 'supervise':
        facts.supervisionDueDate = str(event.data.dueDate);
        facts.supervisionResolvedAt = null;
        break;
      case 'conclude':
        if (facts.supervisionDueDate !== undefined && facts.supervisionDueDate !== null)
          facts.supervisionResolvedAt ??= event.at;
        break;
      case 'register': {
        // 上级转送/交办: the higher body's date for the report back (第22条).
        const referral = event.data.referral;
        if (typeof referral === 'object' && referral !== null)
          facts.referralDueDate = str((referral as Record<string, unknown>).dueDate);
        break;
      }
      case 'imported': {
        // A case carried over from an old ledger: the dates the ledger recorded stand in for the
        // events that happened before the system (docs/domain.md, "Ledger import").
        const acceptedAt = str(event.data.acceptedAt);
        const decidedAt = str(event.data.decidedAt);
        const repliedAt = str(event.data.repliedAt);
        if (acceptedAt !== null) facts.acceptanceNoticeAt = facts.acceptedAt = acceptedAt;
        if (decidedAt !== null) facts.acceptanceNoticeAt = decidedAt;
        if (repliedAt !== null) facts.repliedAt = facts.replyReceivedAt = facts.reportedAt = repliedAt;
        break;
      }
      case 'startHearing':
        hearings.push({ startedAt: event.at, endedAt: null });
        break;
      case 'endHearing': {
        const open = hearings.find((h) => h.endedAt === null);
        if (open !== undefined) open.endedAt = event.at;
        break;
      }
      default:
        break;
    }
  }
  facts.hearings = hearings;
  if (extensions.length > 0) {
    // Met when the last of the notices went out; open while one has not.
    let last: string | null = null;
    for (const e of extensions) {
      if (e.noticeAt === null) {
        last = null;
        break;
      }
      if (last === null || compareInstants(e.noticeAt, last) > 0) last = e.noticeAt;
    }
    facts.extensionNoticeAt = last;
  }
  return facts;
}

/** A written notice the petitioner is owed and has not had: its document is missing, or not yet out. */
export type OwedNotice = {
  kind: (typeof DECISION_NOTICE_KINDS)[number] | 'extension_notice';
  /** The step that owes it (accept, decline, …, extend) and when it was recorded. */
  step: string;
  stepAt: string;
  missing: 'document' | 'delivery';
};

/**
 * The notices a case still owes its petitioner: the 受理/不予受理 notice of its decision (第23条,
 * 第44条(三)) and the 延期告知书 of each extension (第34条), each until a delivery of it is recorded
 * (delivered, handed over or posted). The case page says which is missing; the deadlines count them
 * (`deadlineFacts`). An exempt case (no name or address, 第23条) owes none.
 */
export function owedNotices(events: readonly FactEvent[], traits: CaseTraits = {}): OwedNotice[] {
  if (traits.noticeExempt === true) return [];
  const owed: OwedNotice[] = [];
  const generated = (kind: string, after: number, sourceId: string | undefined) =>
    events.some(
      (e, i) =>
        i > after &&
        e.kind === 'generateDocument' &&
        e.data.kind === kind &&
        (sourceId === undefined || str(e.data.sourceEventId) === null || e.data.sourceEventId === sourceId),
    );
  const decisionIndex = events.findLastIndex((e) => DECISIONS.includes(e.kind));
  const decision = events[decisionIndex];
  const decisionTold = events.some(
    (e) => e.kind === 'deliverDocument' && (DECISION_NOTICE_KINDS as readonly unknown[]).includes(e.data.kind),
  );
  if (decision !== undefined && !decisionTold) {
    const kind = decision.kind === 'accept' ? 'acceptance_notice' : 'non_acceptance_notice';
    owed.push({
      kind,
      step: decision.kind,
      stepAt: decision.at,
      missing: generated(kind, decisionIndex, decision.id) ? 'delivery' : 'document',
    });
  }
  // Each extension, matched to the delivery of the notice made from it (older events name no source:
  // a delivery then answers the latest extension not yet told, as `deadlineFacts` counts it).
  const extensions = events.flatMap((e, i) => (e.kind === 'extend' ? [{ event: e, index: i, told: false }] : []));
  for (const e of events) {
    if (e.kind !== 'deliverDocument' || e.data.kind !== 'extension_notice') continue;
    const source = str(e.data.sourceEventId);
    const match =
      extensions.find((x) => source !== null && x.event.id === source) ??
      [...extensions].reverse().find((x) => !x.told);
    if (match !== undefined) match.told = true;
  }
  for (const x of extensions) {
    if (x.told) continue;
    owed.push({
      kind: 'extension_notice',
      step: 'extend',
      stepAt: x.event.at,
      missing: generated('extension_notice', x.index, x.event.id) ? 'delivery' : 'document',
    });
  }
  return owed;
}
