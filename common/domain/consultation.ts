/**
 * 征求意见 (consultation) rules as pure functions: when a draft still takes comments, which answers
 * count as adopted, and the adoption summary published once the decision is made. 《信访工作条例》
 * 第5条 (源头预防: listen to the masses before a major decision) and 第29条 (a suggestion is studied and,
 * where reasonable, adopted or partly adopted, with the reasons told).
 */
import type { LocalDate } from './calendar.ts';

export const CONSULTATION_ANSWERS = ['adopted', 'partly', 'not_adopted'] as const;
export type ConsultationAnswer = (typeof CONSULTATION_ANSWERS)[number];

/** A draft takes comments up to and including its deadline day (UTC+8), and never once decided. */
export function takesComments(deadline: LocalDate, today: LocalDate, decided: boolean): boolean {
  return !decided && today <= deadline;
}

/** open: taking comments; closed: past the deadline, decision pending; decided: summary published. */
export type ConsultationStage = 'open' | 'closed' | 'decided';

export function stageOf(deadline: LocalDate, today: LocalDate, decided: boolean): ConsultationStage {
  if (decided) return 'decided';
  return today <= deadline ? 'open' : 'closed';
}

export type AdoptionCounts = { total: number; adopted: number; partly: number; notAdopted: number; unanswered: number };

/** The counts of the adoption summary (第29条): every comment, by its answer. */
export function adoptionCounts(answers: readonly (ConsultationAnswer | null)[]): AdoptionCounts {
  const counts: AdoptionCounts = { total: answers.length, adopted: 0, partly: 0, notAdopted: 0, unanswered: 0 };
  for (const answer of answers) {
    if (answer === 'adopted') counts.adopted += 1;
    else if (answer === 'partly') counts.partly += 1;
    else if (answer === 'not_adopted') counts.notAdopted += 1;
    else counts.unanswered += 1;
  }
  return counts;
}

/** Adopted or partly adopted over answered; null when nothing is answered. */
export function adoptionRate(counts: AdoptionCounts): number | null {
  const answered = counts.adopted + counts.partly + counts.notAdopted;
  return answered === 0 ? null : (counts.adopted + counts.partly) / answered;
}
