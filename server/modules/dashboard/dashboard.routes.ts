/** The leaders' dashboard over HTTP: the figures, the hotspots, the printable statistics report. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  DashboardHotspotsViewSchema,
  DashboardQuerySchema,
  DashboardReportQuerySchema,
  DashboardViewSchema,
} from '../../../common/schemas/dashboard.ts';
import { FiguresViewSchema } from '../../../common/schemas/figure.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import * as service from './dashboard.service.ts';
import { getDashboardReport } from './dashboard-report.ts';
import { getDashboardFigures } from './dashboard-figures.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const dashboardRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Figures over a period and unit subtree, each with its drill-down filters',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardViewSchema, ...errors },
      },
    },
    async (request) => service.getDashboard(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/dashboard/hotspots',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Hotspots among the period’s newest petitions (text engine)',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardHotspotsViewSchema, ...errors },
      },
    },
    async (request) => service.getDashboardHotspots(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/dashboard/figures',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'The registered appraisal figures (考核数据) for the unit and each of its buckets over the period',
        querystring: DashboardQuerySchema,
        response: { 200: FiguresViewSchema, ...errors },
      },
    },
    async (request) => getDashboardFigures(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/dashboard/report',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'The printable monthly or annual statistics report (HTML, no script)',
        querystring: DashboardReportQuerySchema,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const html = await getDashboardReport(deps, requireSession(request).actor, request.query);
      // The app's Content-Security-Policy already forbids inline script; the page carries none.
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};
