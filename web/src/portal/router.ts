/**
 * The portal's own router: the page follows `location.pathname` under /portal, links push history
 * entries. No router library, so the first load stays small (issue #5: under 150 KB of JavaScript).
 */
import { useSyncExternalStore } from 'react';

export const PORTAL_HOME = '/portal';
export const PORTAL_FILE = '/portal/file';
export const PORTAL_RECEIPT = '/portal/receipt';
export const PORTAL_TRACK = '/portal/track';
export const PORTAL_CONSULTATIONS = '/portal/consultations';
export const PORTAL_PUBLICITY = '/portal/publicity';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** Go to a portal page; `replace` swaps the current history entry (a redirect, not a step back). */
export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

/** The current path (trailing slash removed) and query, re-rendering on every navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  return { pathname, search: url.searchParams };
}
