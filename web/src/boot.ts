/**
 * The first module the workbench evaluates (main.tsx imports it before anything else): it starts
 * what every screen waits for — the session, the public configuration, the notifications, the
 * 工作台's to-do list and the code of the page the address opens — before React, Ant Design and zod
 * are evaluated. Without it each began only after the whole bundle had run and the session had come
 * back, one after the other. Imports nothing heavy.
 */
import { prefetch } from './api/prefetch.ts';
import { HOME_TODO_PAGE_SIZE, TODO_HINT_KEY, todosPath } from './api/todo-query.ts';
import { preloadPage } from './app/page-loaders.ts';
import { HOME_PATH, LOGIN_PATH } from './app/paths.ts';

/** Whether the last session in this browser carried cases (SessionProvider remembers it). */
function carriesCases(): boolean {
  try {
    return localStorage.getItem(TODO_HINT_KEY) === '1';
  } catch {
    return false;
  }
}

prefetch('/api/session');
prefetch('/api/config');
if (location.pathname !== LOGIN_PATH) prefetch('/api/notifications');
// Others have no list to ask for (a 403 would only fill the console).
if (location.pathname === HOME_PATH && carriesCases()) prefetch(todosPath(1, HOME_TODO_PAGE_SIZE));
preloadPage(location.pathname);
