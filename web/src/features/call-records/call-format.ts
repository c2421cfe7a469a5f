/** How a call's duration and call-back read in the lists (pure). */
import { format, type Catalog } from '../../../../common/i18n/index.ts';

export function durationText(t: Catalog, seconds: number): string {
  return format(t.intake.call.durationValue, { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}

/** Minutes typed (or the time the form was open) as whole seconds, within the four hours a call may last. */
export function durationSeconds(minutes: number | null | undefined, openedAt: number, now: number): number {
  const seconds = minutes === null || minutes === undefined ? (now - openedAt) / 1000 : minutes * 60;
  return Math.min(4 * 3600, Math.max(0, Math.round(seconds)));
}
