/** The text engine over HTTP: likely repeats, category suggestion and training, hotspots (issue #6). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  ClassifierStatusViewSchema,
  HotspotListViewSchema,
  HotspotQuerySchema,
  RepeatListViewSchema,
  RepeatQueryInputSchema,
  SuggestInputSchema,
  SuggestionViewSchema,
} from '../../../common/schemas/text.ts';
import { requireSession } from '../../platform/auth.ts';
import * as service from './text.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

export const textRoutes: FastifyPluginAsyncZod<{ deps: service.TextDeps }> = async (app, { deps }) => {
  app.post(
    '/petitions/repeats',
    {
      schema: {
        tags: ['text'],
        summary: '可能重复: likely repeats of a text being registered, with similarity and reasons',
        body: RepeatQueryInputSchema,
        response: { 200: RepeatListViewSchema, ...errors },
      },
    },
    async (request) => service.findRepeats(deps, requireSession(request).actor, request.body),
  );

  app.post(
    '/petitions/suggest',
    {
      schema: {
        tags: ['text'],
        summary: 'Suggested categories with confidence and the likely handling unit',
        body: SuggestInputSchema,
        response: { 200: SuggestionViewSchema, ...errors },
      },
    },
    async (request) => service.suggestCategory(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/text/classifier',
    {
      schema: {
        tags: ['text'],
        summary: 'The category model: training date and size',
        response: { 200: ClassifierStatusViewSchema, ...errors },
      },
    },
    async (request) => service.classifierStatus(deps, requireSession(request).actor),
  );

  app.post(
    '/text/classifier/train',
    {
      schema: {
        tags: ['text'],
        summary: 'Retrain the category model on the categorised petitions (category.manage)',
        response: { 200: ClassifierStatusViewSchema, ...errors },
      },
    },
    async (request) => service.trainClassifier(deps, requireSession(request).actor),
  );

  app.get(
    '/hotspots',
    {
      schema: {
        tags: ['text'],
        summary: '热点: clusters of petitions about the same matter in a period, in scope',
        querystring: HotspotQuerySchema,
        response: { 200: HotspotListViewSchema, ...errors },
      },
    },
    async (request) => service.listHotspots(deps, requireSession(request).actor, request.query),
  );
};
