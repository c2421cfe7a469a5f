/**
 * The counters of the per-address rate limits (log-in, the public portal) in the database, not in
 * one process's memory: behind a load balancer every instance counts the same hits, so a client
 * gets the same limit however its requests are spread (issue #21). One upsert per limited request:
 * a row per route and client key, its hits reset when its window has ended.
 */
import { sql } from 'kysely';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { ServiceDeps } from './deps.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'log'>;
type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Rows whose window ended this long ago are removed now and then (they reset on the next hit anyway). */
const STALE_MS = 60 * 60_000;

/** Count one hit of `key` in a window of `windowMs`; the hits so far and the time left in the window. */
export async function countHit(deps: Deps, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const now = deps.clock.now().getTime();
  const nowIso = new Date(now).toISOString();
  const endIso = new Date(now + windowMs).toISOString();
  const row = await deps.db
    .insertInto('rate_limit_hit')
    .values({ key, hits: 1, window_ends: endIso })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limit_hit.window_ends <= ${nowIso} then 1 else rate_limit_hit.hits + 1 end`,
        window_ends: sql<string>`case when rate_limit_hit.window_ends <= ${nowIso} then ${endIso} else rate_limit_hit.window_ends end`,
      }),
    )
    .returning(['hits', 'window_ends'])
    .executeTakeFirstOrThrow();
  if (row.hits === 1 && Math.random() < 0.01) {
    await deps.db
      .deleteFrom('rate_limit_hit')
      .where('window_ends', '<', new Date(now - STALE_MS).toISOString())
      .execute();
  }
  return { current: row.hits, ttl: Math.max(0, Date.parse(row.window_ends) - now) };
}

/** The hits of `key` in its current window, without counting one. */
export async function readHits(deps: Deps, key: string): Promise<{ current: number; ttl: number }> {
  const now = deps.clock.now().getTime();
  const row = await deps.db
    .selectFrom('rate_limit_hit')
    .select(['hits', 'window_ends'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (row === undefined || Date.parse(row.window_ends) <= now) return { current: 0, ttl: 0 };
  return { current: row.hits, ttl: Date.parse(row.window_ends) - now };
}

/** A @fastify/rate-limit store over `rate_limit_hit`; each route's limit counts under its own prefix. */
export function databaseRateLimitStore(deps: Deps): FastifyRateLimitStoreCtor {
  class DatabaseStore implements FastifyRateLimitStore {
    readonly #prefix: string;
    constructor(options: FastifyRateLimitOptions & { routeInfo?: { method?: string | string[]; url?: string } }) {
      const route = options.routeInfo;
      this.#prefix =
        route?.url === undefined ? 'global' : `${[route.method ?? ''].flat().join(',')} ${route.url}`.slice(0, 200);
    }
    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(deps, `${this.#prefix}|${key}`.slice(0, 300), timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    read(key: string, callback: Callback): void {
      readHits(deps, `${this.#prefix}|${key}`.slice(0, 300)).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    child(routeOptions: FastifyRateLimitOptions & { routeInfo?: { method?: string | string[]; url?: string } }) {
      return new DatabaseStore(routeOptions);
    }
  }
  return DatabaseStore;
}
