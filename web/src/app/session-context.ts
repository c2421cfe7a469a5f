/**
 * Who is signed in, for every component: the session (user + CSRF token), the public
 * configuration, and the role's reach for an action (from `common/domain/access.ts`).
 */
import { createContext, useContext } from 'react';
import { reachOf, type Action, type Reach } from '../../../common/domain/access.ts';
import type { SessionView } from '../../../common/schemas/auth.ts';
import type { UserView } from '../../../common/schemas/user.ts';
import type { PublicConfigView } from '../../../common/schemas/health.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'signedIn';

export type SessionState = {
  status: SessionStatus;
  session: SessionView | null;
  config: PublicConfigView | null;
  /** Record a fresh session after a successful log-in. */
  signIn: (session: SessionView) => void;
  /** End the session on the server (best effort) and forget it here. */
  signOut: () => Promise<void>;
  /** Take the signed-in user's account as the server now returns it (after changing one's contact details). */
  updateUser: (user: UserView) => void;
};

export const SessionContext = createContext<SessionState | null>(null);

export function useSessionState(): SessionState {
  const state = useContext(SessionContext);
  if (state === null) throw new Error('useSessionState must be used inside <SessionProvider>');
  return state;
}

/** The signed-in session; only for components rendered behind <RequireSession>. */
export function useSession(): SessionView {
  const { session } = useSessionState();
  if (session === null) throw new Error('useSession must be used behind <RequireSession>');
  return session;
}

/** How far the signed-in user's role reaches for `action` ('none' when nobody is signed in). */
export function useReach(action: Action): Reach {
  const { session } = useSessionState();
  return session === null ? 'none' : reachOf(session.user.role, action);
}
