/** The office's look-ups of petitioners over HTTP (audited). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { PetitionerLookupQuerySchema, PetitionerLookupViewSchema } from '../../../common/schemas/petition.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import * as service from './petitioner-lookup.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const petitionerRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.get(
    '/petitioners/lookup',
    {
      schema: {
        tags: ['petition'],
        summary: 'Find a petitioner by ID number or phone, with earlier petitions I may see',
        querystring: PetitionerLookupQuerySchema,
        response: { 200: PetitionerLookupViewSchema, ...errors },
      },
    },
    async (request) => service.lookupPetitioner(deps, requireSession(request).actor, request.query),
  );

  app.post(
    '/petitions/:id/petitioners/:petitionerId/reveal',
    {
      schema: {
        tags: ['petition'],
        summary: 'Full ID number and phone of a petitioner (audited)',
        params: z.object({ id: IdSchema, petitionerId: IdSchema }),
        response: { 200: z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() }), ...errors },
      },
    },
    async (request) =>
      service.revealPetitioner(deps, requireSession(request).actor, request.params.id, request.params.petitionerId),
  );
};
