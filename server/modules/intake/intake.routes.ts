/** Intake over HTTP: registering a petition (the office's form, a visit, a letter, a call). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { RegisteredPetitionViewSchema, RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { registerAtIntake } from './intake.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** `publicUrl`: where petitioners reach the portal (config), printed on the visitor's 回执 whatever host the office uses. */
export const intakeRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps; publicUrl: string }> = async (
  app,
  { deps, publicUrl },
) => {
  app.post(
    '/petitions',
    {
      schema: {
        tags: ['petition'],
        summary: '登记: register a petition',
        body: RegisterPetitionInputSchema,
        response: { 200: RegisteredPetitionViewSchema, ...errors },
      },
    },
    async (request) => ({
      ...(await registerAtIntake(deps, requireSession(request).actor, request.body)),
      portalUrl: `${publicUrl}/portal`,
    }),
  );
};
