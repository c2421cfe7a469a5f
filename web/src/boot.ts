/**
 * The first module the workbench evaluates (main.tsx imports it before anything else): it starts
 * what every screen waits for — the session, the public configuration, the notifications, the
 * screen's own first data (app/page-data.ts) and the code of the page the address opens — before
 * React, Ant Design and zod are evaluated. Without it each began only after the whole bundle had
 * run and the session had come back, one after the other. Imports nothing heavy.
 */
import { prefetch } from './api/prefetch.ts';
import { pageDataPaths, ROLE_HINT_KEY } from './app/page-data.ts';
import { preloadPage } from './app/page-loaders.ts';
import { LOGIN_PATH } from './app/paths.ts';

/** The role of the last session in this browser (SessionProvider remembers it), if any. */
function lastRole(): string | null {
  try {
    return localStorage.getItem(ROLE_HINT_KEY);
  } catch {
    return null;
  }
}

prefetch('/api/session');
prefetch('/api/config');
if (location.pathname !== LOGIN_PATH) {
  prefetch('/api/notifications');
  for (const path of pageDataPaths(location.pathname, location.search.replace(/^\?/, ''), lastRole())) prefetch(path);
}
preloadPage(location.pathname);
