/** 来电登记 over HTTP: record a call, the list with its call-backs, a call's case, the call-back, the audited reveal. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  CallbackInputSchema,
  CallRecordInputSchema,
  CallRecordListQuerySchema,
  CallRecordListViewSchema,
  CallRecordViewSchema,
  CallToPetitionInputSchema,
  CallToPetitionViewSchema,
  RevealedCallerNumberViewSchema,
} from '../../../common/schemas/call-record.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import * as service from './call-record.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });

export const callRecordRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.post(
    '/call-records',
    {
      schema: {
        tags: ['intake'],
        summary: '来电登记: a call, with the call-back promised; on an open case or on none',
        body: CallRecordInputSchema,
        response: { 200: CallRecordViewSchema, ...errors },
      },
    },
    async (request) => service.recordCall(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/call-records',
    {
      schema: {
        tags: ['intake'],
        summary: 'The calls taken in my scope; by default the call-backs due, soonest first',
        querystring: CallRecordListQuerySchema,
        response: { 200: CallRecordListViewSchema, ...errors },
      },
    },
    async (request) => service.listCalls(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/call-records/:id',
    {
      schema: {
        tags: ['intake'],
        summary: 'One call',
        params: IdParams,
        response: { 200: CallRecordViewSchema, ...errors },
      },
    },
    async (request) => service.getCall(deps, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/petitions/:id/call-records',
    {
      schema: {
        tags: ['intake'],
        summary: 'The calls of a case',
        params: IdParams,
        response: { 200: z.object({ items: z.array(CallRecordViewSchema) }), ...errors },
      },
    },
    async (request) => service.listCallsOfPetition(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/call-records/:id/petition',
    {
      schema: {
        tags: ['intake'],
        summary: 'The call becomes a petition (来电), linked both ways',
        params: IdParams,
        body: CallToPetitionInputSchema,
        response: { 200: CallToPetitionViewSchema, ...errors },
      },
    },
    async (request) => service.callToPetition(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/call-records/:id/callback',
    {
      schema: {
        tags: ['intake'],
        summary: 'The call-back made',
        params: IdParams,
        body: CallbackInputSchema,
        response: { 200: CallRecordViewSchema, ...errors },
      },
    },
    async (request) => service.recordCallback(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/call-records/:id/reveal',
    {
      schema: {
        tags: ['intake'],
        summary: 'The full call-back number (office only, audited)',
        params: IdParams,
        response: { 200: RevealedCallerNumberViewSchema, ...errors },
      },
    },
    async (request) => service.revealCallerNumber(deps, requireSession(request).actor, request.params.id),
  );
};
