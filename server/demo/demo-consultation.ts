/**
 * The demo's consultations and publicity (issue #17): 东山煤矿 asked its longwall teams about the
 * night-shift allowance a month ago, answered each comment and published the summary; a draft on the
 * safety-bonus rules is open now; a handful of publicity activities of the last weeks. All through the
 * consultation and publicity use cases, each at the time it happened (a fixed clock), never by
 * inserting rows. The workers' comments go through the portal's use case; the demo is not a browser,
 * so it solves no proof of work (the use case takes the spend as its argument).
 */
import { addCalendarDays, localDateOf } from '../../common/domain/calendar.ts';
import * as consultation from '../modules/consultation/index.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';
import * as publicity from '../modules/publicity/index.ts';
import { fixedClock } from '../platform/clock.ts';
import { activeUnitCodes } from '../modules/unit/index.ts';
import { demoActor, demoUnits } from './demo-people.ts';

const DAY = 86_400_000;
const noProofOfWork = async (): Promise<void> => undefined;

/** @returns how many drafts, comments and publicity activities were created */
export async function seedDemoConsultation(
  deps: PetitionDeps,
  now: Date,
): Promise<{ consultations: number; comments: number; activities: number }> {
  const officer = await demoActor(deps.db, 'dongshan.officer');
  const groupOfficer = await demoActor(deps.db, 'officer');
  const units = await demoUnits(deps.db);
  const codes = new Map((await activeUnitCodes(deps.db)).map((u) => [u.id, u.code]));
  const mine = units.find((u) => u.name === '东山煤矿');
  const teamsOf = (names: string[]) =>
    units.filter((u) => mine !== undefined && u.parent_id === mine.id && names.includes(u.name));
  const teams = teamsOf(['综采一队', '综采二队']);
  const others = teamsOf(['掘进一队', '机电队', '运输队']);
  const [t1, t2] = teams;
  if (mine === undefined || t1 === undefined || t2 === undefined)
    return { consultations: 0, comments: 0, activities: 0 };
  const when = (daysAgo: number) => ({ ...deps, clock: fixedClock(new Date(now.getTime() - daysAgo * DAY)) });
  const day = (daysAgo: number) => localDateOf(new Date(now.getTime() - daysAgo * DAY).toISOString());

  // Decided: the night-shift allowance, asked 30 days ago, deadline 16 days ago, decided 10 days ago.
  const allowance = await consultation.publishConsultation(when(30), officer, {
    title: '关于调整井下夜班津贴标准的决定（征求意见稿）',
    body: '为体现多劳多得，拟将综采队井下夜班津贴由每班30元调整为每班45元，自下月起执行。请综采一队、综采二队职工在截止日前提出意见。',
    unitIds: teams.map((u) => u.id),
    deadline: day(16),
  });
  const said = [
    {
      unit: t1,
      phone: '13900001001',
      name: '杨宝山',
      body: '夜班津贴应按实际下井时间计算，不能按排班表计算，排班经常临时调整。',
    },
    { unit: t1, phone: '13900001002', body: '建议津贴标准提高到每班50元，夜班劳动强度大。' },
    { unit: t2, phone: '13900001003', body: '建议取消夜班津贴，改为年底统一发放奖金。' },
    { unit: t2, phone: '13900001004', name: '李国强', body: '夜班津贴应当按照下井时间计算，升井晚的要补足。' },
  ];
  for (const [i, c] of said.entries()) {
    await consultation.commentFromPortal(
      when(28 - i),
      allowance.id,
      {
        phone: c.phone,
        anonymous: c.name === undefined,
        ...(c.name === undefined ? {} : { name: c.name }),
        unitCode: codes.get(c.unit.id) ?? '',
        body: c.body,
        challenge: 'demo',
        nonce: 'demo',
      },
      noProofOfWork,
    );
  }
  const answers = [
    { answer: 'adopted', reason: '采纳。以人员定位系统记录的下井、升井时间为准计算夜班。' },
    { answer: 'partly', reason: '部分采纳。本次调整为每班45元，明年结合效益再评估。' },
    { answer: 'not_adopted', reason: '不予采纳。夜班津贴是对夜间作业的补偿，应按班发放，不宜并入年终奖。' },
    { answer: 'adopted', reason: '采纳，与第一条意见一并执行。' },
  ] as const;
  const draft = await consultation.getConsultation(when(12), officer, allowance.id);
  for (const [i, comment] of draft.comments.entries()) {
    const a = answers[i];
    if (a !== undefined) await consultation.answerComment(when(12), officer, allowance.id, comment.id, a);
  }
  await consultation.decideConsultation(when(10), officer, allowance.id, {
    decision: '自本月起，综采队井下夜班津贴调整为每班45元，按人员定位系统记录的实际下井时间计算。',
  });

  // Open: the safety bonus, asked 3 days ago, deadline in 10 days.
  const bonus = await consultation.publishConsultation(when(3), officer, {
    title: '东山煤矿安全生产奖考核办法（修订征求意见稿）',
    body: '拟将区队安全生产奖与“三违”次数挂钩：月内每发生一次“三违”扣减区队安全奖5%，全月无“三违”奖励10%。请各区队职工提出意见。',
    unitIds: [...teams, ...others].map((u) => u.id),
    deadline: addCalendarDays(day(0), 10),
  });
  await consultation.commentFromPortal(
    when(2),
    bonus.id,
    {
      phone: '13900001011',
      anonymous: true,
      unitCode: codes.get(t1.id) ?? '',
      body: '扣减应落实到个人，不应全区队连带扣减。',
      challenge: 'demo',
      nonce: 'demo',
    },
    noProofOfWork,
  );

  // Publicity: the law in the teams, a typical case, a policy explained.
  const activities = [
    {
      actor: officer,
      daysAgo: 20,
      input: {
        kind: 'law_to_teams' as const,
        title: '《劳动合同法》《工资支付暂行规定》进综采一队',
        summary: '讲解工资构成、加班和夜班津贴的法定标准，以及对工资有异议时的反映渠道和时限。',
        unitIds: [t1.id],
        peopleReached: 48,
        categoryCodes: ['01'],
        published: true,
      },
    },
    {
      actor: officer,
      daysAgo: 9,
      input: {
        kind: 'typical_case' as const,
        title: '典型案例：依法申请工伤认定获得支持',
        summary: '掘进队职工受伤后通过信访部门引导申请工伤认定，60日内获得认定并享受待遇；对比缠访闹访的后果。',
        unitIds: others.map((u) => u.id),
        peopleReached: 120,
        categoryCodes: ['03'],
        published: true,
        knowledgeRef: '《工伤保险条例》第17条',
      },
    },
    {
      actor: groupOfficer,
      daysAgo: 5,
      input: {
        kind: 'policy_explained' as const,
        title: '养老保险视同缴费工龄认定政策解读',
        summary: '解读视同缴费年限的认定条件、所需材料和办理流程，答复职工集中关心的问题。',
        unitIds: [mine.id],
        peopleReached: 260,
        categoryCodes: ['02'],
        published: true,
      },
    },
    {
      actor: officer,
      daysAgo: 2,
      input: {
        kind: 'law_to_teams' as const,
        title: '《信访工作条例》进机电队：逐级反映、依法反映',
        summary: '讲解信访事项的受理、办理时限和复查复核程序，越级走访的规定。',
        unitIds: teamsOf(['机电队']).map((u) => u.id),
        peopleReached: 35,
        categoryCodes: ['12'],
        published: false,
      },
    },
  ];
  for (const a of activities)
    await publicity.recordActivity(when(a.daysAgo), a.actor, { ...a.input, heldOn: day(a.daysAgo) });
  return { consultations: 2, comments: said.length + 1, activities: activities.length };
}
