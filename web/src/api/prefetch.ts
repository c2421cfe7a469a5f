/**
 * GET requests started by main.tsx before React, Ant Design and zod are parsed, so the session and
 * the page's first data travel while the code that needs them loads. The API client takes a
 * prefetched answer for the same path once (`takePrefetched`); later requests go to the network.
 * Imports nothing: it is part of the small entry chunk.
 */
const pending = new Map<string, Promise<Response>>();

export function prefetch(path: string): void {
  if (pending.has(path)) return;
  const response = fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  // Nobody may take it (a log-in page never shows the bell): a failure must not be an unhandled rejection.
  response.catch(() => undefined);
  pending.set(path, response);
}

/** The prefetched answer for `path`, handed out once. */
export function takePrefetched(path: string): Promise<Response> | undefined {
  const response = pending.get(path);
  pending.delete(path);
  return response;
}
