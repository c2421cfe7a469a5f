/** How the emergency screens word and colour things, from the catalog. */
import type { PlanLevel } from '../../../../common/schemas/emergency.ts';

export const LEVEL_TAG_COLORS: Record<PlanLevel, string> = {
  red: 'red',
  orange: 'orange',
  yellow: 'gold',
  blue: 'blue',
};

/** `datetime-local` value (local time, minutes) of an instant, and back to an ISO instant. */
export function localInputOf(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function instantOfLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Only digits, plus and hyphens survive into a tel: link. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
