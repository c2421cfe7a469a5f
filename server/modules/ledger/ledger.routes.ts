/**
 * The ledger over HTTP: GET /api/ledger/export (.xlsx or .csv of any filtered list, streamed),
 * GET /api/ledger/statistics, the statistics-month setting, and the import steps — upload
 * (multipart), dry run, run (202, then poll GET /api/ledger/imports/:id for progress).
 */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ErrorBodySchema } from '../../../common/errors.ts';
import {
  LEDGER_IMPORT_MAX_BYTES,
  LedgerDryRunViewSchema,
  LedgerExportQuerySchema,
  LedgerImportViewSchema,
  LedgerMappingInputSchema,
  LedgerSettingsSchema,
  LedgerStatisticsQuerySchema,
  LedgerStatisticsViewSchema,
} from '../../../common/schemas/ledger.ts';
import { PetitionListQuerySchema, PetitionListViewSchema } from '../../../common/schemas/petition.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { listPetitions } from './ledger-list.service.ts';
import * as service from './ledger.service.ts';
import type { LedgerDeps } from './ledger.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name (台账.xlsx survives in every current browser). */
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const ledgerRoutes: FastifyPluginAsyncZod<{ deps: LedgerDeps }> = async (app, { deps }) => {
  app.get(
    '/petitions',
    {
      schema: {
        tags: ['petition'],
        summary: 'Petitions in my scope, filtered and paged (the 台账)',
        querystring: PetitionListQuerySchema,
        response: { 200: PetitionListViewSchema, ...errors },
      },
    },
    async (request) => listPetitions(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/ledger/export',
    {
      schema: {
        tags: ['ledger'],
        summary: '导出台账: the filtered petition list as .xlsx (optionally with a statistics sheet) or .csv, streamed',
        querystring: LedgerExportQuerySchema,
        response: { 200: z.unknown().describe('The file (xlsx or csv)'), ...errors },
      },
    },
    async (request, reply) => {
      const { actor } = requireSession(request);
      const { format, statistics, ...filter } = request.query;
      const stamp = deps.clock.now().toISOString().slice(0, 10);
      const body = new PassThrough();
      void reply
        .header(
          'content-type',
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', contentDisposition(`信访台账-${stamp}.${format}`))
        .send(body);
      // Headers are gone once the first byte is; a failure later can only cut the download short.
      service.exportLedger(deps, actor, filter, body, { format, statistics }).catch((error: unknown) => {
        request.log.error({ category: 'ledger', err: error }, 'ledger export failed');
        body.destroy(error instanceof Error ? error : new Error('export failed'));
      });
      return reply;
    },
  );

  app.get(
    '/ledger/statistics',
    {
      schema: {
        tags: ['ledger'],
        summary: '台账统计 by month, quarter or year (the statistics month setting applies)',
        querystring: LedgerStatisticsQuerySchema,
        response: { 200: LedgerStatisticsViewSchema, ...errors },
      },
    },
    async (request) => {
      const { period, ...filter } = request.query;
      return service.ledgerStatistics(deps, requireSession(request).actor, filter, period);
    },
  );

  app.get(
    '/ledger/settings',
    {
      schema: {
        tags: ['ledger'],
        summary: 'The statistics month (start day)',
        response: { 200: LedgerSettingsSchema, ...errors },
      },
    },
    async (request) => {
      requireSession(request);
      return service.getLedgerSettings(deps, requireSession(request).actor);
    },
  );

  app.put(
    '/ledger/settings',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Set the statistics month start day (1 = calendar month)',
        body: LedgerSettingsSchema,
        response: { 200: LedgerSettingsSchema, ...errors },
      },
    },
    async (request) => service.updateLedgerSettings(deps, requireSession(request).actor, request.body),
  );

  app.post(
    '/ledger/imports',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Upload a ledger (multipart/form-data, .xlsx or .csv): the header row and a proposed mapping',
        response: { 200: LedgerImportViewSchema, ...errors, 413: ErrorBodySchema },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      const file = await request.file({ limits: { fileSize: LEDGER_IMPORT_MAX_BYTES, files: 1 } });
      if (file === undefined) {
        throw new DomainError('VALIDATION_FAILED', {
          message: 'No file in the request',
          details: { in: 'body', issues: [{ path: ['file'], message: 'a file is required' }] },
        });
      }
      return service.uploadLedger(deps, actor, { fileName: file.filename, data: await file.toBuffer() });
    },
  );

  app.get(
    '/ledger/imports/:id',
    {
      schema: {
        tags: ['ledger'],
        summary: 'An import with its status and live progress',
        params: IdParams,
        response: { 200: LedgerImportViewSchema, ...errors },
      },
    },
    async (request) => service.getLedgerImport(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/ledger/imports/:id/dry-run',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Check every row with the mapping (saved for the layout); nothing is imported',
        params: IdParams,
        body: LedgerMappingInputSchema,
        response: { 200: LedgerDryRunViewSchema, ...errors },
      },
    },
    async (request) =>
      service.dryRunImport(deps, requireSession(request).actor, request.params.id, request.body.mapping),
  );

  app.post(
    '/ledger/imports/:id/run',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Import all rows in one transaction (all or nothing); poll the import for progress',
        params: IdParams,
        body: LedgerMappingInputSchema,
        response: { 202: LedgerImportViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { view, done } = await service.startImport(
        deps,
        requireSession(request).actor,
        request.params.id,
        request.body.mapping,
      );
      // The job records its own outcome; nothing waits on it here.
      done.catch(() => {});
      return reply.code(202).send(view);
    },
  );
};
