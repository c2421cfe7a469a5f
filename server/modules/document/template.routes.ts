/** Document templates over HTTP: the current template of each kind, a kind's versions, save a new version. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  DocumentKindParamsSchema,
  DocumentTemplateInputSchema,
  DocumentTemplateListViewSchema,
  DocumentTemplateViewSchema,
} from '../../../common/schemas/document.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { listTemplates, saveTemplate, templateVersions } from './template.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const documentTemplateRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/document-templates',
    {
      schema: {
        tags: ['document'],
        summary: 'The current template of every document kind',
        response: { 200: DocumentTemplateListViewSchema, ...errors },
      },
    },
    async (request) => listTemplates(deps, requireSession(request).actor),
  );

  app.get(
    '/document-templates/:kind/versions',
    {
      schema: {
        tags: ['document'],
        summary: 'Every version of one kind, newest first',
        params: DocumentKindParamsSchema,
        response: { 200: DocumentTemplateListViewSchema, ...errors },
      },
    },
    async (request) => templateVersions(deps, requireSession(request).actor, request.params.kind),
  );

  app.put(
    '/document-templates/:kind',
    {
      schema: {
        tags: ['document'],
        summary: 'Save an edited template as the next version',
        params: DocumentKindParamsSchema,
        body: DocumentTemplateInputSchema,
        response: { 200: DocumentTemplateViewSchema, ...errors },
      },
    },
    async (request) => saveTemplate(deps, requireSession(request).actor, request.params.kind, request.body),
  );
};
