import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { CasePageViewSchema } from '../../../common/schemas/workbench.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { casePage } from './workbench.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const workbenchRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.get(
    '/petitions/:id/page',
    {
      schema: {
        tags: ['petition'],
        summary: 'The case page in one answer: the case, documents, messages, attachments, likely repeats',
        params: z.object({ id: IdSchema }),
        response: { 200: CasePageViewSchema, ...errors },
      },
    },
    async (request) => casePage(deps, requireSession(request).actor, request.params.id),
  );
};
