/** The office's side of the petitioner messages: read them on the case page, answer. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { PetitionMessageInputSchema, PetitionMessageListViewSchema } from '../../../common/schemas/portal.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { listMessages, replyToPetitioner } from './message.service.ts';
import type { PetitionDeps } from '../petition/index.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const IdParams = z.object({ id: IdSchema });

export const messageRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.get(
    '/petitions/:id/messages',
    {
      schema: {
        tags: ['petition'],
        summary: 'Messages with the petitioner (marks theirs read)',
        params: IdParams,
        response: { 200: PetitionMessageListViewSchema, ...errors },
      },
    },
    async (request) => listMessages(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/petitions/:id/messages',
    {
      schema: {
        tags: ['petition'],
        summary: 'Answer the petitioner (shown in the portal)',
        params: IdParams,
        body: PetitionMessageInputSchema,
        response: { 200: PetitionMessageListViewSchema, ...errors },
      },
    },
    async (request) => replyToPetitioner(deps, requireSession(request).actor, request.params.id, request.body.body),
  );
};
