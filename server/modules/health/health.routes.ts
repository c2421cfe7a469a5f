/** Liveness with the version and dialect, and the allowlisted public configuration. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthViewSchema, PublicConfigViewSchema, type Dialect } from '../../../common/schemas/health.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { findRootUnit } from '../unit/index.ts';

export type HealthRouteOptions = { deps: ServiceDeps; version: string; dialect: Dialect; demo: boolean };

export const healthRoutes: FastifyPluginAsyncZod<HealthRouteOptions> = async (
  app,
  { deps, version, dialect, demo },
) => {
  const health = { status: 'ok' as const, version, dialect };
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness', response: { 200: HealthViewSchema } } },
    async () => health,
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
