/** 应急处置 over HTTP: plans, activation, the incident's timeline, tasks, stand-down. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  ActivatePlanInputSchema,
  IncidentEntryInputSchema,
  IncidentListQuerySchema,
  IncidentListViewSchema,
  IncidentTaskInputSchema,
  IncidentViewSchema,
  PlanInputSchema,
  PlanListViewSchema,
  PlanViewSchema,
  StandDownInputSchema,
} from '../../../common/schemas/emergency.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import * as plans from './emergency-plan.service.ts';
import * as service from './emergency.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const ActivationViewSchema = z.object({ incident: IncidentViewSchema, told: z.number().int() });

export const emergencyRoutes: FastifyPluginAsyncZod<{ deps: service.EmergencyDeps }> = async (app, { deps }) => {
  const tags = ['emergency'];

  app.get(
    '/emergency/plans',
    { schema: { tags, summary: '应急预案 of the subtree', response: { 200: PlanListViewSchema, ...errors } } },
    async (request) => plans.listPlans(deps, requireSession(request).actor),
  );

  app.get(
    '/emergency/plans/:id',
    {
      schema: { tags, summary: 'One plan', params: IdParams, response: { 200: PlanViewSchema, ...errors } },
    },
    async (request) => plans.getPlan(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/emergency/plans',
    {
      schema: {
        tags,
        summary: 'Create a plan (the office)',
        body: PlanInputSchema,
        response: { 200: PlanViewSchema, ...errors },
      },
    },
    async (request) => plans.createPlan(deps, requireSession(request).actor, request.body),
  );

  app.put(
    '/emergency/plans/:id',
    {
      schema: {
        tags,
        summary: 'A new version of a plan (the office)',
        params: IdParams,
        body: PlanInputSchema,
        response: { 200: PlanViewSchema, ...errors },
      },
    },
    async (request) => plans.editPlan(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/emergency/incidents',
    {
      schema: {
        tags,
        summary: 'Activate a plan (a leader; a drill: the office) — its people are told at once',
        body: ActivatePlanInputSchema,
        response: { 200: ActivationViewSchema, ...errors },
      },
    },
    async (request) => service.activatePlan(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/emergency/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents of the subtree (the office) and those the viewer is part of',
        querystring: IncidentListQuerySchema,
        response: { 200: IncidentListViewSchema, ...errors },
      },
    },
    async (request) => service.listIncidents(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/emergency/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One incident: timeline, tasks, contacts, response times (also the after-action report)',
        params: IdParams,
        response: { 200: IncidentViewSchema, ...errors },
      },
    },
    async (request) => service.getIncident(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/emergency/incidents/:id/entries',
    {
      schema: {
        tags,
        summary: 'Record a step with its time',
        params: IdParams,
        body: IncidentEntryInputSchema,
        response: { 200: IncidentViewSchema, ...errors },
      },
    },
    async (request) => service.recordEntry(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/emergency/incidents/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Assign a task (the commander or the office); the assignee is told',
        params: IdParams,
        body: IncidentTaskInputSchema,
        response: { 200: IncidentViewSchema, ...errors },
      },
    },
    async (request) => service.assignTask(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/emergency/tasks/:id/confirm',
    {
      schema: {
        tags,
        summary: 'The assignee confirms a task',
        params: IdParams,
        response: { 200: IncidentViewSchema, ...errors },
      },
    },
    async (request) => service.confirmTask(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/emergency/incidents/:id/stand-down',
    {
      schema: {
        tags,
        summary: 'Stand the response down (the commander or a leader)',
        params: IdParams,
        body: StandDownInputSchema,
        response: { 200: IncidentViewSchema, ...errors },
      },
    },
    async (request) => service.standDown(deps, requireSession(request).actor, request.params.id, request.body),
  );
};
