/** The workbench: first the early requests (boot.ts), then the providers and the router. */
import './boot.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createRouter } from './app/router.tsx';
import { LocaleProvider } from './i18n/LocaleProvider.tsx';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html lacks #root');

const router = createRouter();

createRoot(container).render(
  <StrictMode>
    <LocaleProvider>
      <RouterProvider router={router} />
    </LocaleProvider>
  </StrictMode>,
);

// The installable app: the service worker keeps the shell so the daily report opens without network.
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
