/** Liveness with the version and dialect, and the allowlisted public configuration. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  HealthViewSchema,
  PublicConfigViewSchema,
  type Dialect,
  type HealthView,
} from '../../../common/schemas/health.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { findRootUnit } from '../unit/index.ts';

export type HealthRouteOptions = {
  deps: ServiceDeps;
  version: string;
  dialect: Dialect;
  demo: boolean;
  instanceId: string;
  /** The database's role and the replica's lag (server/db/database.ts databaseStatus). */
  status: () => Promise<HealthView['database']>;
};

/** A load balancer asks every few seconds: the database is asked at most this often per instance. */
const STATUS_TTL_MS = 1_000;

export const healthRoutes: FastifyPluginAsyncZod<HealthRouteOptions> = async (
  app,
  { deps, version, dialect, demo, instanceId, status },
) => {
  let cached: { at: number; value: Promise<HealthView['database']> } | null = null;
  const currentStatus = () => {
    const now = Date.now();
    if (cached === null || now - cached.at > STATUS_TTL_MS) {
      const value = status();
      cached = { at: now, value };
      // A failed look-up is not kept: the next request asks again.
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness, the instance, the database role and the replica lag',
        response: { 200: HealthViewSchema },
      },
    },
    async () => ({ status: 'ok' as const, version, dialect, instance: instanceId, database: await currentStatus() }),
  );

  app.get(
    '/config',
    {
      schema: {
        tags: ['health'],
        summary: 'Public configuration (explicit allowlist)',
        response: { 200: PublicConfigViewSchema },
      },
    },
    async () => {
      const root = await findRootUnit(deps.db);
      return { version, demo, enterpriseName: root?.name ?? null };
    },
  );
};
