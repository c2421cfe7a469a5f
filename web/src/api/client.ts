/**
 * A tiny typed wrapper over `fetch` for our JSON API.
 *
 * Every answer is parsed with the zod View schema of the endpoint, so a component only ever sees
 * data of the declared shape. Errors arrive as `ApiError` carrying the stable `code` from
 * `common/errors.ts`; components pick their text from the catalog by that code. The client
 * remembers the CSRF token of the session and echoes it on every state change.
 */
import type { z } from 'zod';
import { CSRF_HEADER } from '../../../common/schemas/auth.ts';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { ApiError, NETWORK_ERROR_STATUS } from './api-error.ts';
import { takePrefetched } from './prefetch.ts';

export { ApiError, NETWORK_ERROR_STATUS } from './api-error.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | undefined>;

/** The session endpoint answers 401 as a normal "not signed in"; it never triggers a redirect. */
const SESSION_PATH = '/api/session';

export class ApiClient {
  private csrfToken: string | null = null;
  private unauthenticatedHandler: (() => void) | null = null;

  /** Remember (or forget, with null) the token echoed in `x-csrf-token`. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /**
   * Called when any call other than the session endpoint answers 401: the session has ended on
   * the server, so the app sends the user to the log-in page. Returns an unsubscribe function.
   */
  onUnauthenticated(handler: () => void): () => void {
    this.unauthenticatedHandler = handler;
    return () => {
      if (this.unauthenticatedHandler === handler) this.unauthenticatedHandler = null;
    };
  }

  get<S extends z.ZodType>(path: string, schema: S, query?: Query): Promise<z.infer<S>> {
    return this.request('GET', withQuery(path, query), schema);
  }

  post<S extends z.ZodType>(path: string, schema: S, body: unknown = {}): Promise<z.infer<S>> {
    return this.request('POST', path, schema, body);
  }

  put<S extends z.ZodType>(path: string, schema: S, body: unknown = {}): Promise<z.infer<S>> {
    return this.request('PUT', path, schema, body);
  }

  delete<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    return this.request('DELETE', path, schema);
  }

  /** POST one file as multipart/form-data in the field `file` (the browser sets the boundary header). */
  upload<S extends z.ZodType>(path: string, schema: S, file: Blob, fileName: string): Promise<z.infer<S>> {
    const form = new FormData();
    form.append('file', file, fileName);
    return this.request('POST', path, schema, form);
  }

  private async request<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const multipart = body instanceof FormData;
    if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken !== null) headers[CSRF_HEADER] = this.csrfToken;

    let response: Response;
    try {
      const prefetched = method === 'GET' ? takePrefetched(path) : undefined;
      response = await (prefetched ??
        fetch(path, {
          method,
          headers,
          credentials: 'same-origin',
          ...(body === undefined ? {} : { body: multipart ? body : JSON.stringify(body) }),
        }));
    } catch (cause) {
      throw new ApiError(
        NETWORK_ERROR_STATUS,
        'INTERNAL',
        cause instanceof Error ? cause.message : 'network error',
        undefined,
        true,
      );
    }

    const payload = await readJson(response);
    if (!response.ok) {
      const error = toApiError(response.status, payload);
      const pathOnly = path.split('?')[0];
      if (response.status === 401 && pathOnly !== SESSION_PATH) this.unauthenticatedHandler?.();
      throw error;
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'INTERNAL',
        `Unexpected response from ${method} ${path}: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(payload);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details);
  }
  return new ApiError(status, status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', `HTTP ${status}`);
}

function withQuery(path: string, query: Query | undefined): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text.length === 0 ? path : `${path}?${text}`;
}

/** The one client of the browser app. */
export const api = new ApiClient();
