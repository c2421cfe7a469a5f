/**
 * Dates the law counts from — when a letter was received, a reply delivered, a review requested —
 * start the petitioner's and the office's time limits (《信访工作条例》第23、34–36条). Such a date
 * must lie between the step it follows and now: a date in the future would stretch a window that
 * has not begun (a reply "delivered" next year), a date long past would close one at once. A few
 * minutes of clock skew between a browser and the server are allowed.
 */

/** How far ahead of the server's clock a submitted time may be (a phone's clock running fast). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** No record of this system starts before this day (the earliest a ledger import reaches back). */
export const EARLIEST_LEGAL_DATE = '2000-01-01T00:00:00.000Z';

export type LegalDateProblem = 'future' | 'before_step' | 'too_early' | 'invalid';

/**
 * Why `value` cannot be the date of a step, or null when it can.
 * @param notBefore the time of the step it follows (the receipt before the delivery of a reply, …)
 */
export function legalDateProblem(value: string, now: Date, notBefore?: string | null): LegalDateProblem | null {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return 'invalid';
  if (t > now.getTime() + CLOCK_SKEW_MS) return 'future';
  if (t < Date.parse(EARLIEST_LEGAL_DATE)) return 'too_early';
  if (notBefore !== undefined && notBefore !== null && t < Date.parse(notBefore)) return 'before_step';
  return null;
}

export const LEGAL_DATE_MESSAGES: Record<LegalDateProblem, string> = {
  future: 'must not be in the future',
  before_step: 'must not be before the step it follows',
  too_early: 'must not be before 2000-01-01',
  invalid: 'is not a valid date and time',
};
