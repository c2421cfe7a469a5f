/** 被反映人 proposals over HTTP: GET /api/named-persons/matches (the office, its own subtree). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { NamedPersonMatchQuerySchema, NamedPersonMatchViewSchema } from '../../../common/schemas/named-person.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { proposeNamedPersons } from './named-person.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };

export const namedPersonRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/named-persons/matches',
    {
      schema: {
        tags: ['petition'],
        summary: '被反映人: accounts that may be the person named (name, unit, position), best first',
        querystring: NamedPersonMatchQuerySchema,
        response: { 200: NamedPersonMatchViewSchema, ...errors },
      },
    },
    async (request) => proposeNamedPersons(deps, requireSession(request).actor, request.query),
  );
};
