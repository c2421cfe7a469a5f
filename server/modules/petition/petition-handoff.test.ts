/**
 * Whoever must act is told and can act (issue #13 points 2–3), generated over the hand-off steps of
 * the case's path: a table of step → who is told (exactly, by notification kind) → who holds the case
 * on their to-do list afterwards (exactly, with their tasks; common/domain/todo.ts). Each walk drives
 * the real steps — the portal's filing, messages, evaluation and review request, and the office's
 * verbs — on two cases in lockstep: case B, received a day after case A, always takes the step first,
 * so "A is at the top" means the list put the more urgent case above one that reached it earlier.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { notificationSentence } from '../../../common/domain/notification-text.ts';
import type { TodoTask } from '../../../common/domain/todo.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import type { NotificationKind } from '../../../common/schemas/notification.ts';
import {
  ConcludeInputSchema,
  DraftReplyInputSchema,
  RegisterPetitionInputSchema,
} from '../../../common/schemas/petition.ts';
import { PortalFilingInputSchema } from '../../../common/schemas/portal.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { registerPetition } from '../intake/index.ts';
import {
  evaluateFromPortal,
  fileFromPortal,
  messageFromPetitioner,
  requestReviewFromPortal,
} from '../portal/portal-case.service.ts';
import { replyToPetitioner } from '../portal/message.service.ts';
import { listTodos } from '../todo/index.ts';
import {
  acceptPetition,
  assignPetition,
  concludePetition,
  confirmOwnership,
  draftReply,
  findPetition,
  issueReconsiderationOpinion,
  issueReply,
  issueReviewOpinion,
  objectToPetition,
  rejectObjection,
  requestReconsideration,
  returnDraft,
  setOwner,
  signForPetition,
  startInvestigation,
  triagePetition,
  type PetitionDeps,
} from './index.ts';

const DAY = 86_400_000;

type World = { deps: PetitionDeps; org: Org; user: (key: string) => Actor };
type Step = {
  name: string;
  /** Takes the step on one case; the first step of a walk creates the case and returns its id. */
  run: (w: World, id: string) => Promise<unknown>;
  /** Everyone told by the step, by kind (nobody else is told anything about the case). */
  told: Partial<Record<NotificationKind, string[]>>;
  /** Everyone holding the case on their to-do list afterwards, with their tasks in rule order. */
  holders: Record<string, TodoTask[]>;
};
type Walk = { name: string; steps: Step[] };

const draft = DraftReplyInputSchema.parse({
  request: '补发2026年1月至2月加班工资',
  factsAndReasons: '经核实，综采一队考勤记录显示加班属实，工资未按月发放。',
  opinion: '由人力资源科于十日内补发，并向信访人说明原因。',
  legalBasis: '《工资支付暂行规定》第十三条',
  result: 'support',
  outcomes: [{ kind: 'explained', measures: '已当面解释政策依据' }],
});

async function row(w: World, id: string) {
  const petition = await findPetition(w.deps.db, id);
  if (petition === undefined) throw new Error(`no petition ${id}`);
  return petition;
}

/** The full chain: filed online at the group, handed to a mine, owned, drafted, signed, evaluated, reviewed. */
const CHAIN: Walk = {
  name: 'filed on the portal, handed to a mine, through reply, evaluation, 复查 and 复核',
  steps: [
    {
      name: 'the petitioner files online',
      run: async (w) => {
        const input = PortalFilingInputSchema.parse({
          anonymous: true,
          matter: 'appeal',
          title: '综采一队拖欠加班工资',
          body: '综采一队2026年1月至2月的加班工资至今没有发放，请求尽快补发。',
          challenge: 'test',
          nonce: '1',
        });
        const receipt = await fileFromPortal(w.deps, input, [], async () => {});
        const petition = await w.deps.db
          .selectFrom('petition')
          .select('id')
          .where('case_number', '=', receipt.caseNumber)
          .executeTakeFirstOrThrow();
        return petition.id;
      },
      told: { petition_filed: ['officer@root'] },
      holders: { 'officer@root': ['triage'] },
    },
    {
      name: '研判 by the group officer',
      run: (w, id) => triagePetition(w.deps, w.user('officer@root'), id, {}),
      told: {},
      holders: { 'officer@root': ['route'] },
    },
    {
      name: '交办 to mine A',
      run: (w, id) =>
        assignPetition(w.deps, w.user('officer@root'), id, {
          handlingUnitId: w.org.units.mineA.id,
          reportDueDate: '2026-04-30',
        }),
      told: { case_handed_over: ['officer@mineA'] },
      holders: { 'officer@mineA': ['signFor'] },
    },
    {
      name: '异议 by mine A',
      run: (w, id) => objectToPetition(w.deps, w.user('officer@mineA'), id, { reason: '该事项不属于本矿职权范围' }),
      told: { objection_raised: ['officer@root'] },
      holders: { 'officer@root': ['decideObjection'] },
    },
    {
      name: 'the group refuses the objection',
      run: (w, id) =>
        rejectObjection(w.deps, w.user('officer@root'), id, { reason: '综采一队属甲矿管理，应由甲矿办理' }),
      told: { case_handed_over: ['officer@mineA'] },
      holders: { 'officer@mineA': ['signFor'] },
    },
    {
      name: '签收 by mine A',
      run: (w, id) => signForPetition(w.deps, w.user('officer@mineA'), id),
      told: {},
      holders: { 'officer@mineA': ['signFor'] },
    },
    {
      name: '受理 naming the mine chief 包案领导 and a handler',
      run: (w, id) =>
        acceptPetition(w.deps, w.user('officer@mineA'), id, {
          ownerId: w.user('chief@mineA').id,
          handlerId: w.user('handler@teamA1').id,
        }),
      told: { owner_named: ['chief@mineA'], handler_assigned: ['handler@teamA1'] },
      holders: { 'chief@mineA': ['confirmOwnership', 'own'], 'handler@teamA1': ['handle'] },
    },
    {
      name: '确认包案',
      run: (w, id) => confirmOwnership(w.deps, w.user('chief@mineA'), id),
      told: {},
      holders: { 'chief@mineA': ['own'], 'handler@teamA1': ['handle'] },
    },
    {
      name: '调查 starts',
      run: (w, id) => startInvestigation(w.deps, w.user('handler@teamA1'), id),
      told: {},
      holders: { 'chief@mineA': ['own'], 'handler@teamA1': ['handle'] },
    },
    {
      name: 'the handler drafts the reply',
      run: (w, id) => draftReply(w.deps, w.user('handler@teamA1'), id, draft),
      told: { draft_for_signoff: ['chief@mineA'] },
      holders: { 'chief@mineA': ['signOff', 'own'] },
    },
    {
      name: 'the owner returns the draft',
      run: (w, id) => returnDraft(w.deps, w.user('chief@mineA'), id, { reason: '请补充考勤记录依据' }),
      told: { draft_returned: ['handler@teamA1'] },
      holders: { 'chief@mineA': ['own'], 'handler@teamA1': ['handle'] },
    },
    {
      name: 'the handler drafts again',
      run: (w, id) => draftReply(w.deps, w.user('handler@teamA1'), id, draft),
      told: { draft_for_signoff: ['chief@mineA'] },
      holders: { 'chief@mineA': ['signOff', 'own'] },
    },
    {
      name: '签发 by the owner',
      run: (w, id) => issueReply(w.deps, w.user('chief@mineA'), id, { deliveryMethod: 'in_person' }),
      told: { reply_issued: ['officer@mineA'] },
      holders: { 'chief@mineA': ['own'], 'officer@mineA': ['conclude'] },
    },
    {
      name: 'the petitioner writes a message',
      run: async (w, id) => messageFromPetitioner(w.deps, await row(w, id), '请问补发的工资什么时候到账？'),
      told: { petitioner_message: ['chief@mineA', 'handler@teamA1'] },
      holders: {
        'chief@mineA': ['answerMessage', 'own'],
        'handler@teamA1': ['answerMessage'],
        'officer@mineA': ['conclude'],
      },
    },
    {
      name: 'the handler answers',
      run: (w, id) => replyToPetitioner(w.deps, w.user('handler@teamA1'), id, '十日内发放到工资卡。'),
      told: {},
      holders: { 'chief@mineA': ['own'], 'officer@mineA': ['conclude'] },
    },
    {
      name: 'the petitioner evaluates',
      run: async (w, id) => evaluateFromPortal(w.deps, await row(w, id), { satisfaction: 4 }),
      told: { evaluation_received: ['chief@mineA', 'handler@teamA1', 'officer@mineA'] },
      holders: { 'chief@mineA': ['own'], 'officer@mineA': ['conclude'] },
    },
    {
      name: '办结 by mine A',
      run: (w, id) => concludePetition(w.deps, w.user('officer@mineA'), id, ConcludeInputSchema.parse({})),
      told: {},
      holders: {},
    },
    {
      name: 'the petitioner asks for 复查',
      run: async (w, id) => requestReviewFromPortal(w.deps, await row(w, id), '补发金额少算了一个月'),
      told: { review_requested: ['chief@root', 'officer@root'] },
      holders: { 'chief@root': ['review'], 'officer@root': ['review'] },
    },
    {
      name: '复查意见 by the group',
      run: (w, id) =>
        issueReviewOpinion(w.deps, w.user('officer@root'), id, {
          opinion: '维持原处理意见',
          result: 'support',
          deliveryMethod: 'in_person',
        }),
      told: {},
      holders: {},
    },
    {
      name: '复核 asked',
      run: (w, id) => requestReconsideration(w.deps, w.user('officer@root'), id, { reason: '对复查意见不服' }),
      told: { reconsideration_requested: ['chief@root', 'officer@root'] },
      holders: { 'chief@root': ['reconsider'], 'officer@root': ['reconsider'] },
    },
    {
      name: '复核意见: final',
      run: (w, id) =>
        // At the top of the tree a leader decides the 复核 of the group's own 复查.
        issueReconsiderationOpinion(w.deps, w.user('chief@root'), id, {
          opinion: '维持复查意见',
          result: 'support',
          deliveryMethod: 'in_person',
        }),
      told: {},
      holders: {},
    },
  ],
};

function visit() {
  return RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '工伤待遇未按时发放',
    body: '本人2025年工伤认定后，伤残津贴至今未按时发放，请求核实并补发。',
    petitioners: [{ name: '王大山', identity: 'employee' }],
  });
}

const register = async (w: World) => (await registerPetition(w.deps, w.user('officer@root'), visit())).petition.id;

/** Handled at the group: accepted without a handler, then 包案 names the owner and the handler. */
const AT_THE_GROUP: Walk = {
  name: 'registered and accepted at the group, the handler named afterwards',
  steps: [
    { name: '登记 at the group', run: register, told: {}, holders: { 'officer@root': ['triage'] } },
    {
      name: '研判',
      run: (w, id) => triagePetition(w.deps, w.user('officer@root'), id, {}),
      told: {},
      holders: { 'officer@root': ['route'] },
    },
    {
      name: '受理 at the group without a handler',
      run: (w, id) => acceptPetition(w.deps, w.user('officer@root'), id, {}),
      told: {},
      holders: { 'officer@root': ['assignHandler'] },
    },
    {
      name: '领导包案 names the group chief and a handler of the HR department',
      run: (w, id) =>
        setOwner(w.deps, w.user('officer@root'), id, {
          ownerId: w.user('chief@root').id,
          handlerId: w.user('handler@deptHr').id,
        }),
      told: { owner_named: ['chief@root'], handler_assigned: ['handler@deptHr'] },
      holders: { 'chief@root': ['confirmOwnership', 'own'], 'handler@deptHr': ['handle'] },
    },
    {
      name: 'naming the same people again tells nobody',
      run: (w, id) =>
        setOwner(w.deps, w.user('officer@root'), id, {
          ownerId: w.user('chief@root').id,
          handlerId: w.user('handler@deptHr').id,
        }),
      told: {},
      holders: { 'chief@root': ['confirmOwnership', 'own'], 'handler@deptHr': ['handle'] },
    },
  ],
};

/** A mine without a petition officer: its chief does the office's work; with no owner its leaders sign. */
const NO_OFFICER: Walk = {
  name: 'handed to a mine that has no officer, no owner named',
  steps: [
    { name: '登记 at the group', run: register, told: {}, holders: { 'officer@root': ['triage'] } },
    {
      name: '研判',
      run: (w, id) => triagePetition(w.deps, w.user('officer@root'), id, {}),
      told: {},
      holders: { 'officer@root': ['route'] },
    },
    {
      name: '交办 to mine B',
      run: (w, id) => assignPetition(w.deps, w.user('officer@root'), id, { handlingUnitId: w.org.units.mineB.id }),
      told: { case_handed_over: ['chief@mineB'] },
      holders: { 'chief@mineB': ['signFor'] },
    },
    {
      name: '受理 by the mine chief with a handler and no owner',
      run: (w, id) => acceptPetition(w.deps, w.user('chief@mineB'), id, { handlerId: w.user('handler@mineB').id }),
      told: { handler_assigned: ['handler@mineB'] },
      holders: { 'handler@mineB': ['handle'] },
    },
    {
      name: '调查 starts',
      run: (w, id) => startInvestigation(w.deps, w.user('handler@mineB'), id),
      told: {},
      holders: { 'handler@mineB': ['handle'] },
    },
    {
      name: 'the handler drafts the reply: the leaders of the handling unit sign it',
      run: (w, id) => draftReply(w.deps, w.user('handler@mineB'), id, draft),
      told: { draft_for_signoff: ['chief@mineB'] },
      holders: { 'chief@mineB': ['signOff'] },
    },
    {
      name: '签发 by the mine chief, who also concludes',
      run: (w, id) => issueReply(w.deps, w.user('chief@mineB'), id, { deliveryMethod: 'in_person' }),
      told: {},
      holders: { 'chief@mineB': ['conclude'] },
    },
  ],
};

const CARRIERS = (org: Org) => Object.keys(org.users).filter((key) => !/^(admin|auditor|partner)@/.test(key));

for (const walk of [CHAIN, AT_THE_GROUP, NO_OFFICER]) {
  describe(`hand-offs: ${walk.name}`, () => {
    let ctx: TestContext;
    let w: World;
    const ids = { a: '', b: '' };
    // Mine B gets a chief and a handler but no petition officer.
    serviceWorld(
      {
        once: true,
        people: [
          ['chief', 'mineB'],
          ['handler', 'mineB'],
        ],
      },
      (world) => {
        ctx = world.ctx;
        w = world;
      },
    );

    it.each(walk.steps.map((step, index) => ({ ...step, index })))(
      'after "$name": exactly who must act is told, and has the case at the top of the to-do list',
      async (step) => {
        const before = new Set((await ctx.deps.db.selectFrom('notification').select('id').execute()).map((n) => n.id));
        if (step.index === 0) {
          ids.a = String(await step.run(w, ''));
          // B comes in a day later, so each of its time limits falls no earlier than A's.
          ctx.clock.advance(DAY);
          ids.b = String(await step.run(w, ''));
        } else {
          await step.run(w, ids.b);
          await step.run(w, ids.a);
        }

        // Told: exactly the people of the table, by kind, each once, in a sentence with nothing missing.
        const fresh = (
          await ctx.deps.db.selectFrom('notification').selectAll().where('petition_id', '=', ids.a).execute()
        ).filter((n) => !before.has(n.id));
        const byKey = Object.fromEntries(Object.entries(w.org.users).map(([key, actor]) => [actor.id, key]));
        const told: Record<string, string[]> = {};
        for (const n of fresh) (told[n.kind] ??= []).push(byKey[n.user_id] ?? n.user_id);
        for (const list of Object.values(told)) list.sort();
        expect(told).toEqual(Object.fromEntries(Object.entries(step.told).map(([k, v]) => [k, [...v].sort()])));
        for (const n of fresh) {
          const sentence = notificationSentence(zhCN, n.kind, JSON.parse(n.data_json) as Record<string, unknown>);
          expect(sentence, `${n.kind}: ${sentence}`).not.toContain(zhCN.common.none);
        }

        // Holders: exactly the people of the table have A on their list, A first, B (less urgent) next.
        for (const key of CARRIERS(w.org)) {
          const list = await listTodos(w.deps, w.user(key), { pageSize: 100 });
          const expected = step.holders[key];
          if (expected === undefined) {
            expect(
              list.items.map((i) => i.id),
              `${key} should not hold the case`,
            ).not.toContain(ids.a);
            continue;
          }
          expect(
            list.items.map((i) => i.id),
            `${key}'s list`,
          ).toEqual([ids.a, ids.b]);
          expect(list.items[0]?.tasks, `${key}'s tasks`).toEqual(expected);
          expect(list.total).toBe(2);
        }
      },
    );

    it('gives administrators, auditors and partners no to-do list', async () => {
      for (const key of ['admin@root', 'auditor@root', 'partner@deptHr']) {
        expect(await codeOf(listTodos(w.deps, w.user(key)))).toBe('FORBIDDEN');
      }
    });
  });
}
