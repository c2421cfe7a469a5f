/** Turn any thrown value into the catalog text a person should read. */
import { format, type Catalog } from '../../../common/i18n/index.ts';
import { ApiError } from '../api/client.ts';
import { formatDateTime } from './format-time.ts';
import type { Locale } from '../../../common/i18n/index.ts';

/** The text for `error`, by its code; unknown failures read as INTERNAL. */
export function errorText(t: Catalog, error: unknown, locale: Locale): string {
  if (!(error instanceof ApiError)) return t.errors.INTERNAL;
  if (error.network) return t.common.networkError;
  if (error.code === 'ACCOUNT_LOCKED') {
    const until = error.details?.['lockedUntil'];
    if (typeof until === 'string') return format(t.login.lockedUntil, { time: formatDateTime(until, locale) });
  }
  return t.errors[error.code];
}
