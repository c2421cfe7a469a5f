/** 宣传教育 over HTTP: the office's activities (/api/publicity) and the published ones on the portal. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  PortalPublicityListViewSchema,
  PublicityInputSchema,
  PublicityListQuerySchema,
  PublicityListViewSchema,
  PublicityViewSchema,
} from '../../../common/schemas/publicity.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { requireSession } from '../../platform/auth.ts';
import * as service from './publicity.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const tags = ['publicity'];

export const publicityRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps; portalLimit: number }> = async (
  app,
  { deps, portalLimit },
) => {
  app.get(
    '/publicity',
    {
      schema: {
        tags,
        summary: 'Publicity activities of my units, newest first',
        querystring: PublicityListQuerySchema,
        response: { 200: PublicityListViewSchema, ...errors },
      },
    },
    async (request) => service.listActivities(deps, requireSession(request).actor, request.query),
  );
  app.post(
    '/publicity',
    {
      schema: {
        tags,
        summary: 'Record an activity held: kind, date, units and people reached, topics (categories)',
        body: PublicityInputSchema,
        response: { 200: PublicityViewSchema, ...errors },
      },
    },
    async (request) => service.recordActivity(deps, requireSession(request).actor, request.body),
  );
  app.get(
    '/portal/publicity',
    {
      config: { rateLimit: { max: portalLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['portal'],
        summary: 'Published publicity items (法治宣传, 典型案例, 政策解读)',
        response: { 200: PortalPublicityListViewSchema, ...errors, 429: ErrorBodySchema },
      },
    },
    async () => service.portalPublicity(deps),
  );
};
