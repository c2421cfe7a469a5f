/**
 * Petition documents over HTTP: list and generate a petition's documents, read one, print it
 * (an HTML page in the official layout, no script), download it as .docx, record its delivery.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  GenerateDocumentInputSchema,
  PetitionDocumentListViewSchema,
  PetitionDocumentViewSchema,
  RecordDeliveryInputSchema,
} from '../../../common/schemas/document.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { documentOutputRoutes } from './document-output.routes.ts';
import * as service from './document.service.ts';
import type { PetitionDeps } from '../petition/index.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });

export const documentRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  await app.register(
    documentOutputRoutes({
      path: '/documents/:id',
      tags: ['document'],
      what: 'The document',
      read: async (actor, id) => {
        const document = await service.getDocument(deps, actor, id);
        return { content: document.content, fileName: `${document.content.title}-${document.number}` };
      },
    }),
  );
  app.get(
    '/petitions/:id/documents',
    {
      schema: {
        tags: ['document'],
        summary: 'The documents of a petition and the kinds the user may generate now',
        params: IdParams,
        response: { 200: PetitionDocumentListViewSchema, ...errors },
      },
    },
    async (request) => service.listDocuments(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/petitions/:id/documents',
    {
      schema: {
        tags: ['document'],
        summary: 'Generate a document from the case (numbered, content frozen)',
        params: IdParams,
        body: GenerateDocumentInputSchema,
        response: { 200: PetitionDocumentViewSchema, ...errors },
      },
    },
    async (request) =>
      service.generateDocument(deps, requireSession(request).actor, request.params.id, request.body.kind),
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        tags: ['document'],
        summary: 'One document',
        params: IdParams,
        response: { 200: PetitionDocumentViewSchema, ...errors },
      },
    },
    async (request) => service.getDocument(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/documents/:id/delivery',
    {
      schema: {
        tags: ['document'],
        summary: 'Record the delivery (or, for post, the sending) of a document',
        params: IdParams,
        body: RecordDeliveryInputSchema,
        response: { 200: PetitionDocumentViewSchema, ...errors },
      },
    },
    async (request) => service.recordDelivery(deps, requireSession(request).actor, request.params.id, request.body),
  );
};
