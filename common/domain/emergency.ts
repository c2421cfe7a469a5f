/**
 * Rules of an incident's record (应急处置), pure so that the server and the after-action report
 * (复盘) count the same way. 《信访工作条例》第27条 asks that sudden mass incidents be handled at once
 * and reported; 国家突发事件应对法 asks for a record of the response: what happened when, who went,
 * what was promised. The response times measured here are the figures the appraisal reads.
 */
import { legalDateProblem, type LegalDateProblem } from './legal-dates.ts';

/**
 * How long before the activation a recorded step may lie: people gathered before the plan was
 * started are part of the record; a day earlier is a typing error.
 */
export const ENTRY_LOOKBACK_MS = 24 * 3_600_000;

/**
 * Why `occurredAt` cannot be the time of a step of an incident activated at `activatedAt`, or null:
 * not in the future (a few minutes of a phone's clock allowed), not more than a day before activation.
 */
export function entryTimeProblem(occurredAt: string, activatedAt: string, now: Date): LegalDateProblem | null {
  const notBefore = new Date(Date.parse(activatedAt) - ENTRY_LOOKBACK_MS).toISOString();
  return legalDateProblem(occurredAt, now, notBefore);
}

/** Whole minutes from `from` to `to` (rounded down; never negative). */
export function minutesBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 60_000));
}

/**
 * The response times of an incident: activation → first arrival on the spot (the earliest arrival
 * entry at or after activation; an arrival before it was no response), activation → stand-down.
 */
export function responseTimes(
  activatedAt: string,
  entries: readonly { kind: string; occurredAt: string }[],
  stoodDownAt: string | null,
): { toFirstArrival: number | null; toStandDown: number | null } {
  const arrivals = entries
    .filter((e) => e.kind === 'arrival' && Date.parse(e.occurredAt) >= Date.parse(activatedAt))
    .map((e) => e.occurredAt)
    .sort();
  const first = arrivals[0];
  return {
    toFirstArrival: first === undefined ? null : minutesBetween(activatedAt, first),
    toStandDown: stoodDownAt === null ? null : minutesBetween(activatedAt, stoodDownAt),
  };
}
