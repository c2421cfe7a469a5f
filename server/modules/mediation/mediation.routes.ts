/** 企地联调 over HTTP: matters, linked petitions, meetings, the agreement (print + .docx), fulfilment, closing. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  MatterListQuerySchema,
  AgreementInputSchema,
  FulfilInputSchema,
  MatterInputSchema,
  MatterListViewSchema,
  MatterPetitionsInputSchema,
  MatterViewSchema,
  MeetingInputSchema,
} from '../../../common/schemas/mediation.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { documentOutputRoutes } from '../document/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import * as service from './mediation.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const ObligationParams = z.object({ id: IdSchema, obligationId: IdSchema });
const tags = ['mediation'];

export const mediationRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  await app.register(
    documentOutputRoutes({
      path: '/mediation-matters/:id/agreement',
      tags,
      what: 'The 调解协议书',
      read: async (actor, id) => {
        const content = await service.agreementDocument(deps, actor, id);
        return { content, fileName: content.title };
      },
    }),
  );
  app.get(
    '/mediation-matters',
    {
      schema: {
        tags,
        summary: '企地联调 matters of my units; unitId, and signed=true with from, to, narrow them',
        querystring: MatterListQuerySchema,
        response: { 200: MatterListViewSchema, ...errors },
      },
    },
    async (request) => service.listMatters(deps, requireSession(request).actor, request.query),
  );
  app.post(
    '/mediation-matters',
    {
      schema: {
        tags,
        summary: 'A new joint mediation matter with the petitions picked',
        body: MatterInputSchema,
        response: { 200: MatterViewSchema, ...errors },
      },
    },
    async (request) => service.createMatter(deps, requireSession(request).actor, request.body),
  );
  app.get(
    '/mediation-matters/:id',
    { schema: { tags, summary: 'One matter', params: IdParams, response: { 200: MatterViewSchema, ...errors } } },
    async (request) => service.getMatter(deps, requireSession(request).actor, request.params.id),
  );
  app.post(
    '/mediation-matters/:id/petitions',
    {
      schema: {
        tags,
        summary: 'Link petitions: picked, or all a search finds',
        params: IdParams,
        body: MatterPetitionsInputSchema,
        response: { 200: MatterViewSchema, ...errors },
      },
    },
    async (request) => service.addPetitions(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.post(
    '/mediation-matters/:id/meetings',
    {
      schema: {
        tags,
        summary: 'A meeting (会商) with minutes and the parties present',
        params: IdParams,
        body: MeetingInputSchema,
        response: { 200: MatterViewSchema, ...errors },
      },
    },
    async (request) => service.recordMeeting(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.post(
    '/mediation-matters/:id/agreement',
    {
      schema: {
        tags,
        summary: 'The agreement (协议) with each side’s obligations and deadlines',
        params: IdParams,
        body: AgreementInputSchema,
        response: { 200: MatterViewSchema, ...errors },
      },
    },
    async (request) => service.recordAgreement(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.post(
    '/mediation-matters/:id/obligations/:obligationId/fulfil',
    {
      schema: {
        tags,
        summary: 'An obligation met, with evidence',
        params: ObligationParams,
        body: FulfilInputSchema,
        response: { 200: MatterViewSchema, ...errors },
      },
    },
    async (request) =>
      service.fulfil(deps, requireSession(request).actor, request.params.id, request.params.obligationId, request.body),
  );
  app.post(
    '/mediation-matters/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the matter (only when every obligation is met)',
        params: IdParams,
        response: { 200: MatterViewSchema, ...errors },
      },
    },
    async (request) => service.closeMatterVerb(deps, requireSession(request).actor, request.params.id),
  );
};
