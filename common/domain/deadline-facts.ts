/**
 * Folds a petition's events into the facts the deadline function needs. Pure: the events are the
 * record of what happened and when; every due date is derived from them, never stored apart.
 */
import type { DeadlineFacts, Hearing } from './deadlines.ts';
import type { PetitionType } from '../schemas/petition.ts';

export type FactEvent = { kind: string; at: string; data: Record<string, unknown> };

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function deadlineFacts(type: PetitionType, receivedAt: string, events: readonly FactEvent[]): DeadlineFacts {
  const facts: DeadlineFacts = { type, receivedAt, extensionDays: 0 };
  const hearings: Hearing[] = [];
  for (const event of events) {
    switch (event.kind) {
      case 'accept':
      case 'decline':
      case 'redirect':
      case 'divert':
      case 'notAccept':
        // The written notice (受理/不予受理/告知) goes out with the decision (第23条).
        facts.acceptanceNoticeAt ??= event.at;
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
      case 'extend':
        facts.extensionDays = (facts.extensionDays ?? 0) + (typeof event.data.days === 'number' ? event.data.days : 0);
        break;
      case 'issueReply':
        facts.repliedAt = event.at;
        facts.replyReceivedAt = str(event.data.deliveredAt) ?? event.at;
        facts.reportedAt ??= event.at;
        break;
      case 'deliverDocument': {
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
  return facts;
}
