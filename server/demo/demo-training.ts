/**
 * The demo's cadre training (issue #17, 《信访工作条例》第16条): the group's two required courses with a
 * short test and a policy course without one, and 东山煤矿's own course for its frontline heads; a group
 * session two months ago (one officer absent, one handler failing the test), 东山's session a month ago,
 * 南峪's session almost a year ago whose qualification now expires within the notice days, and a session
 * at 北岭 next week. So the gaps list shows people lacking a course and one expiring. Everything goes
 * through the training use cases, each at the time it happened (a fixed clock), never by inserting rows.
 */
import type { CourseInput } from '../../common/schemas/training.ts';
import * as training from '../modules/training/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { fixedClock } from '../platform/clock.ts';
import { findUnitById } from '../modules/unit/index.ts';
import { demoActor } from './demo-people.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `days` before `now` at 09:00 China time (negative: in the future). */
function dayAt(now: Date, days: number): Date {
  const local = new Date(now.getTime() + 8 * HOUR - days * DAY);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 1));
}

function localDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}

export const DEMO_REGULATION_COURSE: CourseInput = {
  title: '《信访工作条例》（2022）解读',
  requiredFor: ['officer', 'handler'],
  hours: 8,
  validityMonths: 24,
  test: {
    passMark: 60,
    questions: [
      {
        text: '信访事项应当自受理之日起多少日内办结？',
        choices: ['30日', '60日', '90日'],
        answer: 1,
      },
      {
        text: '有权处理的机关、单位应当在收到信访事项之日起多少日内告知信访人是否受理？',
        choices: ['7日', '15日', '30日'],
        answer: 1,
      },
      {
        text: '多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不超过多少人？',
        choices: ['3人', '5人', '10人'],
        answer: 1,
      },
      {
        text: '信访人对处理意见不服的，可以自收到书面答复之日起多少日内请求复查？',
        choices: ['15日', '30日', '60日'],
        answer: 1,
      },
      {
        text: '检举控告类信访事项，应当对检举人的哪些信息严格保密？',
        choices: ['姓名（名称）、工作单位和住址等', '仅姓名', '无需保密'],
        answer: 0,
      },
    ],
  },
};

const RECEPTION_COURSE: CourseInput = {
  title: '信访接待与群众工作方法',
  requiredFor: ['officer', 'unit_head'],
  hours: 4,
  validityMonths: 12,
  test: {
    passMark: 60,
    questions: [
      { text: '职工来访时，首先应当做什么？', choices: ['登记并出具回执', '先劝其回去', '直接转给领导'], answer: 0 },
      {
        text: '集体访现场，接待人员应当怎样做？',
        choices: ['请其推选代表说明诉求', '拒绝接待', '要求全部人员登记'],
        answer: 0,
      },
      { text: '答复信访人时应当注意什么？', choices: ['依法依规、讲清依据', '口头答复即可', '尽量拖延'], answer: 0 },
    ],
  },
};

const POLICY_COURSE: CourseInput = {
  title: '工伤保险与社会保险政策',
  requiredFor: ['handler'],
  hours: 4,
  validityMonths: null,
  test: null,
};

const SCREENING_COURSE: CourseInput = {
  title: '日报告与矛盾隐患排查实务',
  requiredFor: ['unit_head'],
  hours: 2,
  validityMonths: 12,
  test: null,
};

/** Right answers of a course's test (the demo's attendees answer as they learnt). */
function rightAnswers(course: CourseInput): number[] {
  return course.test?.questions.map((q) => q.answer) ?? [];
}

/** @returns how many courses and sessions were created and certificates issued */
export async function seedDemoTraining(
  deps: ServiceDeps,
  now: Date,
): Promise<{ courses: number; sessions: number; certificates: number }> {
  const clock = fixedClock(dayAt(now, 400));
  const past = { ...deps, clock };
  const group = await demoActor(deps.db, 'officer');
  const dongshan = await demoActor(deps.db, 'dongshan.officer');
  const nanyu = await demoActor(deps.db, 'nanyu.officer');
  const beiling = await demoActor(deps.db, 'beiling.officer');
  const person = (username: string) => demoActor(deps.db, username);

  const regulation = await training.createCourse(past, group, DEMO_REGULATION_COURSE);
  const reception = await training.createCourse(past, group, RECEPTION_COURSE);
  await training.createCourse(past, group, POLICY_COURSE);
  const screening = await training.createCourse(past, dongshan, SCREENING_COURSE);
  let certificates = 0;

  /** A session held `days` ago: attendance, the tests as given, certificates for those eligible. */
  async function held(
    by: typeof group,
    course: { id: string },
    input: CourseInput,
    days: number,
    trainer: string,
    people: { username: string; present: boolean; answers?: number[] }[],
  ) {
    const day = dayAt(now, days);
    clock.set(day);
    const attendees = await Promise.all(people.map((p) => person(p.username)));
    const unit = await findUnitById(deps.db, by.unitId);
    const session = await training.createSession(past, by, {
      courseId: course.id,
      unitId: by.unitId,
      heldOn: localDay(day),
      trainer,
      place: `${unit?.name ?? ''}会议室`,
      attendeeIds: attendees.map((a) => a.id),
    });
    clock.set(new Date(day.getTime() + 6 * HOUR));
    await training.recordAttendance(past, by, session.id, {
      attendance: attendees.map((a, i) => ({ userId: a.id, attended: people[i]?.present ?? false })),
    });
    // Those present take the test after the session; the demo's answers are right unless given.
    for (const [i, a] of attendees.entries()) {
      const p = people[i];
      if (input.test !== null && p?.present === true) {
        await training.submitTest(past, a, session.id, { answers: p.answers ?? rightAnswers(input) });
      }
    }
    clock.set(new Date(day.getTime() + DAY));
    for (const [i, a] of attendees.entries()) {
      const p = people[i];
      if (p?.present === true && (input.test === null || p.answers === undefined)) {
        await training.issueCertificate(past, by, session.id, { userId: a.id });
        certificates += 1;
      }
    }
    return session;
  }

  // 南峪煤矿, almost a year ago: its team head's reception qualification now expires within 30 days.
  await held(nanyu, reception, RECEPTION_COURSE, 350, '吴建民', [{ username: 'nanyu.t1', present: true }]);
  // The group, two months ago: the regulation course for the offices and the handlers.
  await held(group, regulation, DEMO_REGULATION_COURSE, 60, '集团法律事务部 何志远', [
    { username: 'officer', present: true },
    { username: 'officer2', present: true },
    { username: 'hr', present: true },
    { username: 'union', present: true, answers: [0, 0, 1, 0, 2] },
    { username: 'dongshan.officer', present: true },
    { username: 'dongshan.hr', present: true },
    { username: 'nanyu.officer', present: false },
  ]);
  // 东山煤矿, a month ago: reception and screening for its heads (the 综采一队甲班 head absent).
  await held(dongshan, reception, RECEPTION_COURSE, 30, '王秀兰', [
    { username: 'dongshan.officer', present: true },
    { username: 'dongshan.t1', present: true },
    { username: 'dongshan.t3', present: true },
    { username: 'dongshan.crew', present: false },
  ]);
  await held(dongshan, screening, SCREENING_COURSE, 29, '王秀兰', [
    { username: 'dongshan.t1', present: true },
    { username: 'dongshan.t3', present: true },
  ]);

  // 北岭煤矿, next week: scheduled, its people told.
  const next = dayAt(now, -7);
  clock.set(dayAt(now, 1));
  const beilingPeople = await Promise.all(['beiling.officer', 'beiling.hr'].map(person));
  await training.createSession(past, beiling, {
    courseId: regulation.id,
    unitId: beiling.unitId,
    heldOn: localDay(next),
    trainer: '集团法律事务部 何志远',
    place: '北岭煤矿培训中心',
    attendeeIds: beilingPeople.map((p) => p.id),
  });
  return { courses: 4, sessions: 5, certificates };
}
