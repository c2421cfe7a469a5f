/**
 * Petition documents over HTTP: list and generate a petition's documents, read one, print it
 * (an HTML page in the official layout, no script), download it as .docx, record its delivery.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  GenerateDocumentInputSchema,
  PetitionDocumentListViewSchema,
  PetitionDocumentViewSchema,
  RecordDeliveryInputSchema,
} from '../../../common/schemas/document.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { renderDocumentDocx, renderDocumentHtml } from './index.ts';
import { contentDisposition } from '../attachment/index.ts';
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
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const documentRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
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

  app.get(
    '/documents/:id/print',
    {
      schema: {
        tags: ['document'],
        summary: 'The document as a printable page (GB/T 9704 layout)',
        params: IdParams,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const document = await service.getDocument(deps, requireSession(request).actor, request.params.id);
      const html = renderDocumentHtml(document.content, {
        printHint: zhCN.documents.printHint,
        seal: zhCN.documents.seal,
        lang: 'zh-CN',
      });
      return reply.header('content-type', 'text/html; charset=utf-8').send(html);
    },
  );

  app.get(
    '/documents/:id/docx',
    {
      schema: {
        tags: ['document'],
        summary: 'The document as .docx (a download)',
        params: IdParams,
        response: { 200: z.instanceof(Buffer), ...errors },
      },
    },
    async (request, reply) => {
      const document = await service.getDocument(deps, requireSession(request).actor, request.params.id);
      const data = await renderDocumentDocx(document.content);
      const name = `${document.content.title}-${document.number}.docx`.replace(/[\\/:*?"<>|]/g, '_');
      return reply.header('content-type', DOCX).header('content-disposition', contentDisposition(name)).send(data);
    },
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
