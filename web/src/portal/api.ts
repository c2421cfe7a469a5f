/**
 * The portal's calls to /api/portal/*: no session and no cookie; every answer is parsed with the
 * shared view schema, every failure becomes a ApiError with the stable code of common/errors.ts.
 * Case number and tracking code travel in POST bodies only, never in a URL.
 */
import { PortalDutyViewSchema, type PortalDutyView } from '../../../common/schemas/duty.ts';
import type { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { ApiError } from '../api/api-error.ts';
import {
  PortalCaseViewSchema,
  PortalChallengeViewSchema,
  PortalConfigViewSchema,
  PortalReceiptViewSchema,
  PortalSimilarViewSchema,
  PortalUnitListViewSchema,
  PortalUnitViewSchema,
  type PortalCaseKey,
  type PortalCaseView,
  type PortalChallengeView,
  type PortalConfigView,
  type PortalFilingInput,
  type PortalReceiptView,
  type PortalSimilarView,
  type PortalUnitListView,
} from '../../../common/schemas/portal.ts';

async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const form = body instanceof FormData;
  try {
    return await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
      },
      credentials: 'omit',
      ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }),
    });
  } catch (cause) {
    throw new ApiError(0, 'INTERNAL', cause instanceof Error ? cause.message : 'network error', undefined, true);
  }
}

async function failure(response: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  const parsed = ErrorBodySchema.safeParse(payload);
  if (parsed.success)
    return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
  return new ApiError(
    response.status,
    response.status === 429 ? 'RATE_LIMITED' : 'INTERNAL',
    `HTTP ${response.status}`,
  );
}

export async function call<S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.infer<S>> {
  const response = await send(method, path, body);
  if (!response.ok) throw await failure(response);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError(response.status, 'INTERNAL', `Unexpected answer from ${path}`);
  return parsed.data;
}

/** Today's duty phone and the leaders' reception days ahead. */
export function getDuty(): Promise<PortalDutyView> {
  return call('GET', '/api/portal/duty', PortalDutyViewSchema);
}

export function getConfig(): Promise<PortalConfigView> {
  return call('GET', '/api/portal/config', PortalConfigViewSchema);
}

export function getUnit(code: string): Promise<z.infer<typeof PortalUnitViewSchema>> {
  return call('GET', `/api/portal/units/${encodeURIComponent(code)}`, PortalUnitViewSchema);
}

/** The public list of units, for naming where a person works (被反映人). */
export function getUnits(): Promise<PortalUnitListView> {
  return call('GET', '/api/portal/units', PortalUnitListViewSchema);
}

export function getChallenge(): Promise<PortalChallengeView> {
  return call('POST', '/api/portal/challenge', PortalChallengeViewSchema, {});
}

/** The open case of a key this tab holds, and how close the text typed so far is to it. */
export function findSimilar(key: PortalCaseKey, text: string): Promise<PortalSimilarView> {
  return call('POST', '/api/portal/similar', PortalSimilarViewSchema, {
    caseNumber: key.caseNumber,
    code: key.code,
    ...(text.length >= 10 ? { text: text.slice(0, 20_000) } : {}),
  });
}

/** multipart/form-data: the JSON in "petition" first, then the files in "files". */
export function filePetition(input: PortalFilingInput, files: readonly File[]): Promise<PortalReceiptView> {
  const form = new FormData();
  form.append('petition', JSON.stringify(input));
  for (const file of files) form.append('files', file, file.name);
  return call('POST', '/api/portal/petitions', PortalReceiptViewSchema, form);
}

export function trackCase(key: PortalCaseKey): Promise<PortalCaseView> {
  return call('POST', '/api/portal/track', PortalCaseViewSchema, key);
}

export function sendMessage(key: PortalCaseKey, body: string): Promise<PortalCaseView> {
  return call('POST', '/api/portal/messages', PortalCaseViewSchema, { ...key, body });
}

export function evaluateReply(key: PortalCaseKey, satisfaction: number, comment: string): Promise<PortalCaseView> {
  return call('POST', '/api/portal/evaluate', PortalCaseViewSchema, {
    ...key,
    satisfaction,
    ...(comment.trim() === '' ? {} : { comment }),
  });
}

export function requestReview(key: PortalCaseKey, reason: string): Promise<PortalCaseView> {
  return call('POST', '/api/portal/review', PortalCaseViewSchema, { ...key, reason });
}

export function requestReconsideration(key: PortalCaseKey, reason: string): Promise<PortalCaseView> {
  return call('POST', '/api/portal/reconsideration', PortalCaseViewSchema, { ...key, reason });
}

/** The .docx of a written reply, fetched with the key in the body and handed to the browser as a download. */
export async function downloadDocx(key: PortalCaseKey, documentId: string, fileName: string): Promise<void> {
  const response = await send('POST', `/api/portal/documents/${encodeURIComponent(documentId)}/docx`, key);
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  try {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
