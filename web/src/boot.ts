/**
 * The first module the workbench evaluates (main.tsx imports it before anything else): it starts
 * what every screen waits for — the session, the public configuration, the notification count and
 * the code of the page the address opens — before React, Ant Design and zod are evaluated. Without
 * it each began only after the whole bundle had run and the session had come back, one after the
 * other. Imports nothing heavy.
 */
import { prefetch } from './api/prefetch.ts';
import { preloadPage } from './app/page-loaders.ts';
import { LOGIN_PATH } from './app/paths.ts';

prefetch('/api/session');
prefetch('/api/config');
if (location.pathname !== LOGIN_PATH) prefetch('/api/notifications');
preloadPage(location.pathname);
