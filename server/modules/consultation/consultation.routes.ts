/**
 * 征求意见 over HTTP. The office: /api/consultations (publish, list, one draft, files, comments searched
 * and clustered, answers, the decision). The portal: /api/portal/consultations (the drafts, one with
 * its adoption summary, its files, and a worker's comment) — no session; rate-limited per address like
 * the rest of the portal, and a comment spends the portal's proof of work like a filing.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ErrorBodySchema } from '../../../common/errors.ts';
import {
  ConsultationAnswerInputSchema,
  ConsultationCommentsQuerySchema,
  ConsultationCommentsViewSchema,
  ConsultationDecideInputSchema,
  ConsultationInputSchema,
  ConsultationListViewSchema,
  ConsultationViewSchema,
  PortalCommentInputSchema,
  PortalCommentReceiptViewSchema,
  PortalConsultationListViewSchema,
  PortalConsultationViewSchema,
} from '../../../common/schemas/consultation.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { contentDisposition } from '../attachment/index.ts';
import { spendChallenge, type PortalDeps } from '../portal/index.ts';
import * as service from './consultation.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const tags = ['consultation'];
const IdParams = z.object({ id: IdSchema });
const FileParams = z.object({ id: IdSchema, fileId: IdSchema });
const CommentParams = z.object({ id: IdSchema, commentId: IdSchema });
const FileBytes = z.instanceof(Buffer).describe('The bytes (application/octet-stream)');

export const consultationRoutes: FastifyPluginAsyncZod<{ deps: service.ConsultationDeps }> = async (app, { deps }) => {
  app.get(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'Drafts published for comment in my units',
        response: { 200: ConsultationListViewSchema, ...errors },
      },
    },
    async (request) => service.listConsultations(deps, requireSession(request).actor),
  );
  app.post(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'Publish a draft decision or policy to the units asked, with a deadline',
        body: ConsultationInputSchema,
        response: { 200: ConsultationViewSchema, ...errors },
      },
    },
    async (request) => service.publishConsultation(deps, requireSession(request).actor, request.body),
  );
  app.get(
    '/consultations/:id',
    {
      schema: {
        tags,
        summary: 'One draft with every comment',
        params: IdParams,
        response: { 200: ConsultationViewSchema, ...errors },
      },
    },
    async (request) => service.getConsultation(deps, requireSession(request).actor, request.params.id),
  );
  app.get(
    '/consultations/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comments found by a search (text engine) and the clusters of all comments',
        params: IdParams,
        querystring: ConsultationCommentsQuerySchema,
        response: { 200: ConsultationCommentsViewSchema, ...errors },
      },
    },
    async (request) => service.searchComments(deps, requireSession(request).actor, request.params.id, request.query.q),
  );
  app.post(
    '/consultations/:id/comments/:commentId/answer',
    {
      schema: {
        tags,
        summary: 'Answer one suggestion: adopted, partly adopted or not adopted, with the reason',
        params: CommentParams,
        body: ConsultationAnswerInputSchema,
        response: { 200: ConsultationViewSchema, ...errors },
      },
    },
    async (request) =>
      service.answerComment(
        deps,
        requireSession(request).actor,
        request.params.id,
        request.params.commentId,
        request.body,
      ),
  );
  app.post(
    '/consultations/:id/decide',
    {
      schema: {
        tags,
        summary: 'Record the decision and publish the adoption summary on the portal',
        params: IdParams,
        body: ConsultationDecideInputSchema,
        response: { 200: ConsultationViewSchema, ...errors },
      },
    },
    async (request) => service.decideConsultation(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.post(
    '/consultations/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach one file to a draft (multipart/form-data; JPEG, PNG, PDF, DOCX, XLSX or text)',
        params: IdParams,
        response: { 200: ConsultationViewSchema, ...errors, 413: ErrorBodySchema, 415: ErrorBodySchema },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      const file = await request.file();
      if (file === undefined) {
        throw new DomainError('VALIDATION_FAILED', {
          message: 'No file in the request',
          details: { in: 'body', issues: [{ path: ['file'], message: 'a file is required' }] },
        });
      }
      const data = await file.toBuffer();
      return service.attachToConsultation(deps, actor, request.params.id, {
        fileName: file.filename,
        contentType: file.mimetype,
        data,
      });
    },
  );
  app.get(
    '/consultations/:id/attachments/:fileId',
    {
      schema: {
        tags,
        summary: 'Download a file of a draft',
        params: FileParams,
        response: { 200: FileBytes, ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.openConsultationFileAsStaff(
        deps,
        requireSession(request).actor,
        request.params.id,
        request.params.fileId,
      );
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(file.data);
    },
  );
};

const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

export type ConsultationPortalRouteOptions = {
  deps: PortalDeps;
  /** The portal's own limits (app.ts): a comment counts as a filing, a read as any other portal call. */
  limits: { file: number; other: number };
};

export const consultationPortalRoutes: FastifyPluginAsyncZod<ConsultationPortalRouteOptions> = async (
  app,
  { deps, limits },
) => {
  const portalTags = ['portal'];
  app.get(
    '/portal/consultations',
    {
      config: perMinute(limits.other),
      schema: {
        tags: portalTags,
        summary: 'Drafts published for comment (征求意见), open and decided',
        response: { 200: PortalConsultationListViewSchema, ...errors, 429: ErrorBodySchema },
      },
    },
    async () => service.portalConsultations(deps),
  );
  app.get(
    '/portal/consultations/:id',
    {
      config: perMinute(limits.other),
      schema: {
        tags: portalTags,
        summary: 'One draft; once decided, its adoption summary (anonymised)',
        params: IdParams,
        response: { 200: PortalConsultationViewSchema, ...errors, 429: ErrorBodySchema },
      },
    },
    async (request) => service.portalConsultation(deps, request.params.id),
  );
  app.get(
    '/portal/consultations/:id/attachments/:fileId',
    {
      config: perMinute(limits.other),
      schema: {
        tags: portalTags,
        summary: 'Download a file of a draft',
        params: FileParams,
        response: { 200: FileBytes, ...errors, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const file = await service.openConsultationFile(deps, request.params.id, request.params.fileId);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(file.data);
    },
  );
  app.post(
    '/portal/consultations/:id/comments',
    {
      config: perMinute(limits.file),
      schema: {
        tags: portalTags,
        summary:
          'Comment on a draft: one per person (phone number, never stored), named or anonymous, with the proof of work',
        params: IdParams,
        body: PortalCommentInputSchema,
        response: { 200: PortalCommentReceiptViewSchema, ...errors, 429: ErrorBodySchema },
      },
    },
    async (request) =>
      service.commentFromPortal(deps, request.params.id, request.body, (trx) =>
        spendChallenge(deps, trx, request.body.challenge, request.body.nonce),
      ),
  );
};
