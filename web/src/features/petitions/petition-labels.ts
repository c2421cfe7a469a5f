/** Presentation helpers for petitions: state colours, due-date urgency and who may open what. */
import { DEADLINE_KINDS, type DeadlineKind } from '../../../../common/domain/deadlines.ts';
import type { PetitionState } from '../../../../common/domain/petition-state.ts';
import type { Catalog } from '../../../../common/i18n/index.ts';

export const STATE_COLORS: Record<PetitionState, string> = {
  registered: 'default',
  triaged: 'cyan',
  assigned: 'blue',
  returned: 'orange',
  accepted: 'geekblue',
  in_progress: 'processing',
  reply_drafted: 'purple',
  replied: 'green',
  executing: 'lime',
  evaluated: 'green',
  concluded: 'success',
  review_requested: 'gold',
  reviewed: 'green',
  reconsideration_requested: 'gold',
  final: 'success',
  declined: 'default',
  redirected: 'default',
  diverted: 'default',
  not_accepted: 'default',
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** Due within this many days reads as urgent. */
export const URGENT_DAYS = 3;

/** Whole days from today (local) to a `YYYY-MM-DD` date; negative when it has passed. */
export function daysUntil(dueDate: string, now: Date = new Date()): number {
  const [y, m, d] = dueDate.split('-').map(Number);
  const due = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((due - today) / DAY_MS);
}

/** The colour of a due date: red when overdue, orange when due within URGENT_DAYS, none otherwise. */
export function urgencyColor(daysLeft: number | null): string | undefined {
  if (daysLeft === null) return undefined;
  if (daysLeft < 0) return '#cf1322';
  if (daysLeft <= URGENT_DAYS) return '#d46b08';
  return undefined;
}

export type Urgency = 'overdue' | 'soon' | 'normal';

/** How pressing a due date is: passed, within URGENT_DAYS, or later (no date reads as normal). */
export function urgencyOf(dueDate: string | null, now: Date = new Date()): Urgency {
  if (dueDate === null) return 'normal';
  const left = daysUntil(dueDate, now);
  if (left < 0) return 'overdue';
  return left <= URGENT_DAYS ? 'soon' : 'normal';
}

function isDeadlineKind(kind: string): kind is DeadlineKind {
  return DEADLINE_KINDS.some((known) => known === kind);
}

/** The catalog label of a deadline kind sent as a plain string; unknown kinds show as sent. */
export function deadlineKindLabel(t: Catalog, kind: string | null): string {
  if (kind === null) return t.common.none;
  return isDeadlineKind(kind) ? t.petitions.deadlineKinds[kind] : kind;
}
