/**
 * The deadlines of one case from its stored row and events (pure): the time limits kept with the case
 * at registration, every deadline as of a day, and the deadline columns the lists sort and count by.
 * The petition engine derives them on every event; the ledger import and the alerts read them the same way.
 */
import type { Calendar } from './calendar.ts';
import { deadlineFacts } from './deadline-facts.ts';
import {
  computeDeadlines,
  DEFAULT_DEADLINE_POLICY,
  nearestOpenDeadline,
  type Deadline,
  type DeadlinePolicy,
} from './deadlines.ts';
import { isOpen, type PetitionState } from './petition-state.ts';
import type { PetitionType } from '../schemas/petition.ts';
import { DeadlinePolicySchema } from '../schemas/setting.ts';

/** An event as stored: its data is a JSON object. */
export type StoredEvent = { id?: string; kind: string; at: string; data_json: string };

/** The data of a stored event (an object; anything else reads as empty). */
export function parseData(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The time limits kept with the case at registration (the 条例's defaults for older cases). */
export function policyOf(petition: { policy_json: string | null }): DeadlinePolicy {
  if (petition.policy_json === null) return DEFAULT_DEADLINE_POLICY;
  const parsed = DeadlinePolicySchema.safeParse(JSON.parse(petition.policy_json));
  return parsed.success ? parsed.data : DEFAULT_DEADLINE_POLICY;
}

/** Every deadline of a case from its events, as of `today`. */
export function deadlinesFrom(
  petition: { type: PetitionType; received_at: string; policy_json: string | null; is_anonymous: number },
  events: readonly StoredEvent[],
  today: string,
  calendar: Calendar,
): Deadline[] {
  const facts = deadlineFacts(
    petition.type,
    petition.received_at,
    events.map((e) => ({
      ...(e.id === undefined ? {} : { id: e.id }),
      kind: e.kind,
      at: e.at,
      data: parseData(e.data_json),
    })),
    // An anonymous petitioner has no name or address to write to (第23条).
    { noticeExempt: petition.is_anonymous === 1 },
  );
  return computeDeadlines(facts, today, calendar, policyOf(petition));
}

/**
 * The deadline columns of a case: the nearest open deadline of a case still watched, and the
 * acceptance and conclusion deadlines of every case (the dashboard's on-time rates read them).
 */
export function deadlineColumns(state: PetitionState, all: readonly Deadline[]) {
  const watched = isOpen(state) || state === 'concluded' || state === 'reviewed';
  const nearest = watched ? nearestOpenDeadline(all) : null;
  const acceptance = all.find((d) => d.kind === 'acceptance_notice');
  const conclusion = all.find((d) => d.kind === 'conclusion');
  const referral = all.find((d) => d.kind === 'referral_report');
  const ownership = all.find((d) => d.kind === 'owner_confirmation');
  return {
    due_date: nearest?.dueDate ?? null,
    due_kind: nearest?.kind ?? null,
    acceptance_due: acceptance?.dueDate ?? null,
    acceptance_status: acceptance?.status ?? null,
    conclusion_due: conclusion?.dueDate ?? null,
    conclusion_status: conclusion?.status ?? null,
    referral_due: referral?.dueDate ?? null,
    referral_status: referral?.status ?? null,
    ownership_due: ownership?.dueDate ?? null,
    ownership_status: ownership?.status ?? null,
  };
}
