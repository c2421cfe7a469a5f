/**
 * GET requests started by main.tsx before React, Ant Design and zod are parsed, so the session and
 * the page's first data travel while the code that needs them loads. The API client takes a
 * prefetched answer for the same path once (`takePrefetched`); later requests go to the network.
 * Imports nothing: it is part of the small entry chunk.
 */
const pending = new Map<string, { response: Promise<Response>; at: number }>();

/** An answer nobody took while the screen started is stale by the time another screen asks. */
const FRESH_MS = 10_000;

export function prefetch(path: string): void {
  if (pending.has(path)) return;
  const response = fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  // Nobody may take it (a log-in page never shows the bell): a failure must not be an unhandled rejection.
  response.catch(() => undefined);
  pending.set(path, { response, at: performance.now() });
}

/** The prefetched answer for `path`, handed out once and only while fresh. */
export function takePrefetched(path: string): Promise<Response> | undefined {
  const entry = pending.get(path);
  pending.delete(path);
  return entry !== undefined && performance.now() - entry.at < FRESH_MS ? entry.response : undefined;
}
