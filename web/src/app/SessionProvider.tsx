import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { SessionView } from '../../../common/schemas/auth.ts';
import type { PublicConfigView } from '../../../common/schemas/health.ts';
import type { UserView } from '../../../common/schemas/user.ts';
import { fetchPublicConfig, fetchSession, logOut } from '../api/auth.ts';
import { api } from '../api/client.ts';
import { SessionContext, type SessionState, type SessionStatus } from './session-context.ts';
import { LOGIN_PATH } from './paths.ts';
import { ROLE_HINT_KEY } from './page-data.ts';

/** Remember the role, so the next start prefetches only what this role's screens read (boot.ts). */
function rememberRole(next: SessionView): void {
  try {
    localStorage.setItem(ROLE_HINT_KEY, next.user.role);
  } catch {
    // Storage may be unavailable (private mode): the list is then fetched when the page asks.
  }
}

/**
 * Loads the session and the public configuration once, keeps the API client's CSRF token in step
 * with the session, and sends the user to the log-in page when the server says the session ended.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [session, setSession] = useState<SessionView | null>(null);
  const [config, setConfig] = useState<PublicConfigView | null>(null);

  const forget = useCallback(() => {
    api.setCsrfToken(null);
    setSession(null);
    setStatus('anonymous');
  }, []);

  const signIn = useCallback((next: SessionView) => {
    api.setCsrfToken(next.csrfToken);
    rememberRole(next);
    setSession(next);
    setStatus('signedIn');
  }, []);

  const updateUser = useCallback((user: UserView) => {
    setSession((current) => (current === null || current.user.id !== user.id ? current : { ...current, user }));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logOut();
    } catch {
      // The session may already be gone on the server; forgetting it here is what matters.
    }
    forget();
    await navigate(LOGIN_PATH, { replace: true });
  }, [forget, navigate]);

  useEffect(() => {
    let cancelled = false;
    fetchSession().then(
      (view) => {
        if (!cancelled) signIn(view);
      },
      () => {
        if (!cancelled) forget();
      },
    );
    fetchPublicConfig().then(
      (view) => {
        if (!cancelled) setConfig(view);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [signIn, forget]);

  const pathname = location.pathname;
  useEffect(
    () =>
      api.onUnauthenticated(() => {
        forget();
        if (pathname !== LOGIN_PATH) void navigate(LOGIN_PATH, { replace: true, state: { from: pathname } });
      }),
    [forget, navigate, pathname],
  );

  const value = useMemo<SessionState>(
    () => ({ status, session, config, signIn, signOut, updateUser }),
    [status, session, config, signIn, signOut, updateUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
