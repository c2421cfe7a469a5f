/** 考核 over HTTP: schemes (admin), rounds, self-assessment with evidence, review, publication, a unit's history. */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ErrorBodySchema } from '../../../common/errors.ts';
import {
  AppraisalHistoryViewSchema,
  AppraisalReviewInputSchema,
  AppraisalRoundInputSchema,
  AppraisalRoundListViewSchema,
  AppraisalRoundViewSchema,
  AppraisalSchemeInputSchema,
  AppraisalSchemeListViewSchema,
  AppraisalSchemeViewSchema,
  SelfAssessmentInputSchema,
} from '../../../common/schemas/appraisal.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { contentDisposition } from '../attachment/index.ts';
import * as service from './appraisal.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const tags = ['appraisal'];

export const appraisalRoutes: FastifyPluginAsyncZod<{ deps: service.AppraisalDeps }> = async (app, { deps }) => {
  app.get(
    '/appraisal/schemes',
    {
      schema: {
        tags,
        summary: 'The appraisal schemes (考核方案) of my enterprise',
        response: { 200: AppraisalSchemeListViewSchema, ...errors },
      },
    },
    async (request) => service.listSchemes(deps, requireSession(request).actor),
  );

  app.post(
    '/appraisal/schemes',
    {
      schema: {
        tags,
        summary: 'A new scheme: indicators with weights adding up to 100, targets, thresholds, bonus/deduction rules',
        body: AppraisalSchemeInputSchema,
        response: { 200: AppraisalSchemeViewSchema, ...errors },
      },
    },
    async (request) => service.createScheme(deps, requireSession(request).actor, request.body),
  );

  app.put(
    '/appraisal/schemes/:id',
    {
      schema: {
        tags,
        summary: 'A new version of a scheme; refused once a round opened on it (frozen)',
        params: IdParams,
        body: AppraisalSchemeInputSchema,
        response: { 200: AppraisalSchemeViewSchema, ...errors },
      },
    },
    async (request) => service.updateScheme(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.get(
    '/appraisal/rounds',
    {
      schema: {
        tags,
        summary: 'The appraisal rounds (考核轮次)',
        response: { 200: AppraisalRoundListViewSchema, ...errors },
      },
    },
    async (request) => service.listRounds(deps, requireSession(request).actor),
  );

  app.post(
    '/appraisal/rounds',
    {
      schema: {
        tags,
        summary: 'Open a round for a scheme and a closed period: the figures read, stored and scored',
        body: AppraisalRoundInputSchema,
        response: { 200: AppraisalRoundViewSchema, ...errors },
      },
    },
    async (request) => service.openRound(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/appraisal/rounds/:id',
    {
      schema: {
        tags,
        summary:
          'A round: the ranking, each unit’s points with their drill-downs (a unit sees its own until publication)',
        params: IdParams,
        response: { 200: AppraisalRoundViewSchema, ...errors },
      },
    },
    async (request) => service.getRound(deps, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/appraisal/rounds/:id/export',
    {
      schema: {
        tags,
        summary:
          'The round as the ranking sheet offices send up (.xlsx): each indicator’s value and points, adjustments with reasons, totals',
        params: IdParams,
        response: { 200: z.unknown().describe('The .xlsx file'), ...errors },
      },
    },
    async (request, reply) => {
      const { actor } = requireSession(request);
      // Read (and refused) before the first byte goes out: a missing round is a 404, not a broken file.
      const round = await service.getRound(deps, actor, request.params.id);
      const body = new PassThrough();
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`考核排名-${round.scheme.name}-${round.period}.xlsx`))
        .send(body);
      service.exportRound(deps, actor, round.id, body).catch((error: unknown) => {
        request.log.error({ category: 'appraisal', err: error }, 'appraisal export failed');
        body.destroy(error instanceof Error ? error : new Error('export failed'));
      });
      return reply;
    },
  );

  app.post(
    '/appraisal/rounds/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the ranking to the units (the enterprise level)',
        params: IdParams,
        response: { 200: AppraisalRoundViewSchema, ...errors },
      },
    },
    async (request) => service.publishRound(deps, requireSession(request).actor, request.params.id),
  );

  app.put(
    '/appraisal/results/:id/self-assessment',
    {
      schema: {
        tags,
        summary: 'A unit’s self-assessment (its own leaders only)',
        params: IdParams,
        body: SelfAssessmentInputSchema,
        response: { 200: AppraisalRoundViewSchema, ...errors },
      },
    },
    async (request) => service.selfAssess(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/appraisal/results/:id/evidence',
    {
      schema: {
        tags,
        summary:
          'Attach one evidence file to a self-assessment (multipart/form-data; JPEG, PNG, PDF, DOCX, XLSX or text)',
        params: IdParams,
        response: { 200: AppraisalRoundViewSchema, ...errors, 413: ErrorBodySchema, 415: ErrorBodySchema },
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
      return service.addEvidence(deps, actor, request.params.id, {
        fileName: file.filename,
        contentType: file.mimetype,
        data,
      });
    },
  );

  app.get(
    '/appraisal/evidence/:id',
    {
      schema: {
        tags,
        summary: 'Download one evidence file (always as a download)',
        params: IdParams,
        response: { 200: z.instanceof(Buffer).describe('The bytes (application/octet-stream)'), ...errors },
      },
    },
    async (request, reply) => {
      const { fileName, data } = await service.openEvidence(deps, requireSession(request).actor, request.params.id);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(fileName))
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );

  app.put(
    '/appraisal/results/:id/review',
    {
      schema: {
        tags,
        summary: 'Review a unit’s result (the level above), with an adjustment and its reason',
        params: IdParams,
        body: AppraisalReviewInputSchema,
        response: { 200: AppraisalRoundViewSchema, ...errors },
      },
    },
    async (request) => service.reviewResult(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.get(
    '/appraisal/units/:id/history',
    {
      schema: {
        tags,
        summary: 'A unit’s total and rank over the published rounds of a scheme',
        params: IdParams,
        /** `userId`: a leader's history at this unit (a leader scheme). */
        querystring: z.object({ schemeId: IdSchema, userId: IdSchema.optional() }),
        response: { 200: AppraisalHistoryViewSchema, ...errors },
      },
    },
    async (request) =>
      service.unitHistory(
        deps,
        requireSession(request).actor,
        request.params.id,
        request.query.schemeId,
        request.query.userId,
      ),
  );
};
