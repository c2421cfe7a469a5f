import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  CalendarYearInputSchema,
  CalendarYearParamsSchema,
  CalendarYearViewSchema,
} from '../../../common/schemas/calendar.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { getCalendarYear, replaceCalendarYear } from './calendar.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };

export const calendarRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/calendar/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Holidays and 调休 workdays of a year',
        params: CalendarYearParamsSchema,
        response: { 200: CalendarYearViewSchema, ...errors },
      },
    },
    async (request) => {
      return getCalendarYear(deps, requireSession(request).actor, request.params.year);
    },
  );

  app.put(
    '/calendar/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Load a year (replaces it)',
        params: CalendarYearParamsSchema,
        body: CalendarYearInputSchema,
        response: { 200: CalendarYearViewSchema, ...errors },
      },
    },
    async (request) =>
      replaceCalendarYear(deps, requireSession(request).actor, request.params.year, request.body.entries),
  );
};
