/**
 * Which requests read from the streaming replica, and read-your-writes (issue #21).
 *
 * Every request runs in a read context (server/db/read-routing.ts) that starts on the primary. The
 * routes below — lists, the dashboard, search, reports, all GET and writing nothing the reader
 * relies on — switch to the replica just before their handler, after the session was resolved on
 * the primary. A request that wrote anything gets a cookie with the primary's WAL position after
 * its commit; while that cookie lives (at most `readYourWritesMs`) the same browser's replica-safe
 * reads go to the primary until the replica has replayed that position, whichever instance
 * behind the load balancer answers: the state travels with the browser, not in a process.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { primaryWalLsn, replicaHasReplayed, type Database } from '../db/database.ts';
import { readContext, type ReadContext } from '../db/read-routing.ts';
import type { Clock } from './clock.ts';

/** Replica-safe routes (method and URL pattern as registered under /api). */
export const REPLICA_READ_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/petitions',
  'GET /api/todos',
  'GET /api/dashboard',
  'GET /api/dashboard/figures',
  'GET /api/dashboard/report',
  'GET /api/dashboard/hotspots',
  'GET /api/hotspots',
  'GET /api/ledger/statistics',
  'GET /api/daily-reports/morning',
  'GET /api/notifications',
]);

/** Says on a replica-safe route's response whether its reads went to the replica or the primary. */
export const READ_FROM_HEADER = 'x-xinfang-read-from';

function isReplicaSafe(request: FastifyRequest): boolean {
  return REPLICA_READ_ROUTES.has(`${request.method} ${request.routeOptions.url ?? ''}`);
}

/** The read-your-writes cookie: `<WAL position>~<until, ms since epoch>`. */
export const READ_YOUR_WRITES_COOKIE = 'xf_ryw';

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/;

/** The WAL position a browser must see, from its cookie, or null when none is (still) owed. */
export function owedPosition(cookie: string | undefined, now: number): string | null {
  if (cookie === undefined) return null;
  const [lsn, until] = cookie.split('~');
  if (lsn === undefined || !LSN.test(lsn) || !(Number(until) > now)) return null;
  return lsn;
}

declare module 'fastify' {
  interface FastifyRequest {
    readContext: ReadContext | null;
  }
}

/** Where one request's reads went: for /api/health-like checks and the tests. */
export function readsOf(request: FastifyRequest): ReadContext | null {
  return request.readContext;
}

/**
 * Register the read context for every request (before the auth plugin, so the session look-up runs
 * in it on the primary) and the replica switch of REPLICA_READ_ROUTES. Without a replica nothing is
 * registered: SQLite and a single PostgreSQL are untouched.
 */
export function registerReadReplica(
  app: FastifyInstance,
  database: Database,
  clock: Clock,
  options: { readYourWritesMs: number; cookieSecure: boolean },
): void {
  if (database.pools?.replica === null || database.pools === null) return;
  app.decorateRequest('readContext', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const context: ReadContext = { replica: false, wrote: false, replicaQueries: 0 };
    request.readContext = context;
    readContext.run(context, done);
  });
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!methods.includes('GET') || !REPLICA_READ_ROUTES.has(`GET ${route.url}`)) return;
    const own = route.preHandler === undefined ? [] : [route.preHandler].flat();
    route.preHandler = [
      async (request: FastifyRequest) => {
        const context = request.readContext;
        if (context === null || context.wrote) return;
        const owed = owedPosition(request.cookies[READ_YOUR_WRITES_COOKIE], clock.now().getTime());
        context.replica = owed === null || (await replicaHasReplayed(database, owed));
      },
      ...own,
    ];
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const context = request.readContext;
    if (context === null) return payload;
    // Where this request's reads went (operators and the cluster test see the routing work).
    if (isReplicaSafe(request)) reply.header(READ_FROM_HEADER, context.replicaQueries > 0 ? 'replica' : 'primary');
    if (!context.wrote) return payload;
    const lsn = await primaryWalLsn(database).catch(() => null);
    if (lsn !== null) {
      const until = clock.now().getTime() + options.readYourWritesMs;
      reply.setCookie(READ_YOUR_WRITES_COOKIE, `${lsn}~${until}`, {
        path: '/api',
        httpOnly: true,
        sameSite: 'strict',
        secure: options.cookieSecure,
        maxAge: Math.ceil(options.readYourWritesMs / 1000),
      });
    }
    return payload;
  });
}
