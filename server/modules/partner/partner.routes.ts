/** Partners over HTTP: organisations, a case's partners (invite, grant, end, refer, opinion), joint reception, 我的协作. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  SessionListQuerySchema,
  CasePartnersViewSchema,
  InvitationInputSchema,
  OpinionInputSchema,
  PartnerAccountListViewSchema,
  PartnerMemberInputSchema,
  PartnerOrganisationInputSchema,
  PartnerOrganisationListViewSchema,
  PartnerOrganisationViewSchema,
  PartnerReferralInputSchema,
  PartnerWorkspaceViewSchema,
  SessionInputSchema,
  SessionListViewSchema,
  SessionViewSchema,
  SessionVisitInputSchema,
  SessionVisitViewSchema,
} from '../../../common/schemas/partner.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import * as service from './partner.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const MemberParams = z.object({ id: IdSchema, userId: IdSchema });
const tags = ['partner'];

export const partnerRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.get(
    '/partner-organisations',
    {
      schema: {
        tags,
        summary: '协作单位 of my units, with their people',
        response: { 200: PartnerOrganisationListViewSchema, ...errors },
      },
    },
    async (request) => service.listOrganisations(deps, requireSession(request).actor),
  );
  app.post(
    '/partner-organisations',
    {
      schema: {
        tags,
        summary: 'A new partner organisation',
        body: PartnerOrganisationInputSchema,
        response: { 200: PartnerOrganisationViewSchema, ...errors },
      },
    },
    async (request) => service.createOrganisation(deps, requireSession(request).actor, request.body),
  );
  app.post(
    '/partner-organisations/:id/members',
    {
      schema: {
        tags,
        summary: 'A partner account joins the organisation',
        params: IdParams,
        body: PartnerMemberInputSchema,
        response: { 200: PartnerOrganisationViewSchema, ...errors },
      },
    },
    async (request) => service.addMember(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.delete(
    '/partner-organisations/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'A partner account leaves the organisation',
        params: MemberParams,
        response: { 200: PartnerOrganisationViewSchema, ...errors },
      },
    },
    async (request) =>
      service.removeMember(deps, requireSession(request).actor, request.params.id, request.params.userId),
  );
  app.get(
    '/partner-accounts',
    {
      schema: {
        tags,
        summary: 'The partner accounts of my units',
        response: { 200: PartnerAccountListViewSchema, ...errors },
      },
    },
    async (request) => service.listPartnerAccounts(deps, requireSession(request).actor),
  );

  app.get(
    '/petitions/:id/partners',
    {
      schema: {
        tags,
        summary: 'The partners invited onto a case',
        params: IdParams,
        response: { 200: CasePartnersViewSchema, ...errors },
      },
    },
    async (request) => service.casePartners(deps, requireSession(request).actor, request.params.id),
  );
  app.post(
    '/petitions/:id/partners',
    {
      schema: {
        tags,
        summary: 'Invite a partner onto the case until an instant',
        params: IdParams,
        body: InvitationInputSchema,
        response: { 200: CasePartnersViewSchema, ...errors },
      },
    },
    async (request) => service.invitePartner(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.post(
    '/petitions/:id/partners/:userId/identity',
    {
      schema: {
        tags,
        summary: "Grant an invited partner the petitioner's identity on this case (audited)",
        params: MemberParams,
        response: { 200: CasePartnersViewSchema, ...errors },
      },
    },
    async (request) =>
      service.grantIdentity(deps, requireSession(request).actor, request.params.id, request.params.userId),
  );
  app.post(
    '/petitions/:id/partners/:userId/end',
    {
      schema: {
        tags,
        summary: "End a partner's invitation now",
        params: MemberParams,
        response: { 200: CasePartnersViewSchema, ...errors },
      },
    },
    async (request) =>
      service.endInvitation(deps, requireSession(request).actor, request.params.id, request.params.userId),
  );
  app.post(
    '/petitions/:id/partner-referral',
    {
      schema: {
        tags,
        summary: '转交: the case goes to the partner organisation that can decide',
        params: IdParams,
        body: PartnerReferralInputSchema,
        response: { 200: CasePartnersViewSchema, ...errors },
      },
    },
    async (request) => service.referToPartner(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.post(
    '/petitions/:id/opinions',
    {
      schema: {
        tags,
        summary: "意见: a partner's written opinion on the case",
        params: IdParams,
        body: OpinionInputSchema,
        response: { 200: CasePartnersViewSchema, ...errors },
      },
    },
    async (request) => service.giveOpinion(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.get(
    '/partner-sessions',
    {
      schema: {
        tags,
        summary: '联合接访: the sessions I arrange or sit in; unitId, from, to narrow the office’s list',
        querystring: SessionListQuerySchema,
        response: { 200: SessionListViewSchema, ...errors },
      },
    },
    async (request) => service.listSessions(deps, requireSession(request).actor, request.query),
  );
  app.post(
    '/partner-sessions',
    {
      schema: {
        tags,
        summary: 'Schedule a joint reception',
        body: SessionInputSchema,
        response: { 200: SessionViewSchema, ...errors },
      },
    },
    async (request) => service.createSession(deps, requireSession(request).actor, request.body),
  );
  app.get(
    '/partner-sessions/:id',
    {
      schema: {
        tags,
        summary: 'One joint reception',
        params: IdParams,
        response: { 200: SessionViewSchema, ...errors },
      },
    },
    async (request) => service.getSession(deps, requireSession(request).actor, request.params.id),
  );
  app.post(
    '/partner-sessions/:id/visits',
    {
      schema: {
        tags,
        summary: 'A visit registered in the session (the partners sitting read its case)',
        params: IdParams,
        body: SessionVisitInputSchema,
        response: { 200: SessionVisitViewSchema, ...errors },
      },
    },
    async (request) => service.registerVisit(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.get(
    '/partner-workspace',
    {
      schema: {
        tags,
        summary: '我的协作: what a partner is invited to now',
        response: { 200: PartnerWorkspaceViewSchema, ...errors },
      },
    },
    async (request) => service.partnerWorkspace(deps, requireSession(request).actor),
  );
};
