/**
 * Every transition from every state, through the services on a real database (SQLite, and
 * PostgreSQL in CI): the legal ones move the petition to the state of the table in
 * docs/domain.md, the illegal ones are refused and change nothing — no state, no event, no audit row.
 */
import { registerPetition } from '../intake/index.ts';
import { describe, expect, it } from 'vitest';
import {
  PETITION_STATES,
  PETITION_TRANSITIONS,
  nextState,
  type PetitionState,
  type PetitionTransition,
} from '../../../common/domain/petition-state.ts';
import { DomainError } from '../../../common/errors.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import * as svc from './index.ts';
import type { PetitionDeps } from './index.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld({ once: true }, (world) => ({ ctx, org, deps } = world));

const input = () =>
  RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '转岗后岗位工资下降',
    body: '今年调岗后岗位工资下降较多，请求说明依据。',
    petitioners: [{ name: '孟庆海', identity: 'employee' }],
  });

/**
 * Run `transition` as a user whose role and unit allow it (the policy is tested elsewhere): the
 * group office routes, reviews and records requests; once the case is handed to 综采一队 the mine
 * (its handling body) accepts and its chief signs the reply; the group's chief decides the 复核.
 */
async function run(transition: PetitionTransition, id: string): Promise<unknown> {
  const { handling_unit_id: handlingUnitId } = await ctx.deps.db
    .selectFrom('petition')
    .select('handling_unit_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const handedToMine = handlingUnitId === org.units.teamA1.id;
  const office = org.users['officer@root']!;
  const body = handedToMine ? org.users['officer@mineA']! : office;
  const leader = handedToMine ? org.users['chief@mineA']! : org.users['chief@root']!;
  const receiving = org.users['handler@teamA1']!;
  const reply = {
    request: '说明依据',
    factsAndReasons: '已核实',
    opinion: '予以调整',
    legalBasis: '企业薪酬制度',
    result: 'support' as const,
    outcomes: [{ kind: 'resolved' as const, measures: '已调整岗位工资' }],
  };
  const opinion = { opinion: '维持', result: 'reject', deliveryMethod: 'in_person' };
  const calls: Record<PetitionTransition, () => Promise<unknown>> = {
    triage: () => svc.triagePetition(deps, office, id, {}),
    // 报请上级: the mine office that registered it sends it up to the group.
    escalate: () => svc.escalatePetition(deps, org.users['officer@mineA']!, id, { reason: '涉及集团政策' }),
    assign: () => svc.assignPetition(deps, office, id, { handlingUnitId: org.units.teamA1.id }),
    forward: () => svc.forwardPetition(deps, office, id, { handlingUnitId: org.units.teamA1.id }),
    object: () => svc.objectToPetition(deps, receiving, id, { reason: '不属本队职权' }),
    confirmReturn: () => svc.confirmReturn(deps, office, id, {}),
    rejectObjection: () => svc.rejectObjection(deps, office, id, { reason: '属本队职权' }),
    accept: () => svc.acceptPetition(deps, body, id, {}),
    decline: () => svc.declinePetition(deps, body, id, { reason: '不属信访事项' }),
    startInvestigation: () => svc.startInvestigation(deps, office, id),
    draftReply: () => svc.draftReply(deps, office, id, reply),
    returnDraft: () => svc.returnDraft(deps, leader, id, { reason: '依据不足' }),
    issueReply: () => svc.issueReply(deps, leader, id, { deliveryMethod: 'in_person' }),
    startExecution: () => svc.startExecution(deps, office, id),
    evaluate: () => svc.evaluatePetition(deps, office, id, { satisfaction: 4 }),
    conclude: () => svc.concludePetition(deps, office, id, {}),
    requestReview: () => svc.requestReview(deps, office, id, { reason: '不服' }),
    // 复查 by the level above the handling body (team A1 works under mine A → the group), 复核 by the
    // level above that — the top of the tree, by a leader who did not decide the 复查 (第35–36条).
    issueReviewOpinion: () => svc.issueReviewOpinion(deps, office, id, opinion),
    requestReconsideration: () => svc.requestReconsideration(deps, office, id, { reason: '仍不服' }),
    issueReconsiderationOpinion: () => svc.issueReconsiderationOpinion(deps, org.users['chief@root']!, id, opinion),
    redirect: () => svc.redirectPetition(deps, office, id, { reason: '应向地方政府反映', authority: '区人社局' }),
    divert: () => svc.divertPetition(deps, office, id, { route: 'arbitration', reason: '已申请仲裁' }),
    notAccept: () => svc.notAcceptPetition(deps, office, id, { reason: '重复信访' }),
  };
  return calls[transition]();
}

/** How to bring a fresh petition to each state. */
const PATHS: Record<PetitionState, PetitionTransition[]> = {
  registered: [],
  triaged: ['triage'],
  assigned: ['triage', 'assign'],
  returned: ['triage', 'assign', 'object'],
  accepted: ['triage', 'assign', 'accept'],
  in_progress: ['triage', 'assign', 'accept', 'startInvestigation'],
  reply_drafted: ['triage', 'assign', 'accept', 'startInvestigation', 'draftReply'],
  replied: ['triage', 'assign', 'accept', 'startInvestigation', 'draftReply', 'issueReply'],
  executing: ['triage', 'assign', 'accept', 'startInvestigation', 'draftReply', 'issueReply', 'startExecution'],
  evaluated: ['triage', 'assign', 'accept', 'startInvestigation', 'draftReply', 'issueReply', 'evaluate'],
  concluded: ['triage', 'assign', 'accept', 'startInvestigation', 'draftReply', 'issueReply', 'conclude'],
  review_requested: [
    'triage',
    'assign',
    'accept',
    'startInvestigation',
    'draftReply',
    'issueReply',
    'conclude',
    'requestReview',
  ],
  reviewed: [
    'triage',
    'assign',
    'accept',
    'startInvestigation',
    'draftReply',
    'issueReply',
    'conclude',
    'requestReview',
    'issueReviewOpinion',
  ],
  reconsideration_requested: [
    'triage',
    'assign',
    'accept',
    'startInvestigation',
    'draftReply',
    'issueReply',
    'conclude',
    'requestReview',
    'issueReviewOpinion',
    'requestReconsideration',
  ],
  final: [
    'triage',
    'assign',
    'accept',
    'startInvestigation',
    'draftReply',
    'issueReply',
    'conclude',
    'requestReview',
    'issueReviewOpinion',
    'requestReconsideration',
    'issueReconsiderationOpinion',
  ],
  declined: ['triage', 'decline'],
  redirected: ['redirect'],
  diverted: ['divert'],
  not_accepted: ['notAccept'],
};

async function petitionIn(state: PetitionState): Promise<string> {
  // Registered at mine A, so that its office can send it up; the group office acts on it in scope.
  const { petition } = await registerPetition(deps, org.users['officer@mineA']!, input());
  for (const transition of PATHS[state]) await run(transition, petition.id);
  return petition.id;
}

async function snapshot(id: string) {
  const row = await ctx.deps.db
    .selectFrom('petition')
    .select(['state', 'version', 'handling_unit_id as handlingUnitId'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const events = await ctx.deps.db.selectFrom('petition_event').select('id').where('petition_id', '=', id).execute();
  const audit = await ctx.deps.db.selectFrom('audit_log').select('seq').where('entity_id', '=', id).execute();
  return { ...row, events: events.length, audit: audit.length };
}

describe('every transition from every state, on the database', () => {
  it.each(PETITION_STATES.map((state) => [state]))('from %s', async (state) => {
    const id = await petitionIn(state);
    expect((await snapshot(id)).state).toBe(state);
    for (const transition of PETITION_TRANSITIONS) {
      const to = nextState(state, transition);
      if (to === null) {
        const before = await snapshot(id);
        const error = await run(transition, id).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, `${transition} from ${state} must be refused`).toBeInstanceOf(DomainError);
        // Refused by the state machine — or, before any handling unit exists, by the policy: the
        // receiving unit's staff cannot see the petition yet (NOT_FOUND) or act for it (FORBIDDEN).
        const allowed =
          before.handlingUnitId === null
            ? ['PETITION_TRANSITION_ILLEGAL', 'FORBIDDEN', 'NOT_FOUND']
            : ['PETITION_TRANSITION_ILLEGAL'];
        expect(allowed, `${transition} from ${state}`).toContain((error as DomainError).code);
        expect(await snapshot(id)).toEqual(before);
      } else {
        const fresh = await petitionIn(state);
        await run(transition, fresh);
        const after = await snapshot(fresh);
        expect(after.state, `${transition} from ${state}`).toBe(to);
      }
    }
  });

  it('refuses illegal transitions by the state machine when the actor could act otherwise', async () => {
    const id = await petitionIn('in_progress');
    const error = await run('conclude', id).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as DomainError).code).toBe('PETITION_TRANSITION_ILLEGAL');
  });
});
