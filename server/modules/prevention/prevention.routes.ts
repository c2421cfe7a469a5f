/**
 * 源头预防 over HTTP: screening campaigns (open, list, roll-up, answer, my returns) and the hazard
 * ledger (list, enter, read, lead, measures, notes, 销号 asked / approved / sent back, to a petition,
 * from a petition). Each route: zod in and out, one service call.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  AnswerReturnInputSchema,
  CampaignInputSchema,
  CampaignListViewSchema,
  CampaignRollupQuerySchema,
  CampaignRollupViewSchema,
  CampaignViewSchema,
  ClearDecisionInputSchema,
  ClearRequestInputSchema,
  CreateHazardInputSchema,
  HazardLeadInputSchema,
  HazardListQuerySchema,
  HazardListViewSchema,
  HazardNoteInputSchema,
  HazardToPetitionInputSchema,
  HazardToPetitionViewSchema,
  HazardViewSchema,
  MeasureInputSchema,
  PetitionHazardsViewSchema,
  ReturnListQuerySchema,
  ReturnListViewSchema,
  ReturnViewSchema,
  SendBackInputSchema,
} from '../../../common/schemas/prevention.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import * as hazards from './hazard.service.ts';
import * as screening from './screening.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const EmptyBody = z.object({}).strict().optional();

export const preventionRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  const tags = ['prevention'];

  app.get(
    '/screening-campaigns',
    {
      schema: {
        tags,
        summary: "The campaigns I meet (opened in my subtree or covering it), with my subtree's counts",
        response: { 200: CampaignListViewSchema, ...errors },
      },
    },
    async (request) => screening.listCampaigns(deps, requireSession(request).actor),
  );

  app.post(
    '/screening-campaigns',
    {
      schema: {
        tags,
        summary: "矛盾隐患排查: open a campaign over a level's subtree; every covered unit gets a return",
        body: CampaignInputSchema,
        response: { 200: CampaignViewSchema, ...errors },
      },
    },
    async (request) => screening.createCampaign(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/screening-campaigns/:id',
    {
      schema: { tags, summary: 'One campaign', params: IdParams, response: { 200: CampaignViewSchema, ...errors } },
    },
    async (request) => screening.getCampaign(deps, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/screening-campaigns/:id/rollup',
    {
      schema: {
        tags,
        summary: '排查汇总 per direct child unit (answered, 无隐患, hazards, missing); unitId drills down',
        params: IdParams,
        querystring: CampaignRollupQuerySchema,
        response: { 200: CampaignRollupViewSchema, ...errors },
      },
    },
    async (request) =>
      screening.getCampaignRollup(deps, requireSession(request).actor, request.params.id, request.query.unitId),
  );

  app.post(
    '/screening-campaigns/:id/returns',
    {
      schema: {
        tags,
        summary: 'A unit answers the campaign, once: 无隐患 or the hazards found',
        params: IdParams,
        body: AnswerReturnInputSchema,
        response: { 200: ReturnViewSchema, ...errors },
      },
    },
    async (request) => screening.answerCampaign(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.get(
    '/screening-returns',
    {
      schema: {
        tags,
        summary: "排查报送 in my scope: a unit's subtree, due in a period, answered on time (a figure's drill-down)",
        querystring: ReturnListQuerySchema,
        response: { 200: ReturnListViewSchema, ...errors },
      },
    },
    async (request) => screening.listReturns(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/screening-returns/mine',
    {
      schema: {
        tags,
        summary: "My unit's campaign returns, pending first",
        response: { 200: ReturnListViewSchema, ...errors },
      },
    },
    async (request) => screening.listMyReturns(deps, requireSession(request).actor),
  );

  app.get(
    '/hazards',
    {
      schema: {
        tags,
        summary: '排查台账: the hazards in my scope and those I lead, open and riskiest first',
        querystring: HazardListQuerySchema,
        response: { 200: HazardListViewSchema, ...errors },
      },
    },
    async (request) => hazards.listHazards(deps, requireSession(request).actor, request.query),
  );

  app.post(
    '/hazards',
    {
      schema: {
        tags,
        summary: 'Enter a hazard in the ledger',
        body: CreateHazardInputSchema,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) => hazards.createHazard(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/hazards/:id',
    {
      schema: { tags, summary: 'One hazard', params: IdParams, response: { 200: HazardViewSchema, ...errors } },
    },
    async (request) => hazards.getHazard(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/hazards/:id/lead',
    {
      schema: {
        tags,
        summary: 'Name the lead leader (包案) and the responsible department',
        params: IdParams,
        body: HazardLeadInputSchema,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) => hazards.leadHazard(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/hazards/:id/measures',
    {
      schema: {
        tags,
        summary: 'A measure with its deadline',
        params: IdParams,
        body: MeasureInputSchema,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) => hazards.addMeasure(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/hazards/:id/measures/:measureId/done',
    {
      schema: {
        tags,
        summary: 'A measure done',
        params: z.object({ id: IdSchema, measureId: IdSchema }),
        body: EmptyBody,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) =>
      hazards.completeMeasure(deps, requireSession(request).actor, request.params.id, request.params.measureId),
  );

  app.post(
    '/hazards/:id/notes',
    {
      schema: {
        tags,
        summary: 'A progress note (append-only)',
        params: IdParams,
        body: HazardNoteInputSchema,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) => hazards.addNote(deps, requireSession(request).actor, request.params.id, request.body.text),
  );

  app.post(
    '/hazards/:id/clear-request',
    {
      schema: {
        tags,
        summary: 'Ask for 销号 with the evidence; the level above decides',
        params: IdParams,
        body: ClearRequestInputSchema,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) =>
      hazards.requestClearing(deps, requireSession(request).actor, request.params.id, request.body.evidence),
  );

  app.post(
    '/hazards/:id/clear-approve',
    {
      schema: {
        tags,
        summary: 'Approve the 销号 (the level above the owning level only)',
        params: IdParams,
        body: ClearDecisionInputSchema,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) =>
      hazards.decideClearing(deps, requireSession(request).actor, request.params.id, {
        approve: true,
        note: request.body.note,
      }),
  );

  app.post(
    '/hazards/:id/clear-send-back',
    {
      schema: {
        tags,
        summary: 'Send the 销号 back with the reason (the level above the owning level only)',
        params: IdParams,
        body: SendBackInputSchema,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) =>
      hazards.decideClearing(deps, requireSession(request).actor, request.params.id, {
        approve: false,
        reason: request.body.reason,
      }),
  );

  app.post(
    '/hazards/:id/petition',
    {
      schema: {
        tags,
        summary: 'The hazard becomes a petition, registered at its unit and linked both ways',
        params: IdParams,
        body: HazardToPetitionInputSchema,
        response: { 200: HazardToPetitionViewSchema, ...errors },
      },
    },
    async (request) => hazards.hazardToPetition(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.get(
    '/petitions/:id/hazards',
    {
      schema: {
        tags,
        summary: 'The hazards linked to a case',
        params: IdParams,
        response: { 200: PetitionHazardsViewSchema, ...errors },
      },
    },
    async (request) => hazards.hazardsOfPetition(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/petitions/:id/hazards',
    {
      schema: {
        tags,
        summary: 'Record a hazard this petition revealed, linked both ways',
        params: IdParams,
        body: CreateHazardInputSchema,
        response: { 200: HazardViewSchema, ...errors },
      },
    },
    async (request) =>
      hazards.recordRevealedHazard(deps, requireSession(request).actor, request.params.id, request.body),
  );
};
