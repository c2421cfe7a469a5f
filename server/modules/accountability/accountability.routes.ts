/** 奖惩与问责 over HTTP: record a measure, list and read them, report a 整改 done, the decision document. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  AccountabilityInputSchema,
  AccountabilityListQuerySchema,
  AccountabilityListViewSchema,
  AccountabilityViewSchema,
  PersonRecordViewSchema,
  RectifyInputSchema,
} from '../../../common/schemas/accountability.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { documentOutputRoutes } from '../document/index.ts';
import * as service from './accountability.service.ts';
import { personRecord } from './person-record.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const tags = ['accountability'];

export const accountabilityRoutes: FastifyPluginAsyncZod<{ deps: service.AccountabilityDeps }> = async (
  app,
  { deps },
) => {
  await app.register(
    documentOutputRoutes({
      path: '/accountability/:id',
      tags,
      what: 'The decision document',
      read: async (actor, id) => {
        const content = await service.measureDocument(deps, actor, id);
        return { content, fileName: `${content.title}-${content.number}` };
      },
    }),
  );
  app.get(
    '/accountability',
    {
      schema: {
        tags,
        summary: 'Rewards and penalties of the units in my reach (a unit’s, a person’s, the overdue ones), or my own',
        querystring: AccountabilityListQuerySchema,
        response: { 200: AccountabilityListViewSchema, ...errors },
      },
    },
    async (request) => service.listMeasures(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/people/:id/record',
    {
      schema: {
        tags,
        summary: 'A person’s record: his rewards and penalties with their 整改, his leader appraisal scores',
        params: IdParams,
        response: { 200: PersonRecordViewSchema, ...errors },
      },
    },
    async (request) => personRecord(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/accountability',
    {
      schema: {
        tags,
        summary:
          'Record a 表彰, 通报批评, 约谈, 挂牌督办, 限期整改 or 责任追究 on a stated basis; its decision document is numbered and issued',
        body: AccountabilityInputSchema,
        response: { 200: AccountabilityViewSchema, ...errors },
      },
    },
    async (request) => service.recordMeasure(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/accountability/:id',
    {
      schema: {
        tags,
        summary: 'One reward or penalty, its basis and its rectification',
        params: IdParams,
        response: { 200: AccountabilityViewSchema, ...errors },
      },
    },
    async (request) => service.getMeasure(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/accountability/:id/rectify',
    {
      schema: {
        tags,
        summary: 'The unit or person measured reports the rectification done',
        params: IdParams,
        body: RectifyInputSchema,
        response: { 200: AccountabilityViewSchema, ...errors },
      },
    },
    async (request) => service.reportRectified(deps, requireSession(request).actor, request.params.id, request.body),
  );
};
