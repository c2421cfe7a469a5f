/**
 * The petition over HTTP. Every verb is its own endpoint (`POST /api/petitions/:id/accept`), with
 * its own input schema — there is no status PATCH. `?version=N` makes a step conditional on the
 * version the client saw (PETITION_VERSION_CONFLICT otherwise).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../common/domain/access.ts';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { OkViewSchema } from '../../../common/schemas/auth.ts';
import {
  AcceptInputSchema,
  AddNoteInputSchema,
  AssignInputSchema,
  ConcludeInputSchema,
  CorrectSkipLevelInputSchema,
  EscalateInputSchema,
  DeclineInputSchema,
  DeclareConflictInputSchema,
  DivertInputSchema,
  DraftReplyInputSchema,
  EvaluateInputSchema,
  ExtendInputSchema,
  ForwardInputSchema,
  IssueReplyInputSchema,
  MediationInputSchema,
  NoteOnlyInputSchema,
  NotAcceptInputSchema,
  PetitionDetailViewSchema,
  ReasonInputSchema,
  RedirectInputSchema,
  RequestReviewInputSchema,
  ReviewOpinionInputSchema,
  SetOwnerInputSchema,
  SuperviseInputSchema,
  TriageInputSchema,
} from '../../../common/schemas/petition.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { LinkRepeatInputSchema } from '../../../common/schemas/text.ts';
import { NameAccusedInputSchema, ResolveNamedPersonInputSchema } from '../../../common/schemas/named-person.ts';
import { requireSession } from '../../platform/auth.ts';
import * as service from './petition.service.ts';
import type { StepOptions } from './petition.service.ts';
import { getPetition, type PetitionDeps } from './petition-read.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const VersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

type StepHandler<S extends z.ZodType> = (
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: z.output<S>,
  options: StepOptions,
) => Promise<z.infer<typeof PetitionDetailViewSchema>>;
type StepRoute<S extends z.ZodType> = { path: string; summary: string; body: S; run: StepHandler<S> };

function route<S extends z.ZodType>(path: string, summary: string, body: S, run: StepHandler<S>): StepRoute<S> {
  return { path, summary, body, run };
}

/** One row per verb: URL segment, OpenAPI summary, input schema, service call. */
export const PETITION_STEPS = [
  route('triage', '研判: set type and category', TriageInputSchema, service.triagePetition),
  route('escalate', '报请上级: send the case up to the level above', EscalateInputSchema, service.escalatePetition),
  route('assign', '交办: hand to a unit that reports back', AssignInputSchema, service.assignPetition),
  route('forward', '转送: send to the unit with authority', ForwardInputSchema, service.forwardPetition),
  route('sign-for', '签收 by the receiving unit', NoteOnlyInputSchema, service.signForPetition),
  route('object', '异议 within 5 working days (第23条)', ReasonInputSchema, service.objectToPetition),
  route(
    'confirm-return',
    'Agree to the objection; the petition comes back',
    NoteOnlyInputSchema,
    service.confirmReturn,
  ),
  route('reject-objection', 'Refuse the objection', ReasonInputSchema, service.rejectObjection),
  route('accept', '受理 with the written notice', AcceptInputSchema, service.acceptPetition),
  route('decline', '不予受理 with the written notice', DeclineInputSchema, service.declinePetition),
  route('redirect', '告知另行提出', RedirectInputSchema, service.redirectPetition),
  route('divert', '导入法定程序', DivertInputSchema, service.divertPetition),
  route('not-accept', '不予/不再受理 (duplicate or final)', NotAcceptInputSchema, service.notAcceptPetition),
  route(
    'link-repeat',
    '重复访: link to the earlier case of the same matter',
    LinkRepeatInputSchema,
    service.linkRepeat,
  ),
  route('name-accused', '被反映人: name a person, or correct one', NameAccusedInputSchema, service.nameAccused),
  route(
    'resolve-named-person',
    '被反映人: confirm the account, or that no account is the person',
    ResolveNamedPersonInputSchema,
    service.resolveNamedPerson,
  ),
  route('start-investigation', '调查核实 begins', NoteOnlyInputSchema, service.startInvestigation),
  route('notes', 'Add a note to the timeline', AddNoteInputSchema, service.addNote),
  route('start-hearing', '听证 begins: the clock stops', NoteOnlyInputSchema, service.startHearing),
  route('end-hearing', '听证 ends', NoteOnlyInputSchema, service.endHearing),
  route('extend', '延期 (≤ 30 days in total, 第34条)', ExtendInputSchema, service.extendPetition),
  route('mediation', '调解/和解协议 (第33条)', MediationInputSchema, service.recordMediation),
  route('draft-reply', 'Draft the 信访处理意见书', DraftReplyInputSchema, service.draftReply),
  route('return-draft', 'Send the draft back', ReasonInputSchema, service.returnDraft),
  route('issue-reply', '签发 and deliver the 信访处理意见书', IssueReplyInputSchema, service.issueReply),
  route('start-execution', '督促执行 a supported request', NoteOnlyInputSchema, service.startExecution),
  route('follow-up', 'Record an execution follow-up', NoteOnlyInputSchema, service.followUp),
  route('evaluate', '满意度评价', EvaluateInputSchema, service.evaluatePetition),
  route('conclude', '办结 (the 四个到位 are part of the reply)', ConcludeInputSchema, service.concludePetition),
  route('request-review', '复查 request (30 days, 第35条)', RequestReviewInputSchema, service.requestReview),
  route('review-opinion', '复查意见', ReviewOpinionInputSchema, service.issueReviewOpinion),
  route('request-reconsideration', '复核 request (第36条)', RequestReviewInputSchema, service.requestReconsideration),
  route('reconsideration-opinion', '复核意见: final', ReviewOpinionInputSchema, service.issueReconsiderationOpinion),
  route('owner', '领导包案: owner, handler, co-handlers', SetOwnerInputSchema, service.setOwner),
  route('confirm-ownership', 'The owner confirms', z.object({}).strict(), (deps, actor, id, _input, options) =>
    service.confirmOwnership(deps, actor, id, options),
  ),
  route('supervise', '督办 / 挂牌督办', SuperviseInputSchema, service.supervisePetition),
  route('skip-level', '越级: correct the flag (第20条)', CorrectSkipLevelInputSchema, service.correctSkipLevel),
];

export const petitionRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.get(
    '/petitions/:id',
    {
      schema: {
        tags: ['petition'],
        summary: 'One petition with its timeline, deadlines and the actions open to me',
        params: IdParams,
        response: { 200: PetitionDetailViewSchema, ...errors },
      },
    },
    async (request) => getPetition(deps, requireSession(request).actor, request.params.id),
  );

  for (const step of PETITION_STEPS) {
    app.post(
      `/petitions/:id/${step.path}`,
      {
        schema: {
          tags: ['petition'],
          summary: step.summary,
          params: IdParams,
          querystring: VersionQuery,
          body: step.body,
          response: { 200: PetitionDetailViewSchema, ...errors },
        },
      },
      async (request) =>
        step.run(deps, requireSession(request).actor, request.params.id, request.body, {
          expectedVersion: request.query.version,
        }),
    );
  }

  app.post(
    '/petitions/:id/conflicts',
    {
      schema: {
        tags: ['petition'],
        summary: '回避: declare a conflict of interest',
        params: IdParams,
        body: DeclareConflictInputSchema,
        response: { 200: OkViewSchema, ...errors },
      },
    },
    async (request) => {
      await service.declareConflict(deps, requireSession(request).actor, request.params.id, request.body);
      return { ok: true as const };
    },
  );
};
