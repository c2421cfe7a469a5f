/**
 * The portal's labels: the zh-CN catalog's portal part only (the portal has no language switch, and
 * leaving the English catalog and the staff's labels out keeps the first load small). Dates in China
 * time, as the petitioner reads them.
 */
import type { ErrorCode } from '../../../common/errors.ts';
import { errorsZhCN, petitionerIdentitiesZhCN, portalZhCN } from '../../../common/i18n/zh-CN-portal.ts';

export const t = portalZhCN;
export const ui = portalZhCN.ui;
export const identities = petitionerIdentitiesZhCN;

/**
 * `{name}` placeholders filled, as common/i18n's format does — repeated here because importing
 * common/i18n/index.ts would bring the English catalog into the portal's first load.
 */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => {
    const value = values[key];
    return value === undefined ? match : String(value);
  });
}

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 2026-11-28T02:00:00Z → 2026年11月28日 (China time). */
export function dateOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** A moment with its time, for messages and steps. */
export function timeOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : `${dateFormat.format(date)} ${timeFormat.format(date).split(' ').at(-1) ?? ''}`;
}

/** A local calendar date `YYYY-MM-DD` (a deadline) → 2026年12月18日. */
export function localDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match === null ? day : `${match[1] ?? ''}年${Number(match[2])}月${Number(match[3])}日`;
}

/** The catalog's text for an error code, the portal's own wording first. */
export function errorText(code: ErrorCode): string {
  const own: Partial<Record<ErrorCode, string>> = t.errors;
  return own[code] ?? errorsZhCN[code];
}
