import { ApiError } from '../api/api-error.ts';
import { errorText, ui } from './labels.ts';

/** The message for a failed look-up or action: one neutral answer for a wrong number or code. */
export function failureText(caught: unknown): string {
  if (!(caught instanceof ApiError)) return errorText('INTERNAL');
  if (caught.network) return ui.networkError;
  if (caught.code === 'NOT_FOUND') return ui.wrongKey;
  if (caught.code === 'RATE_LIMITED' || caught.status === 429) return ui.tooMany;
  return errorText(caught.code);
}
