/** 日报告/零报告 over HTTP: file a report (idempotent on its key), the unit's day, a report, the morning view, an item → petition. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  DailyReportInputSchema,
  DailyReportTodayViewSchema,
  DailyReportViewSchema,
  ItemToHazardInputSchema,
  ItemToHazardViewSchema,
  ItemToPetitionInputSchema,
  ItemToPetitionViewSchema,
  MorningQuerySchema,
  MorningViewSchema,
} from '../../../common/schemas/daily-report.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import * as service from './report.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });

export const reportRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.post(
    '/daily-reports',
    {
      schema: {
        tags: ['report'],
        summary: '日报告/零报告 of my unit for a working day; the same report key again returns the same report',
        body: DailyReportInputSchema,
        response: { 200: DailyReportViewSchema, ...errors },
      },
    },
    async (request) => service.submitDailyReport(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/daily-reports/today',
    {
      schema: {
        tags: ['report'],
        summary: 'My unit’s report day: whether it reports, the cut-off, the report already sent',
        response: { 200: DailyReportTodayViewSchema, ...errors },
      },
    },
    async (request) => service.todayOfUnit(deps, requireSession(request).actor),
  );

  app.get(
    '/daily-reports/morning',
    {
      schema: {
        tags: ['report'],
        summary: '晨报: a report day by mine — due, on time, late, nil, missing — and the items that came up',
        querystring: MorningQuerySchema,
        response: { 200: MorningViewSchema, ...errors },
      },
    },
    async (request) => service.morningView(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/daily-reports/:id',
    {
      schema: {
        tags: ['report'],
        summary: 'One daily report',
        params: IdParams,
        response: { 200: DailyReportViewSchema, ...errors },
      },
    },
    async (request) => service.getDailyReport(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/daily-report-items/:id/petition',
    {
      schema: {
        tags: ['report'],
        summary: 'A report item becomes a petition (pre-filled registration), linked both ways',
        params: IdParams,
        body: ItemToPetitionInputSchema,
        response: { 200: ItemToPetitionViewSchema, ...errors },
      },
    },
    async (request) => service.itemToPetition(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/daily-report-items/:id/hazard',
    {
      schema: {
        tags: ['report'],
        summary: 'A report item becomes a hazard of the ledger at the reporting unit, linked both ways',
        params: IdParams,
        body: ItemToHazardInputSchema,
        response: { 200: ItemToHazardViewSchema, ...errors },
      },
    },
    async (request) => service.itemToHazard(deps, requireSession(request).actor, request.params.id, request.body),
  );
};
