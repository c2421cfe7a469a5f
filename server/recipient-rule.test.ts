/**
 * The one recipient rule, generated over the whole app (issue #11, 《信访工作条例》第28条第3款 回避 and
 * 第30条第3款): for cases that name account X — by account (被反映人 resolved), by an unresolved name
 * that is X's own, and a case X declared a conflict on — nothing X can reach mentions them: no route
 * (every route the app registers, found through `routesOf`, with its parameters and query keys filled
 * from its own schema), no notification of any kind in NOTIFICATION_KINDS (each driven by the real
 * step that emits it), no message queued to X's phone or mailbox, no figure. X is the mine's chief,
 * so every step that tells "the mine's office" or "the leaders" would tell him but for the rule;
 * his twin T (the same role at the same unit, named in nothing) is told and sees them — the proof
 * that each check can fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../common/domain/access.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../common/schemas/auth.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../common/schemas/notification.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../common/schemas/petition.ts';
import { PortalFilingInputSchema } from '../common/schemas/portal.ts';
import { DOCUMENT_KINDS } from '../common/domain/documents.ts';
import { SETTING_KEYS } from '../common/schemas/setting.ts';
import { routesOf, type AppRoute } from './app.ts';
import { addAttachment } from './modules/attachment/attachment.service.ts';
import { chaseRectifications, recordMeasure } from './modules/accountability/index.ts';
import { createScheme, openRound, publishRound, reviewResult } from './modules/appraisal/index.ts';
import { sendDailyDigests } from './modules/dashboard/index.ts';
import { chaseDailyReports } from './modules/report/index.ts';
import { decideSwapRequest, requestSwap, saveRosterWeek } from './modules/duty/roster.service.ts';
import {
  createCourse,
  createSession,
  issueCertificate,
  recordAttendance,
  remindExpiringQualifications,
} from './modules/training/index.ts';
import { addCalendarDays, localDateOf, localDayStartUtc, weekdayOf } from '../common/domain/calendar.ts';
import { createPlan } from './modules/emergency/emergency-plan.service.ts';
import { activatePlan, assignTask, standDown } from './modules/emergency/emergency.service.ts';
import { registerAtIntake, registerPetition } from './modules/intake/index.ts';
import { deliverOutbox } from './modules/notification/index.ts';
import {
  acceptPetition,
  assignPetition,
  confirmOwnership,
  declareConflict,
  draftReply,
  escalatePetition,
  issueReply,
  issueReviewOpinion,
  linkRepeat,
  notAcceptPetition,
  objectToPetition,
  requestReconsideration,
  requestReview,
  returnDraft,
  signForPetition,
  startInvestigation,
  supervisePetition,
  triagePetition,
  type PetitionDeps,
} from './modules/petition/index.ts';
import { fileFromPortal } from './modules/portal/portal-case.service.ts';
import { createUser, setUserContact } from './modules/user/user.service.ts';
import { scanWarnings, sweepDeadlines } from './modules/warning/index.ts';
import { chaseScreeningReturns } from './modules/prevention/index.ts';
import { answerCampaign, createCampaign } from './modules/prevention/screening.service.ts';
import { createHazard, decideClearing, requestClearing } from './modules/prevention/hazard.service.ts';
import { AnswerReturnInputSchema, CampaignInputSchema, CreateHazardInputSchema } from '../common/schemas/prevention.ts';
import { buildTestApp, loginAs } from './test/test-app.ts';
import {
  combinations,
  fillUrl,
  multipartBody,
  PNG_BYTES,
  sampleOf,
  schemasOf,
  typeOf,
  urlParams,
  type JsonSchema,
} from './test/route-inputs.ts';
import {
  createOrg,
  createTestContext,
  petitionDepsOf,
  TEST_PASSWORD,
  type Org,
  type TestContext,
} from './test/test-context.ts';

const DAY = 86_400_000;

/**
 * Every notification kind and the step of this world that emits it; `null` for a kind no code
 * emits yet — the test fails when such a kind appears in the server's code, so it gets a step here.
 */
const EMITTED_BY: Record<NotificationKind, string | null> = {
  deadline_due_soon: 'the deadline sweep 13 days after receipt (受理告知 due in 2 days; the office of the mine)',
  deadline_overdue: 'the deadline sweep 16 days after receipt (the office of the mine)',
  deadline_digest: 'the deadline sweep 16 days after receipt, more than five deadlines for the office of the mine',
  ownership_unconfirmed: 'the sweep after the owner of A2, a group deputy, left 包案 unconfirmed (the office)',
  owner_named: 'accept naming the team chief the owner (包案)',
  handler_assigned: 'accept naming the handler',
  case_handed_over: '交办 to the mine (the office of the mine)',
  objection_raised: 'the team objects (the office of the registering mine)',
  draft_for_signoff: 'the draft of A2 (its owner, to sign)',
  draft_returned: 'the owner returns the draft (the drafter)',
  review_requested: '复查 asked on a case the team handled (the office of the mine above)',
  reconsideration_requested: '复核 asked (the office of the mine above the handling team)',
  supervision_started: '督办 by the group of A7, handed to mine B (the office of mine B)',
  petition_filed: 'a portal accusation naming 张志强 of mine A (the office workers of the group)',
  reply_issued: 'the team chief signs the reply of A1 (the office workers of the team, who conclude it)',
  case_escalated: 'the mine office sends A6 up to the group (报请上级; the office workers of the group)',
  case_registered_below: 'the team head registers A6 naming 张志强 (the office of mine A above, X among its leaders)',
  petitioner_message: 'a portal message on the case X registered (its registrar, and the handler)',
  evaluation_received: 'a portal evaluation of that case (its registrar, and the handler)',
  warning_raised: 'the scan after three accusations name X (the leaders of the mine, X the subject)',
  warning_level_up: 'the scan after five (orange)',
  warning_escalated: 'the scan a day later, the warning not analysed (the group)',
  daily_digest: 'the digest at 09:00 (every leader: figures, checked against the twin)',
  daily_report_missing: 'the chase of Friday 20 March at 19:30, nobody having reported (the heads of each unit)',
  daily_report_escalated: 'the same chase, past the grace (the office of the level above; names no case)',
  outbox_failed: 'eight failed deliveries of queued SMS (the administrators; names no case)',
  appraisal_round_opened: 'the admin opens a 2025 appraisal round for the mines (their leaders; names no case)',
  appraisal_reviewed: 'the group chief reviews mine A’s result (its leaders)',
  appraisal_published: 'the group chief publishes the round (the mines’ leaders)',
  accountability_recorded: 'the group chief records a 约谈 of mine A on the round (its leaders, X among them; no case)',
  rectification_overdue: 'the chase past its 整改 deadline (mine A’s leaders and the decider; names no case)',
  screening_opened: 'the group opens a campaign (those who answer for every unit below; names no case)',
  screening_overdue: 'the chase 16 days on: crew A1 never answered (its head)',
  screening_escalated: 'the chase again, past the grace (the office of mine A)',
  hazard_clear_requested: 'the team head asks 销号 of his hazard (the group office)',
  hazard_cleared: 'the group approves it (the head who asked)',
  hazard_sent_back: 'the group sends a second one back (the head who asked)',
  duty_swap_approved: 'T hands his duty shift to the deputy, the office approves (both told; names no case)',
  duty_swap_refused: 'T asks another swap, the office refuses (T told; names no case)',
  emergency_activated:
    'the twin activates the mine’s plan from the warning naming X (its people, X among them: no case)',
  emergency_task_assigned: 'the twin hands X a task (names the plan and the task, no case)',
  emergency_stood_down: 'the twin stands the response down (its people)',
  training_session_scheduled:
    'the mine’s office schedules a training session for T and the team’s chief (names no case)',
  training_qualification_expiring: 'the expiry job, T’s one-month qualification within the notice days (names no case)',
};

/** Kinds that are about no case at all: their data must carry nothing of one. */
const CASELESS: readonly NotificationKind[] = [
  'daily_digest',
  'deadline_digest',
  'outbox_failed',
  'daily_report_missing',
  'daily_report_escalated',
  'appraisal_round_opened',
  'appraisal_reviewed',
  'appraisal_published',
  'accountability_recorded',
  'rectification_overdue',
  'screening_opened',
  'screening_overdue',
  'screening_escalated',
  'hazard_clear_requested',
  'hazard_cleared',
  'hazard_sent_back',
  'duty_swap_approved',
  'duty_swap_refused',
  'emergency_activated',
  'emergency_task_assigned',
  'emergency_stood_down',
  'training_session_scheduled',
  'training_qualification_expiring',
];

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
let app: FastifyInstance;
/** The 考核 scheme of the world (its history route's query). */
let appraisalSchemeId = '';

/** X: 东山煤矿 (mine A) 矿长 张志强; T: his twin, the same role at the same unit; the team's chief. */
let X: Actor;
let T: Actor;
let teamChief: Actor;

type Hidden = { id: string; caseNumber: string; title: string; body: string; petitioner: string; code: string };
/** The cases X must never see: A1–A5 name him by account, B by his name unresolved, C he declared a conflict on. */
const hidden: Record<string, Hidden> = {};
/** Cases X sees that point at hidden ones: a text repeat (V1), a linked repeat (V2), a merge (V3). */
const visible: Record<string, string> = {};
const extraIds = {
  documents: [] as string[],
  attachments: [] as string[],
  petitioners: [] as string[],
  warnings: [] as string[],
};

function hiddenCases(): Hidden[] {
  return Object.values(hidden);
}

/** What would mention a hidden case: its id, case number, title, petitioners' names. */
function markers(): string[] {
  return hiddenCases().flatMap((h) => [h.id, h.caseNumber, h.title, h.petitioner]);
}

/** The markers `text` holds, except those the request itself carried (a 404 may name the id it was asked for). */
function mentions(text: string, asked = ''): string[] {
  return markers().filter((m) => text.includes(m) && !asked.includes(m));
}

async function register(
  by: Actor,
  key: string,
  input: Partial<RegisterPetitionInput>,
  petitioner: string,
  identity: { idNumber?: string; phone?: string } = {},
) {
  const title = input.title ?? `举报${key}事项`;
  const body = input.body ?? `反映${key}：${title}，请组织核查。`;
  const { petition, trackingCode } = await registerPetition(
    deps,
    by,
    RegisterPetitionInputSchema.parse({
      channel: 'letter',
      type: 'accusation',
      purpose: 'report',
      petitioners: [{ name: petitioner, identity: 'employee', ...identity }],
      ...input,
      title,
      body,
    }),
  );
  return { id: petition.id, caseNumber: petition.caseNumber, title, body, petitioner, code: trackingCode };
}

/** The accusations naming X by his account. */
async function accusation(
  key: string,
  title: string,
  body: string,
  petitioner: string,
  identity: { idNumber?: string; phone?: string } = {},
): Promise<void> {
  hidden[key] = await register(
    org.users['officer@mineA']!,
    key,
    { title, body, namedPersons: [{ name: '张志强', userId: X.id, position: '矿长' }] },
    petitioner,
    identity,
  );
}

/** The accuser of A1: the office looks her up by ID number or phone. */
const ACCUSER = { idNumber: '11010519491231002X', phone: '13812345678' };

async function idOf(caseNumber: string): Promise<string> {
  const row = await ctx.deps.db
    .selectFrom('petition')
    .select('id')
    .where('case_number', '=', caseNumber)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function world(): Promise<void> {
  const admin = org.admin;
  const mineA = org.units.mineA.id;
  const person = async (
    username: string,
    displayName: string,
    role: 'chief' | 'deputy' | 'officer',
    unitId: string,
  ): Promise<Actor> => {
    const view = await createUser(ctx.deps, admin, { username, displayName, role, unitId, password: TEST_PASSWORD });
    const unit = Object.values(org.units).find((u) => u.id === unitId)!;
    return { id: view.id, role, unitId, unitPath: unit.path };
  };
  X = await person('dongshan.chief', '张志强', 'chief', mineA);
  T = await person('dongshan.twin', '李国华', 'chief', mineA);
  teamChief = await person('zongcai.chief', '赵建国', 'chief', org.units.teamA1.id);
  // Phones and mailboxes, so a notice to X would also leave the system: nothing may be queued for him.
  await setUserContact(ctx.deps, admin, X.id, { mobile: '13900000001', email: 'zhang@dongshan.example' });
  await setUserContact(ctx.deps, admin, T.id, { mobile: '13900000002', email: 'li@dongshan.example' });

  const officer = org.users['officer@mineA']!;
  const handler = org.users['handler@teamA1']!;
  const team = org.units.teamA1.id;

  await accusation(
    'A1',
    '举报矿长违规发放补贴甲一',
    '东山煤矿矿长张志强违规向亲属发放安全补贴，金额巨大，请求查处。',
    '柳青一',
    ACCUSER,
  );
  await accusation('A2', '举报矿长插手招标甲二', '矿长张志强插手井下设备招标，指定供应商，请纪委调查。', '柳青二');
  await accusation('A3', '举报矿长打击报复甲三', '反映矿长张志强对提出意见的职工调岗打击报复，请求纠正。', '柳青三');
  // B: the name only, not resolved to an account: every 张志强 of mine A is recused until an officer resolves it.
  hidden['B'] = await register(
    officer,
    'B',
    {
      title: '反映张矿长作风问题乙',
      body: '反映矿长张某某工作作风粗暴，经常辱骂职工，请予以处理。',
      namedPersons: [{ name: '张志强', unitId: mineA }],
    },
    '柳青乙',
  );
  // C: X registers a worker's appeal, then declares a conflict (the worker is his relative).
  hidden['C'] = await register(
    X,
    'C',
    {
      type: 'appeal',
      purpose: 'request',
      title: '申请补发工伤待遇丙',
      body: '本人工伤后待遇一直未补发，请求落实工伤保险待遇。',
    },
    '周小燕丙',
  );
  await declareConflict(deps, X, hidden['C'].id, { reason: '申请人系本人亲属' });

  const A1 = hidden['A1']!.id;
  const A2 = hidden['A2']!.id;
  const A3 = hidden['A3']!.id;
  const C = hidden['C'].id;
  const reply = {
    request: '查处',
    factsAndReasons: '经核查',
    opinion: '依规处理',
    legalBasis: '有关规定',
    outcomes: [{ kind: 'explained' as const, measures: '已当面解释政策依据' }],
  };

  // Every case naming X, the chief of mine A, is routed around his mine (回避, 第28条): handed to the
  // team or the mine, it lands at the group, whose office carries it on.
  const groupOfficer = org.users['officer@root']!;
  const groupChief = org.users['chief@root']!;
  const groupHandler = org.users['handler@deptHr']!;
  const groupDeputy = await person('group.deputy', '钱副总', 'deputy', org.units.root.id);
  // A1: 交办 to the team (routed to the group), accepted with the group's deputy as owner; drafted,
  // returned, drafted, issued; 复查 given by the group's leader and 复核 asked.
  await triagePetition(deps, officer, A1, {});
  await assignPetition(deps, officer, A1, { handlingUnitId: team });
  await signForPetition(deps, groupOfficer, A1);
  await acceptPetition(deps, groupOfficer, A1, { ownerId: groupDeputy.id, handlerId: handler.id });
  await startInvestigation(deps, handler, A1);
  await draftReply(deps, handler, A1, { ...reply, result: 'explain' });
  await returnDraft(deps, groupDeputy, A1, { reason: '事实部分需补充' });
  await draftReply(deps, handler, A1, { ...reply, result: 'explain' });
  await confirmOwnership(deps, groupDeputy, A1);
  await issueReply(deps, groupDeputy, A1, { deliveryMethod: 'in_person' });
  await requestReview(deps, officer, A1, { reason: '举报人对答复不服' });
  await issueReviewOpinion(deps, groupChief, A1, {
    opinion: '维持原答复意见',
    result: 'explain',
    deliveryMethod: 'in_person',
  });
  await requestReconsideration(deps, officer, A1, { reason: '举报人仍然不服' });
  // A2: 交办 to the mine itself (routed to the group); the draft waits for its owner's 签发.
  await triagePetition(deps, officer, A2, {});
  await assignPetition(deps, officer, A2, { handlingUnitId: mineA });
  // Its owner never confirms 包案: the sweep tells the office.
  await acceptPetition(deps, groupOfficer, A2, { ownerId: groupDeputy.id, handlerId: groupHandler.id });
  await startInvestigation(deps, groupHandler, A2);
  await draftReply(deps, groupHandler, A2, { ...reply, result: 'explain' });
  // A3: 交办 to the team (routed to the group), which objects: the registering mine's office is told.
  await triagePetition(deps, officer, A3, {});
  await assignPetition(deps, officer, A3, { handlingUnitId: team });
  await objectToPetition(deps, groupOfficer, A3, { reason: '不属于本单位职权范围' });
  // C: accepted with a handler, replied to, then the worker writes and evaluates on the portal.
  await triagePetition(deps, officer, C, {});
  await acceptPetition(deps, officer, C, { handlerId: handler.id });
  await startInvestigation(deps, handler, C);
  await draftReply(deps, handler, C, { ...reply, result: 'support' });
  await issueReply(deps, T, C, { deliveryMethod: 'in_person' });

  // An attachment and the documents of the hidden cases.
  const attachment = await addAttachment(deps, officer, A1, {
    fileName: '举报材料.png',
    contentType: 'image/png',
    data: PNG_BYTES,
  });
  extraIds.attachments.push(attachment.id);

  // Three accusations name X: the scan raises a cadre-named-often warning (yellow) ...
  await scanWarnings(deps);
  await accusation(
    'A4',
    '举报矿长虚报产量甲四',
    '矿长张志强自去年下半年起多次指使调度室和计量科虚报原煤产量，把未出井的煤炭计入月度产量，' +
      '以此骗取集团公司的超产奖励和安全生产奖金。职工私下议论很多，统计员因为不愿意改数据被调离岗位。' +
      '请求集团纪委调取调度日报、计量台账和销售记录进行比对，彻查数据造假问题并追究相关人员责任。',
    '柳青四',
  );
  await accusation('A5', '举报矿长公车私用甲五', '矿长张志强长期公车私用，节假日驾车外出旅游，请查处。', '柳青五');
  // ... five make it orange (level up).
  await scanWarnings(deps);

  // Cases X sees that point at hidden ones.
  const v1 = await register(
    officer,
    'V1',
    {
      type: 'appeal',
      purpose: 'request',
      title: '职工反映产量数据问题',
      body: hidden['A4']!.body,
    },
    '王秀英',
  );
  const v2 = await register(officer, 'V2', { type: 'suggestion', purpose: 'suggestion' }, '刘德明');
  await linkRepeat(deps, officer, v2.id, { repeatOfId: hidden['A5']!.id });
  const v3 = await register(officer, 'V3', { type: 'suggestion', purpose: 'suggestion' }, '陈建华');
  await notAcceptPetition(deps, officer, v3.id, { reason: '与在办事项重复，并单处理', relatedPetitionId: A3 });
  Object.assign(visible, { V1: v1.id, V2: v2.id, V3: v3.id });
  // V1 is a repeat of A4 by its text (the same letter sent again by another worker).
  const registeredV1 = await ctx.deps.db
    .selectFrom('petition_event')
    .select('data_json')
    .where('petition_id', '=', v1.id)
    .where('kind', '=', 'register')
    .executeTakeFirstOrThrow();
  expect(JSON.parse(registeredV1.data_json)).toMatchObject({ repeatOf: hidden['A4']!.id });

  // A6: the team's head registers what a worker brought him, naming 张志强 of mine A (unresolved: X
  // is recused); mine A's office above is told, and sends it up to the group (报请上级).
  const head = org.users['unit_head@teamA1']!;
  const below = await registerAtIntake(
    deps,
    head,
    RegisterPetitionInputSchema.parse({
      channel: 'visit',
      type: 'accusation',
      purpose: 'report',
      title: '举报矿长克扣班组奖金甲六',
      body: '反映矿长张志强授意克扣综采一队班组安全奖金，请求查处。',
      petitioners: [{ name: '柳青六', identity: 'employee' }],
      namedPersons: [{ name: '张志强', unitId: mineA }],
    }),
  );
  hidden['A6'] = {
    id: await idOf(below.caseNumber),
    caseNumber: below.caseNumber,
    title: '举报矿长克扣班组奖金甲六',
    body: '反映矿长张志强授意克扣综采一队班组安全奖金，请求查处。',
    petitioner: '柳青六',
    code: below.trackingCode,
  };
  await escalatePetition(deps, officer, hidden['A6'].id, { reason: '被反映人系本矿矿长，报请集团处理' });
  // A7: the group hands an accusation naming X to mine B and supervises it (督办): mine B's office is told.
  await person('mineb.officer', '孙干事', 'officer', org.units.mineB.id);
  hidden['A7'] = await register(
    groupOfficer,
    'A7',
    {
      title: '举报矿长违规承包工程甲七',
      body: '反映东山煤矿矿长张志强违规将井下工程承包给亲属，请求查处。',
      namedPersons: [{ name: '张志强', userId: X.id, position: '矿长' }],
    },
    '柳青七',
  );
  await triagePetition(deps, groupOfficer, hidden['A7'].id, {});
  await assignPetition(deps, groupOfficer, hidden['A7'].id, { handlingUnitId: org.units.mineB.id });
  await supervisePetition(deps, groupOfficer, hidden['A7'].id, {
    level: 'supervised',
    dueDate: '2026-03-20',
    note: '请按期办结',
  });
  // P: a worker names him on the portal (the names arrive unresolved).
  const filed = await fileFromPortal(
    deps,
    PortalFilingInputSchema.parse({
      anonymous: false,
      name: '柳青网',
      phone: '13700001111',
      identity: 'employee',
      matter: 'accusation',
      title: '网上举报矿长违规用工甲网',
      body: '反映东山煤矿矿长张志强违规安排亲属在矿上吃空饷，请求查处。',
      namedPersons: [{ name: '张志强', position: '矿长' }],
      challenge: 'test',
      nonce: '1',
    }),
    [],
    async () => {},
  );
  hidden['P'] = {
    id: await idOf(filed.caseNumber),
    caseNumber: filed.caseNumber,
    title: '网上举报矿长违规用工甲网',
    body: '反映东山煤矿矿长张志强违规安排亲属在矿上吃空饷，请求查处。',
    petitioner: '柳青网',
    code: filed.trackingCode,
  };

  // Prevention (issue #15): a campaign, a team's hazards, 销号 decided above, a crew that never answers.
  const opened = await createCampaign(
    ctx.deps,
    org.users['officer@root']!,
    CampaignInputSchema.parse({
      topic: '春季矛盾隐患排查',
      periodFrom: '2026-03-02',
      periodTo: '2026-03-10',
      dueDate: '2026-03-04',
    }),
  );
  const teamHead = org.users['unit_head@teamA1']!;
  await answerCampaign(deps, teamHead, opened.id, AnswerReturnInputSchema.parse({ nil: true }));
  const hazardInput = CreateHazardInputSchema.parse({
    title: '补贴停发',
    location: '综采一队',
    workersInvolved: 12,
    riskLevel: 'medium',
  });
  for (const approve of [true, false]) {
    const found = await createHazard(ctx.deps, teamHead, hazardInput);
    await requestClearing(ctx.deps, teamHead, found.id, '已补发到位');
    await decideClearing(
      ctx.deps,
      org.users['officer@root']!,
      found.id,
      approve ? { approve, note: '' } : { approve, reason: '缺凭证' },
    );
  }

  // Time: the sweeps, the escalation and the digest.
  ctx.clock.advance(13 * DAY);
  await sweepDeadlines(deps);
  await scanWarnings(deps);
  ctx.clock.advance(3 * DAY);
  await sweepDeadlines(deps);
  await sendDailyDigests(deps);
  await chaseScreeningReturns(ctx.deps);
  await chaseScreeningReturns(ctx.deps);

  // 值班带班: a week of 24-hour shifts at mine A, T leading the first two; he asks to hand both to the
  // deputy; the office approves one (T and the deputy told) and refuses the other (T told).
  const today = localDateOf(ctx.clock.now().toISOString());
  const monday = addCalendarDays(today, 8 - weekdayOf(today));
  const deputy = org.users['deputy@mineA']!;
  const roster = await saveRosterWeek(deps, officer, {
    unitId: mineA,
    weekStart: monday,
    shifts: Array.from({ length: 7 }, (_, i) => ({
      startAt: localDayStartUtc(addCalendarDays(monday, i)),
      endAt: localDayStartUtc(addCalendarDays(monday, i + 1)),
      leaderId: i < 2 ? T.id : deputy.id,
      officerId: officer.id,
      phone: '0351-7000000',
    })),
  });
  for (const [i, decision] of [
    [0, 'approved'],
    [1, 'refused'],
  ] as const) {
    const swap = await requestSwap(deps, T, roster.shifts[i]!.id, {
      slot: 'leader',
      colleagueId: deputy.id,
      reason: '家中有事',
    });
    await decideSwapRequest(deps, officer, swap.id, decision, undefined);
  }

  // 应急处置: the mine's plan, activated by the twin, its commander; X commands nothing but is
  // on the spot and is told like everyone of the plan (the notices name the plan, never a case).
  const plan = await createPlan(deps, org.users['officer@mineA']!, {
    unitId: org.units.mineA.id,
    title: '甲矿群体性事件应急预案',
    incidentType: 'mass_incident',
    level: 'red',
    roles: [
      { role: 'commander', userIds: [T.id] },
      { role: 'onsite', userIds: [X.id, teamChief.id] },
    ],
    steps: ['赶赴现场', '劝导疏散'],
  });
  const { incident } = await activatePlan(deps, T, { planId: plan.id, source: { kind: 'leader' } });
  await assignTask(deps, T, incident.id, { assigneeId: X.id, title: '带队到现场劝导' });
  await standDown(deps, T, incident.id, { note: '人员散去，后续由矿办跟进' });

  // 干部培训: the mine's office schedules a session for T and the team's chief (both told), records T
  // present and certifies him; his one-month qualification is within the notice days, so the job tells him.
  const course = await createCourse(deps, officer, {
    title: '信访工作条例解读',
    requiredFor: ['chief'],
    hours: 4,
    validityMonths: 1,
    test: null,
  });
  const session = await createSession(deps, officer, {
    courseId: course.id,
    unitId: mineA,
    heldOn: localDateOf(ctx.clock.now().toISOString()),
    trainer: '王老师',
    attendeeIds: [T.id, teamChief.id],
  });
  await recordAttendance(deps, officer, session.id, { attendance: [{ userId: T.id, attended: true }] });
  await issueCertificate(deps, officer, session.id, { userId: T.id });
  await remindExpiringQualifications(deps);

  const rows = await ctx.deps.db
    .selectFrom('petition_document')
    .select('id')
    .where('petition_id', 'in', [A1, C])
    .execute();
  extraIds.documents.push(...rows.map((r) => r.id));
  const people = await ctx.deps.db
    .selectFrom('petition_petitioner')
    .select('petitioner_id')
    .where(
      'petition_id',
      'in',
      hiddenCases().map((h) => h.id),
    )
    .execute();
  extraIds.petitioners.push(...people.map((p) => p.petitioner_id));
  const hiddenSet = new Set(hiddenCases().map((h) => h.id));
  for (const w of await ctx.deps.db.selectFrom('warning').select(['id', 'petition_ids_json']).execute()) {
    if ((JSON.parse(w.petition_ids_json) as string[]).some((id) => hiddenSet.has(id))) extraIds.warnings.push(w.id);
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  // Steps tell people by SMS and e-mail too (the enterprise's default policy), so the outbox is checked.
  deps = { ...petitionDepsOf(ctx), outbound: { sms: true, email: true, webhook: false } };
  await world();
  app = await buildTestApp(ctx, { portalRateLimits: { file: 100, track: 1000, other: 1000 } });
  // The petitioner of C writes and evaluates on the portal.
  const C = hidden['C']!;
  const key = { caseNumber: C.caseNumber, code: C.code };
  const portal = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, payload });
  expect((await portal('/api/portal/messages', { ...key, body: '请问待遇什么时候能到账？' })).statusCode).toBe(200);
  expect((await portal('/api/portal/evaluate', { ...key, satisfaction: 2 })).statusCode).toBe(200);
  // Deliveries fail eight times: the administrators are told (outbox_failed).
  const failing = { sms: () => Promise.reject(new Error('gateway down')) };
  for (let round = 0; round < 9; round++) {
    await deliverOutbox(deps, failing);
    ctx.clock.advance(6 * 3_600_000);
  }
  // Friday 2026-03-20, 19:30 local: past the 17:00 cut-off and the two hours' grace, nobody reported.
  ctx.clock.set('2026-03-20T11:30:00.000Z');
  await chaseDailyReports(deps);
  // 考核 of 2025 over the mines: opened (the mines' leaders told), mine A reviewed, published.
  const scheme = await createScheme(deps, org.admin, {
    name: '年度信访考核',
    periodKind: 'year',
    level: 'mine',
    definition: { indicators: [{ key: 'petition.concludedOnTime', weight: 100, target: 100, threshold: 60 }] },
  });
  appraisalSchemeId = scheme.id;
  const round = await openRound(deps, org.admin, { schemeId: scheme.id, period: '2025' });
  const groupChief = org.users['chief@root'] as Actor;
  const resultA = round.results.find((r) => r.unit.id === org.units.mineA.id)!;
  await reviewResult(deps, groupChief, resultA.id, { adjustment: 0 });
  await publishRound(deps, groupChief, round.id);
  // 奖惩与问责: a 约谈 of mine A on the round with a 整改 deadline, chased a week after it (the clock put back).
  await recordMeasure(deps, groupChief, {
    kind: 'admonition',
    subject: { kind: 'unit', unitId: org.units.mineA.id },
    basis: { roundId: round.id, figureKey: 'petition.concludedOnTime' },
    facts: '2025年度按期办结率未达标。',
    decision: '约谈矿长，限期整改。',
    rectifyDueDate: '2026-03-31',
  });
  const now = ctx.clock.now().toISOString();
  ctx.clock.set('2026-04-07T02:00:00.000Z');
  await chaseRectifications(deps);
  ctx.clock.set(now);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

// ---------------------------------------------------------------------------------------------
// Notifications

async function notificationsOf(kind: NotificationKind) {
  return ctx.deps.db
    .selectFrom('notification')
    .select(['user_id', 'petition_id', 'warning_id', 'data_json'])
    .where('kind', '=', kind)
    .execute();
}

/** The hidden cases behind a notification: its case, or the cases behind its warning. */
async function hiddenBehind(row: { petition_id: string | null; warning_id: string | null }): Promise<string[]> {
  const ids = new Set(hiddenCases().map((h) => h.id));
  if (row.petition_id !== null) return ids.has(row.petition_id) ? [row.petition_id] : [];
  if (row.warning_id === null) return [];
  const warning = await ctx.deps.db
    .selectFrom('warning')
    .select('petition_ids_json')
    .where('id', '=', row.warning_id)
    .executeTakeFirstOrThrow();
  return (JSON.parse(warning.petition_ids_json) as string[]).filter((id) => ids.has(id));
}

/** Source files of the server (not tests) that name a notification kind. */
function serverFilesNaming(kind: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        if (new RegExp(`\\b${kind}\\b`).test(fs.readFileSync(full, 'utf8'))) found.push(full);
      }
    }
  };
  walk('server');
  return found;
}

describe('every notification kind, driven by its real step', () => {
  it.each(NOTIFICATION_KINDS.map((kind) => [kind, EMITTED_BY[kind]] as const))(
    '%s (%s): told to others, never to X',
    async (kind, step) => {
      const rows = await notificationsOf(kind);
      if (step === null) {
        // Emitted by nothing yet: the day a step emits it, it needs a row in EMITTED_BY above.
        expect(serverFilesNaming(kind)).toEqual([]);
        expect(rows).toEqual([]);
        return;
      }
      if (CASELESS.includes(kind)) {
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows.filter((r) => r.user_id === X.id)) expect(mentions(row.data_json)).toEqual([]);
        return;
      }
      // The step was driven: somebody was told about a hidden case ...
      const about = [];
      for (const row of rows) if ((await hiddenBehind(row)).length > 0) about.push(row);
      expect(about.length, `nobody was told ${kind} about a hidden case`).toBeGreaterThan(0);
      // ... and X never.
      expect(about.filter((r) => r.user_id === X.id)).toEqual([]);
      expect(rows.filter((r) => r.user_id === X.id && mentions(r.data_json).length > 0)).toEqual([]);
    },
  );

  it('finding 2: the deadline sweep tells the chief of the mine, never the chief named in the case', async () => {
    for (const kind of ['deadline_due_soon', 'deadline_overdue'] as const) {
      const rows = await notificationsOf(kind);
      const a4 = rows.filter((r) => r.petition_id === hidden['A4']!.id).map((r) => r.user_id);
      expect(a4).toContain(T.id);
      expect(a4).not.toContain(X.id);
    }
  });

  it('finding 3: the cadre-named-often warning is told to the leaders, never to the cadre it names', async () => {
    const warning = await ctx.deps.db
      .selectFrom('warning')
      .select(['id', 'level', 'subject_user_ids_json'])
      .where('kind', '=', 'named_cadre')
      // The warning about X's account; the one about the unresolved name 张志强 (B, A6) is another row,
      // and PostgreSQL returns rows in no fixed order (an updated row moves to the end of the heap).
      .where('dedupe_key', 'like', `cadre:${X.id}:%`)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(warning.subject_user_ids_json)).toEqual([X.id]);
    const told = await ctx.deps.db
      .selectFrom('notification')
      .select(['user_id', 'kind'])
      .where('warning_id', '=', warning.id)
      .execute();
    expect(told.filter((t) => t.user_id === T.id).map((t) => t.kind)).toEqual(
      expect.arrayContaining(['warning_raised', 'warning_level_up']),
    );
    expect(told.filter((t) => t.user_id === X.id)).toEqual([]);
  });

  it('queues nothing about them for X to his phone or mailbox, while his twin gets them', async () => {
    const rows = await ctx.deps.db
      .selectFrom('outbox_message')
      .select(['user_id', 'channel', 'body_enc', 'notification_id'])
      .execute();
    const about = (user: Actor) =>
      rows.filter((r) => r.user_id === user.id && mentions(deps.cipher.decrypt(r.body_enc)).length > 0);
    expect(about(X)).toEqual([]);
    // The twin hears of them: by a message naming one, or in the deadline digest sent out in place
    // of the sweep's many (it counts them; X's counts only the cases he may see).
    const digested = async (user: Actor) => {
      const sent = new Set(rows.filter((r) => r.user_id === user.id).map((r) => r.notification_id));
      const digests = await ctx.deps.db
        .selectFrom('notification')
        .select(['id', 'data_json'])
        .where('user_id', '=', user.id)
        .where('kind', '=', 'deadline_digest')
        .execute();
      return digests
        .filter((d) => sent.has(d.id))
        .map((d) => JSON.parse(d.data_json) as { overdue: number; dueSoon: number })
        .reduce((sum, d) => sum + d.overdue + d.dueSoon, 0);
    };
    const hiddenSweptForTwin = await ctx.deps.db
      .selectFrom('notification')
      .select('petition_id')
      .where('user_id', '=', T.id)
      .where('kind', 'in', ['deadline_due_soon', 'deadline_overdue'])
      .where('read_at', 'is not', null)
      .execute();
    const hiddenIds = new Set(Object.values(hidden).map((h) => h.id));
    const hiddenCount = hiddenSweptForTwin.filter((n) => n.petition_id !== null && hiddenIds.has(n.petition_id)).length;
    expect(about(T).length + hiddenCount).toBeGreaterThan(0);
    expect((await digested(T)) - (await digested(X))).toBe(hiddenCount);
  });
});

// ---------------------------------------------------------------------------------------------
// Every route

type Session = { name: string; headers: Record<string, string> };

async function sessionOf(username: string): Promise<Session> {
  const client = await loginAs(app, username);
  return { name: username, headers: { cookie: `${SESSION_COOKIE}=${client.cookie}`, [CSRF_HEADER]: client.csrfToken } };
}

/** An id nothing has, to compare a hidden record's answer with. */
const NOWHERE = 'T999999';

/** Values of URL parameters by name: whatever may point at a hidden case, and one of nothing. */
function paramPools(): Record<string, string[]> {
  const cases = hiddenCases().map((h) => h.id);
  return {
    id: [...cases, ...extraIds.documents, ...extraIds.warnings, ...Object.values(visible), org.units.mineA.id, NOWHERE],
    attachmentId: [...extraIds.attachments, NOWHERE],
    petitionerId: [...extraIds.petitioners, NOWHERE],
    // A partner on a hidden case (invitations, identity grants) and a mediation obligation.
    userId: [org.users['partner@deptHr']!.id, NOWHERE],
    obligationId: [NOWHERE],
    year: ['2026'],
    kind: [...DOCUMENT_KINDS],
    code: ['XF', NOWHERE],
    key: [...SETTING_KEYS],
    measureId: [NOWHERE],
    stepId: ['password', 'nowhere'],
    // A consultation's file and comment (consultations name no case).
    fileId: [NOWHERE],
    commentId: [NOWHERE],
    '*': ['index.html'],
  };
}

/** Ids that must answer exactly as `NOWHERE` does (their existence is not X's to learn). */
function hiddenRecordIds(): Set<string> {
  return new Set([
    ...hiddenCases().map((h) => h.id),
    ...extraIds.documents,
    ...extraIds.attachments,
    ...extraIds.petitioners,
    ...extraIds.warnings,
  ]);
}

/** Query values by key name; other keys are filled from their schema (enums, dates, numbers). */
function queryHints(): Record<string, string[]> {
  const a1 = hidden['A1']!;
  return {
    q: [a1.title, a1.petitioner, a1.caseNumber, '张志强', '补贴'],
    caseNumber: hiddenCases().map((h) => h.caseNumber),
    unitId: [org.units.mineA.id, org.units.root.id, org.units.teamA1.id],
    ownerId: [teamChief.id, T.id],
    actorId: [org.users['officer@mineA']!.id],
    idNumber: [ACCUSER.idNumber],
    action: ['petition.accept', 'petition.register'],
    entityType: ['petition', 'petitioner'],
    entityId: [a1.id],
    phone: [ACCUSER.phone],
    categoryCode: ['01'],
    name: ['张志强'],
    position: ['矿长'],
    text: [a1.body],
    // The daily reports' morning view: the day of the chase.
    date: ['2026-03-20'],
    schemeId: [appraisalSchemeId],
    // 奖惩与问责: X's own records, his twin's (refused), nobody's.
    userId: [X.id, T.id, NOWHERE],
    campaignId: [NOWHERE],
    weekStart: ['2026-03-16', '2026-03-23'],
    // A case id where a shift id belongs: answered 404, naming nothing.
    shiftId: [a1.id],
    // 法规政策库: the articles in force on a day; a case id where article version ids belong.
    on: ['2026-03-18'],
    ids: [a1.id],
  };
}

function queryValues(key: string, schema: JsonSchema): string[] {
  const hinted = queryHints()[key];
  if (hinted !== undefined) return hinted;
  const options = schema.anyOf ?? schema.oneOf ?? [schema];
  const enums = options.flatMap((o) => o.enum ?? o.items?.enum ?? []).map(String);
  if (enums.length > 0) return [...new Set(enums)];
  if (key.endsWith('From') || key === 'from') return ['2026-01-01'];
  if (key.endsWith('To') || key === 'to') return ['2026-12-31'];
  if (options.some((o) => o.format === 'date')) return ['2026-03-18'];
  const type = typeOf(options.find((o) => typeOf(o) !== 'null') ?? schema);
  if (type === 'integer' || type === 'number') return [String(schema.maximum ?? schema.minimum ?? 1)];
  if (type === 'boolean') return ['true'];
  throw new Error(`no value for the query key "${key}": add it to queryHints() in recipient-rule.test.ts`);
}

/** The queries to send a route: none, and each key alone with each of its values. */
function queriesOf(route: AppRoute): Record<string, string>[] {
  const schema = schemasOf(route).querystring;
  const out: Record<string, string>[] = [{}];
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    for (const value of queryValues(key, property)) out.push({ [key]: value });
  }
  return out;
}

function paramSets(route: AppRoute): Record<string, string>[] {
  const pools = paramPools();
  const names = urlParams(route.url);
  for (const name of names) {
    if (pools[name] === undefined)
      throw new Error(`no values for :${name} of ${route.url}: add them to paramPools() in recipient-rule.test.ts`);
  }
  return combinations(Object.fromEntries(names.map((n) => [n, pools[n] ?? []])));
}

/** The text of a response: zipped formats (.xlsx, .docx) unpacked, so their cells and runs are read. */
async function textOf(response: LightMyRequestResponse): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  if (/spreadsheetml|wordprocessingml|zip/.test(type)) {
    const zip = await JSZip.loadAsync(response.rawPayload);
    const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
    return parts.join('\n');
  }
  return response.body;
}

function hintFor(name: string, schema: JsonSchema): unknown {
  const a1 = hidden['A1']!;
  const hints: Record<string, unknown> = {
    handlingUnitId: org.units.teamA1.id,
    unitId: org.units.mineA.id,
    parentId: org.units.mineA.id,
    ownerId: T.id,
    handlerId: org.users['handler@teamA1']!.id,
    repeatOfId: a1.id,
    relatedPetitionId: a1.id,
    caseNumber: a1.caseNumber,
    code: 'AAAA-BBBB-CCCC-DDDD',
    idNumber: '11010519491231002X',
    phone: '13800000000',
    mobile: '13800000000',
    email: 'x@example.com',
    // The text of an accusation typed again (repeat look-up, category suggestion, registration).
    body: a1.body,
    title: '同一事项再次反映',
    username: 'someone.else',
    password: 'not-the-password-1',
  };
  if (name in hints && typeOf(schema) !== 'object' && typeOf(schema) !== 'array') return hints[name];
  return undefined;
}

const MULTIPART: Record<string, () => { payload: Buffer; contentType: string }> = {
  'POST /api/petitions/:id/attachments': () =>
    multipartBody([], [{ name: 'file', fileName: 'a.png', contentType: 'image/png', data: PNG_BYTES }]),
  'POST /api/ledger/imports': () =>
    multipartBody([], [{ name: 'file', fileName: 'a.csv', contentType: 'text/csv', data: Buffer.from('标题\n甲\n') }]),
  'POST /api/portal/petitions': () =>
    multipartBody(
      [{ name: 'petition', value: JSON.stringify({ anonymous: true, matter: 'appeal', body: '内容内容内容' }) }],
      [],
    ),
};

/** The JSON body a route is sent: a plausible valid one, so the request reaches the service. */
function bodyFor(route: AppRoute): unknown {
  const schema = schemasOf(route).body;
  return schema === null ? undefined : sampleOf(schema, hintFor);
}

let portalAddress = 0;

async function send(session: Session, route: AppRoute, params: Record<string, string>, query = {}) {
  const url = fillUrl(route.url, params);
  // The portal counts wrong codes per case number and address: each request from its own address,
  // so a lock-out by earlier requests does not stand in for the answer compared.
  const remoteAddress = route.url.startsWith('/api/portal/')
    ? `198.51.100.${(portalAddress++ % 250) + 1}`
    : '127.0.0.1';
  const multipart = MULTIPART[`${route.method} ${route.url}`];
  const body = multipart === undefined ? bodyFor(route) : undefined;
  return app.inject({
    method: route.method as 'GET',
    url,
    query,
    remoteAddress,
    headers: {
      ...session.headers,
      ...(multipart === undefined ? {} : { 'content-type': multipart().contentType }),
    },
    ...(multipart !== undefined
      ? { payload: multipart().payload }
      : body === undefined
        ? {}
        : { payload: body as Record<string, unknown> }),
  });
}

type Finding = { request: string; status: number; mentions: string[] };

/** Status and error code: what tells a client whether something exists. */
function answerOf(response: LightMyRequestResponse): string {
  const code = /"code":"([A-Z_]+)"/.exec(response.body)?.[1] ?? '';
  return `${response.statusCode} ${code}`;
}

/** Every GET route with every parameter and query: what it answers that mentions a hidden case. */
async function readEverything(session: Session): Promise<{ findings: Finding[]; oracles: string[]; sent: number }> {
  const findings: Finding[] = [];
  const oracles: string[] = [];
  const secret = hiddenRecordIds();
  let sent = 0;
  for (const route of routesOf(app).filter((r) => r.method === 'GET')) {
    for (const params of paramSets(route)) {
      const queries = Object.values(params).some((v) => secret.has(v)) ? [{}] : queriesOf(route);
      for (const query of queries) {
        const response = await send(session, route, params, query);
        sent += 1;
        const request = `GET ${fillUrl(route.url, params)}?${new URLSearchParams(query).toString()}`;
        const found = mentions(await textOf(response), decodeURIComponent(request));
        if (found.length > 0) findings.push({ request, status: response.statusCode, mentions: found });
        if (Object.values(params).some((v) => secret.has(v))) {
          const nowhere = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, secret.has(v) ? NOWHERE : v]));
          const other = answerOf(await send(session, route, nowhere, query));
          if (other !== answerOf(response)) oracles.push(`${request}: ${answerOf(response)} vs ${other}`);
        }
      }
    }
  }
  return { findings, oracles, sent };
}

describe('every route the app has', () => {
  let xSession: Session;
  let twin: Session;
  beforeAll(async () => {
    xSession = await sessionOf('dongshan.chief');
    twin = await sessionOf('dongshan.twin');
  });

  it('shows X nothing of the cases naming him on any GET route, with every parameter and query key filled', async () => {
    const { findings, oracles, sent } = await readEverything(xSession);
    expect(findings).toEqual([]);
    // A hidden case, its documents, attachments and petitioners answer exactly as an id nothing has.
    expect(oracles).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    // Every GET route × every id: it grows with the app and shares the machine with other test files.
  }, 120_000);

  it('the same requests show the twin the cases (the check can fail)', async () => {
    const { findings } = await readEverything(twin);
    const routes = new Set(findings.map((f) => f.request.split('?')[0]!.replace(/T\d{6}/g, ':id')));
    for (const expected of [
      'GET /api/petitions',
      'GET /api/petitions/:id',
      'GET /api/notifications',
      'GET /api/petitioners/lookup',
      'GET /api/ledger/export',
      'GET /api/petitions/:id/documents',
      'GET /api/documents/:id',
      'GET /api/documents/:id/docx',
    ]) {
      expect([...routes], expected).toContain(expected);
    }
    // The cadre warning escalated to the group a day after it was raised: the group's chief reads its cases.
    const group = await sessionOf('chief.root');
    const warnings = await Promise.all(
      extraIds.warnings.map((id) => app.inject({ method: 'GET', url: `/api/warnings/${id}`, headers: group.headers })),
    );
    expect(warnings.some((w) => w.statusCode === 200 && mentions(w.body).length > 0)).toBe(true);
  });

  it('counts none of them in X’s figures: the dashboard and the digest differ from the twin’s by exactly them', async () => {
    const period = 'from=2026-01-01&to=2026-12-31';
    const figures = async (s: Session) =>
      (await app.inject({ method: 'GET', url: `/api/dashboard?${period}`, headers: s.headers })).json<{
        totals: { petitions: { value: number } };
      }>().totals.petitions.value;
    // A7 and P were registered at the group, outside the mine the twin leads: he does not count them either.
    const inTwinsMine = Object.keys(hidden).filter((key) => key !== 'A7' && key !== 'P');
    expect((await figures(twin)) - (await figures(xSession))).toBe(inTwinsMine.length);
    const digest = async (user: Actor) =>
      JSON.parse(
        (
          await ctx.deps.db
            .selectFrom('notification')
            .select('data_json')
            .where('kind', '=', 'daily_digest')
            .where('user_id', '=', user.id)
            .executeTakeFirstOrThrow()
        ).data_json,
      ) as { overdue: number };
    // Overdue open cases on the digest's day: every hidden case but the replied ones (A1, C) and A2
    // (its own 交办 report date not yet due) is one the twin counts and X does not.
    expect((await digest(T)).overdue).toBeGreaterThan((await digest(X)).overdue);
  });

  it('refuses X every write on them exactly as on a case that does not exist, and tells him nothing', async () => {
    const secret = hiddenRecordIds();
    const findings: Finding[] = [];
    const oracles: string[] = [];
    const writes = routesOf(app).filter(
      (r) => r.method !== 'GET' && !(r.method === 'DELETE' && r.url === '/api/session'),
    );
    for (const route of writes) {
      for (const params of paramSets(route)) {
        const secretParam = Object.values(params).find((v) => secret.has(v));
        if (urlParams(route.url).length > 0 && secretParam === undefined) continue;
        const response = await send(xSession, route, params);
        const request = `${route.method} ${fillUrl(route.url, params)}`;
        const found = mentions(await textOf(response), `${request} ${JSON.stringify(bodyFor(route) ?? null)}`);
        if (found.length > 0) findings.push({ request, status: response.statusCode, mentions: found });
        if (secretParam !== undefined) {
          const nowhere = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, secret.has(v) ? NOWHERE : v]));
          const other = answerOf(await send(xSession, route, nowhere));
          if (response.statusCode < 400 || other !== answerOf(response))
            oracles.push(`${request}: ${answerOf(response)} vs ${other} for an id nothing has`);
        }
      }
    }
    expect(findings).toEqual([]);
    expect(oracles).toEqual([]);
    // Every write route × every hidden id, twice: it grows with the app (PostgreSQL needs the room).
  }, 120_000);
});
