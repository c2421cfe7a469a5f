import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { LOGIN_PATH } from './paths.ts';
import { useSessionState } from './session-context.ts';

/** Renders its children only for a signed-in user; otherwise goes to the log-in page and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSessionState();
  const location = useLocation();
  if (status === 'loading') return <PageSpinner fullScreen />;
  if (status === 'anonymous')
    return <Navigate to={LOGIN_PATH} replace state={{ from: location.pathname + location.search }} />;
  return children;
}
