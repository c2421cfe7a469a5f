import { Outlet } from 'react-router';
import { SessionProvider } from './SessionProvider.tsx';

/** The top of the route tree: the session lives inside the router so it can redirect. */
export function RootRoute() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}
