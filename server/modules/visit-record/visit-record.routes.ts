/** 来访登记 over HTTP: record a visit, read it (alone or the visits of a case), amend and confirm its transcript. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import {
  AmendTranscriptInputSchema,
  ConfirmTranscriptInputSchema,
  RecordedVisitViewSchema,
  VisitRecordInputSchema,
  VisitRecordListViewSchema,
  VisitRecordViewSchema,
} from '../../../common/schemas/visit-record.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import * as service from './visit-record.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });

export const visitRecordRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.post(
    '/visit-records',
    {
      schema: {
        tags: ['intake'],
        summary: '来访登记: a walk-in visit, on a new case or the same person’s open case',
        body: VisitRecordInputSchema,
        response: { 200: RecordedVisitViewSchema, ...errors },
      },
    },
    async (request) => service.recordVisit(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/visit-records/:id',
    {
      schema: {
        tags: ['intake'],
        summary: 'One visit with its transcript (for the print view)',
        params: IdParams,
        response: { 200: VisitRecordViewSchema, ...errors },
      },
    },
    async (request) => service.getVisit(deps, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/petitions/:id/visit-records',
    {
      schema: {
        tags: ['intake'],
        summary: 'The visits of a case',
        params: IdParams,
        response: { 200: VisitRecordListViewSchema, ...errors },
      },
    },
    async (request) => service.listVisitsOfPetition(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/visit-records/:id/transcript',
    {
      schema: {
        tags: ['intake'],
        summary: 'Correct the transcript before the petitioner confirms it',
        params: IdParams,
        body: AmendTranscriptInputSchema,
        response: { 200: VisitRecordViewSchema, ...errors },
      },
    },
    async (request) => service.amendTranscript(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/visit-records/:id/confirm',
    {
      schema: {
        tags: ['intake'],
        summary: '签字确认: signed on the tablet, or the printed transcript signed',
        params: IdParams,
        body: ConfirmTranscriptInputSchema,
        response: { 200: VisitRecordViewSchema, ...errors },
      },
    },
    async (request) => service.confirmTranscript(deps, requireSession(request).actor, request.params.id, request.body),
  );
};
