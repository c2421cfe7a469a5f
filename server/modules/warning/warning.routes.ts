/** Early warning over HTTP: warnings and their analysis, sensitive periods, the risk policy. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import {
  RiskPolicyViewSchema,
  SensitivePeriodInputSchema,
  SensitivePeriodListViewSchema,
  WarningAnalysisInputSchema,
  WarningCloseInputSchema,
  WarningDetailViewSchema,
  WarningListQuerySchema,
  WarningListViewSchema,
} from '../../../common/schemas/warning.ts';
import { requireSession } from '../../platform/auth.ts';
import * as periods from './sensitive-period.service.ts';
import * as service from './warning.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });

export const warningRoutes: FastifyPluginAsyncZod<{ deps: service.WarningDeps }> = async (app, { deps }) => {
  app.get(
    '/warnings',
    {
      schema: {
        tags: ['warning'],
        summary: 'Warnings in scope, red first, with counts per level',
        querystring: WarningListQuerySchema,
        response: { 200: WarningListViewSchema, ...errors },
      },
    },
    async (request) => service.listWarnings(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/warnings/:id',
    {
      schema: {
        tags: ['warning'],
        summary: 'One warning with its reasons, the cases behind it and its analyses',
        params: IdParams,
        response: { 200: WarningDetailViewSchema, ...errors },
      },
    },
    async (request) => service.getWarning(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/warnings/:id/acknowledge',
    {
      schema: {
        tags: ['warning'],
        summary: 'Acknowledge (seen, being looked at)',
        params: IdParams,
        response: { 200: WarningDetailViewSchema, ...errors },
      },
    },
    async (request) => service.acknowledgeWarning(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/warnings/:id/analyses',
    {
      schema: {
        tags: ['warning'],
        summary: '研判: judgement, measures, responsible, by when',
        params: IdParams,
        body: WarningAnalysisInputSchema,
        response: { 200: WarningDetailViewSchema, ...errors },
      },
    },
    async (request) => service.analyseWarning(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/warnings/:id/close',
    {
      schema: {
        tags: ['warning'],
        summary: 'Close an analysed warning',
        params: IdParams,
        body: WarningCloseInputSchema,
        response: { 200: WarningDetailViewSchema, ...errors },
      },
    },
    async (request) => service.closeWarning(deps, requireSession(request).actor, request.params.id, request.body.note),
  );

  app.get(
    '/sensitive-periods',
    {
      schema: {
        tags: ['warning'],
        summary: 'Sensitive periods (重要时期/敏感节点) and the current one',
        response: { 200: SensitivePeriodListViewSchema, ...errors },
      },
    },
    async (request) => {
      requireSession(request);
      return periods.listSensitivePeriods(deps);
    },
  );

  app.post(
    '/sensitive-periods',
    {
      schema: {
        tags: ['warning'],
        summary: 'Add a sensitive period',
        body: SensitivePeriodInputSchema,
        response: { 200: SensitivePeriodListViewSchema, ...errors },
      },
    },
    async (request) => periods.addSensitivePeriod(deps, requireSession(request).actor, request.body),
  );

  app.delete(
    '/sensitive-periods/:id',
    {
      schema: {
        tags: ['warning'],
        summary: 'Remove a sensitive period',
        params: IdParams,
        response: { 200: SensitivePeriodListViewSchema, ...errors },
      },
    },
    async (request) => periods.removeSensitivePeriod(deps, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/warning-policy',
    {
      schema: {
        tags: ['warning'],
        summary: 'Threat words, category weights and level thresholds',
        response: { 200: RiskPolicyViewSchema, ...errors },
      },
    },
    async (request) => periods.getRiskPolicy(deps, requireSession(request).actor),
  );

  app.put(
    '/warning-policy',
    {
      schema: {
        tags: ['warning'],
        summary: 'Replace the risk policy',
        body: RiskPolicyViewSchema,
        response: { 200: RiskPolicyViewSchema, ...errors },
      },
    },
    async (request) => periods.saveRiskPolicy(deps, requireSession(request).actor, request.body),
  );
};
