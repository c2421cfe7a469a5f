/**
 * 干部培训 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): a test scored by the
 * server, a certificate only for an attendee who attended and passed (refused naming the field, nothing
 * written), expiry counted from the course's months, the office's gaps list within its subtree, the
 * expiry job with a fixed clock (told once), a cadre's record and first weeks, and the three figures
 * against hand-counted rows.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { CourseInput } from '../../../common/schemas/training.ts';
import { serviceWorld } from '../../test/factories.ts';
import { changedTables, snapshotTables } from '../../test/db-snapshot.ts';
import { codeOf } from '../../test/outcome.ts';
import { updateSetting } from '../setting/index.ts';
import { figureSources } from './training-figures.ts';
import {
  completeStep,
  createCourse,
  createSession,
  getSession,
  getTest,
  issueCertificate,
  listCourses,
  listGaps,
  myRecord,
  recordAttendance,
  recordOf,
  remindExpiringQualifications,
  submitTest,
} from './training.service.ts';

const world = serviceWorld({
  people: [
    ['officer', 'mineB'],
    ['unit_head', 'teamB1'],
  ],
});
const DAY = 86_400_000;

/** Three questions, the right answers 1, 0, 2; pass mark 60 (two of three right make 67). */
const REGULATION: CourseInput = {
  title: '《信访工作条例》解读',
  requiredFor: ['officer', 'unit_head'],
  hours: 4,
  validityMonths: 12,
  test: {
    passMark: 60,
    questions: [
      { text: '办结期限一般为多少日？', choices: ['30日', '60日', '90日'], answer: 1 },
      { text: '受理告知期限为多少日？', choices: ['15日', '30日'], answer: 0 },
      { text: '复查申请期限为多少日？', choices: ['15日', '20日', '30日'], answer: 2 },
    ],
  },
};

const today = () => world.ctx.clock.now().toISOString().slice(0, 10);

async function fieldOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') return `not refused: ${String(error)}`;
  const details = error.details as { issues: { path: (string | number)[] }[] };
  return details.issues.map((i) => i.path.join('.')).join(',');
}

/** The mine A office's regulation course and a session today at mine A with the team's head and crew head. */
async function heldSession(input: CourseInput = REGULATION) {
  const office = world.user('officer@mineA');
  const course = await createCourse(world.deps, office, input);
  const session = await createSession(world.deps, office, {
    courseId: course.id,
    unitId: world.org.units.mineA.id,
    heldOn: today(),
    trainer: '王建华',
    attendeeIds: [world.user('unit_head@teamA1').id, world.user('unit_head@crewA1').id],
  });
  return { office, course, session };
}

async function notices(kind: string, userId: string) {
  return world.ctx.deps.db
    .selectFrom('notification')
    .select(['dedupe_key', 'data_json'])
    .where('kind', '=', kind)
    .where('user_id', '=', userId)
    .execute();
}

describe('createCourse and createSession', () => {
  it('keeps a course for the office and tells each attendee of the session', async () => {
    const { course, session } = await heldSession();
    expect(course.test?.questions.map((q) => q.answer)).toEqual([1, 0, 2]);
    expect(session.attendees.map((a) => a.attended)).toEqual([null, null]);
    const told = await notices('training_session_scheduled', world.user('unit_head@teamA1').id);
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!.data_json)).toMatchObject({ title: REGULATION.title, date: today() });
  });

  it('shows the right answers only to those who keep the course', async () => {
    await heldSession();
    const keeper = await listCourses(world.deps, world.user('officer@mineA'));
    const group = await listCourses(world.deps, world.user('auditor@root'));
    expect(keeper.items[0]?.test?.questions[0]?.answer).toBe(1);
    expect(group.items[0]?.test?.questions[0]?.answer).toBeNull();
  });

  it('refuses a course from a frontline head, who does not keep courses', async () => {
    expect(await codeOf(createCourse(world.deps, world.user('unit_head@teamA1'), REGULATION))).toBe('FORBIDDEN');
  });

  it('refuses, naming the field and writing nothing: an attendee outside the unit, another mine’s course, a unit outside the scope', async () => {
    const office = world.user('officer@mineA');
    const course = await createCourse(world.deps, office, REGULATION);
    const other = await createCourse(world.deps, world.user('officer@mineB'), REGULATION);
    const base = {
      courseId: course.id,
      unitId: world.org.units.teamA1.id,
      heldOn: today(),
      trainer: '王建华',
      attendeeIds: [world.user('unit_head@teamA1').id],
    };
    const before = await snapshotTables(world.ctx.database);
    expect(
      await fieldOf(
        createSession(world.deps, office, {
          ...base,
          attendeeIds: [world.user('unit_head@teamA1').id, world.user('unit_head@teamB1').id],
        }),
      ),
    ).toBe('attendeeIds.1');
    // A handler of the group's department is not under the team either; the administrator takes no training.
    expect(
      await fieldOf(createSession(world.deps, office, { ...base, attendeeIds: [world.user('admin@mineA').id] })),
    ).toBe('attendeeIds.0');
    expect(await fieldOf(createSession(world.deps, office, { ...base, courseId: other.id }))).toBe('courseId');
    expect(await fieldOf(createSession(world.deps, office, { ...base, unitId: world.org.units.mineB.id }))).toBe(
      'unitId',
    );
    expect(changedTables(before, await snapshotTables(world.ctx.database))).toEqual([]);
  });
});

describe('submitTest', () => {
  it('scores the answers on the server: two of three right make 67, a pass at 60', async () => {
    const { session } = await heldSession();
    const head = world.user('unit_head@teamA1');
    const test = await getTest(world.deps, head, session.id);
    expect(test.questions[0]).toEqual({ text: '办结期限一般为多少日？', choices: ['30日', '60日', '90日'] });
    expect(test.questions[0]).not.toHaveProperty('answer');
    const failed = await submitTest(world.deps, head, session.id, { answers: [0, 1, 0] });
    expect(failed).toMatchObject({ correct: 0, total: 3, score: 0, passed: false });
    const passed = await submitTest(world.deps, head, session.id, { answers: [1, 0, 0] });
    expect(passed).toMatchObject({ correct: 2, score: 67, passed: true, passMark: 60 });
    const row = await world.ctx.deps.db
      .selectFrom('training_attendee')
      .select(['score', 'passed'])
      .where('session_id', '=', session.id)
      .where('user_id', '=', head.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ score: 67, passed: 1 });
  });

  it('refuses, naming the field: the wrong number of answers, an answer beyond the choices, a second try after a pass', async () => {
    const { session } = await heldSession();
    const head = world.user('unit_head@teamA1');
    expect(await fieldOf(submitTest(world.deps, head, session.id, { answers: [1, 0] }))).toBe('answers');
    expect(await fieldOf(submitTest(world.deps, head, session.id, { answers: [1, 2, 2] }))).toBe('answers.1');
    await submitTest(world.deps, head, session.id, { answers: [1, 0, 2] });
    expect(await fieldOf(submitTest(world.deps, head, session.id, { answers: [1, 0, 2] }))).toBe('answers');
  });

  it('is not found for someone not on the session, and refused before the session’s day', async () => {
    const office = world.user('officer@mineA');
    const { session } = await heldSession();
    expect(await codeOf(getTest(world.deps, world.user('handler@teamA1'), session.id))).toBe('NOT_FOUND');
    const later = await createSession(world.deps, office, {
      courseId: session.course.id,
      unitId: world.org.units.mineA.id,
      heldOn: new Date(world.ctx.clock.now().getTime() + 7 * DAY).toISOString().slice(0, 10),
      trainer: '王建华',
      attendeeIds: [world.user('unit_head@teamA1').id],
    });
    expect(
      await fieldOf(submitTest(world.deps, world.user('unit_head@teamA1'), later.id, { answers: [1, 0, 2] })),
    ).toBe('answers');
  });
});

describe('issueCertificate', () => {
  it('issues only to an attendee who attended and passed, refusing the others by the field userId', async () => {
    const { office, session } = await heldSession();
    const head = world.user('unit_head@teamA1');
    const crew = world.user('unit_head@crewA1');
    const stranger = world.user('unit_head@teamB1');
    const refused = async (user: Actor) =>
      fieldOf(issueCertificate(world.deps, office, session.id, { userId: user.id }));
    const before = await snapshotTables(world.ctx.database);
    expect(await refused(stranger)).toBe('userId'); // not on the session
    expect(await refused(head)).toBe('userId'); // attendance not recorded
    expect(changedTables(before, await snapshotTables(world.ctx.database))).toEqual([]);
    await recordAttendance(world.deps, office, session.id, {
      attendance: [
        { userId: head.id, attended: true },
        { userId: crew.id, attended: false },
      ],
    });
    expect(await refused(head)).toBe('userId'); // present, test not passed
    await submitTest(world.deps, crew, session.id, { answers: [1, 0, 2] });
    expect(await refused(crew)).toBe('userId'); // passed, but absent
    await submitTest(world.deps, head, session.id, { answers: [1, 0, 2] });
    const view = await issueCertificate(world.deps, office, session.id, { userId: head.id });
    // 12 months from 2026-03-02: valid through 2027-03-01.
    expect(view.attendees.find((a) => a.userId === head.id)?.certificate).toMatchObject({
      issuedOn: '2026-03-02',
      expiresOn: '2027-03-01',
    });
    expect(await refused(head)).toBe('userId'); // already issued
    // The certificate rests on his attendance: he cannot be marked absent now.
    expect(
      await fieldOf(
        recordAttendance(world.deps, office, session.id, { attendance: [{ userId: head.id, attended: false }] }),
      ),
    ).toBe('attendance.0.attended');
    expect(
      await fieldOf(
        recordAttendance(world.deps, office, session.id, { attendance: [{ userId: stranger.id, attended: true }] }),
      ),
    ).toBe('attendance.0.userId');
  });

  it('is the office’s of the session: another mine’s office is not found, a head is refused', async () => {
    const { session } = await heldSession();
    const userId = world.user('unit_head@teamA1').id;
    expect(await codeOf(issueCertificate(world.deps, world.user('officer@mineB'), session.id, { userId }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(getSession(world.deps, world.user('unit_head@teamA1'), session.id))).toBe('NOT_FOUND');
  });

  it('issues on attendance alone for a course without a test', async () => {
    const { office, session } = await heldSession({
      ...REGULATION,
      title: '接访礼仪',
      test: null,
      validityMonths: null,
    });
    const head = world.user('unit_head@teamA1');
    await recordAttendance(world.deps, office, session.id, { attendance: [{ userId: head.id, attended: true }] });
    const view = await issueCertificate(world.deps, office, session.id, { userId: head.id });
    expect(view.attendees.find((a) => a.userId === head.id)?.certificate?.expiresOn).toBeNull();
  });
});

/** The team head certified on the regulation course today (valid through 2027-03-01). */
async function certifiedHead() {
  const { office, session, course } = await heldSession();
  const head = world.user('unit_head@teamA1');
  await recordAttendance(world.deps, office, session.id, { attendance: [{ userId: head.id, attended: true }] });
  await submitTest(world.deps, head, session.id, { answers: [1, 0, 2] });
  await issueCertificate(world.deps, office, session.id, { userId: head.id });
  return { office, head, course, session };
}

describe('listGaps', () => {
  it('lists the cadres of the office’s subtree who lack the course, and no longer the one certified', async () => {
    const { office, head } = await certifiedHead();
    const gaps = await listGaps(world.deps, office, {});
    const who = gaps.items.map((g) => `${g.name}:${g.state}`).sort();
    // Bound: officers and frontline heads of mine A's subtree (the course is mine A's): not mine B's.
    expect(who).toEqual(['officer.minea:missing', 'unit-head.crewa1:missing']);
    expect(gaps.items.some((g) => g.userId === head.id)).toBe(false);
  });

  it('narrows to a unit of the scope and refuses one outside it by the field unitId', async () => {
    const office = world.user('officer@mineA');
    await createCourse(world.deps, office, REGULATION);
    const crew = await listGaps(world.deps, office, { unitId: world.org.units.crewA1.id });
    expect(crew.items.map((g) => g.name)).toEqual(['unit-head.crewa1']);
    expect(await fieldOf(listGaps(world.deps, office, { unitId: world.org.units.mineB.id }))).toBe('unitId');
    expect(await codeOf(listGaps(world.deps, world.user('unit_head@teamA1'), {}))).toBe('FORBIDDEN');
  });

  it('shows a qualification as expiring within the notice days, then expired after its last day', async () => {
    const { office, head } = await certifiedHead();
    const stateOf = async () =>
      (await listGaps(world.deps, office, {})).items.find((g) => g.userId === head.id)?.state ?? 'current';
    world.ctx.clock.set('2027-01-29T01:00:00.000Z'); // 31 days before 2027-03-01 (notice: 30 by default)
    expect(await stateOf()).toBe('current');
    world.ctx.clock.set('2027-01-30T01:00:00.000Z'); // 30 days before
    expect(await stateOf()).toBe('expiring');
    world.ctx.clock.set('2027-03-01T15:00:00.000Z'); // 23:00 in China on the last day
    expect(await stateOf()).toBe('expiring');
    world.ctx.clock.set('2027-03-01T16:00:00.000Z'); // 00:00 on 2027-03-02
    expect(await stateOf()).toBe('expired');
  });
});

describe('remindExpiringQualifications', () => {
  it('tells the holder once when the expiry comes within the notice days, not before, not twice', async () => {
    const { head } = await certifiedHead();
    await updateSetting(world.deps, world.org.admin, 'training.expiryNoticeDays', {
      unitId: world.org.units.root.id,
      value: 14,
    });
    world.ctx.clock.set('2027-02-14T01:00:00.000Z'); // 15 days before 2027-03-01
    expect(await remindExpiringQualifications(world.deps)).toBe(0);
    world.ctx.clock.set('2027-02-15T01:00:00.000Z'); // 14 days before
    expect(await remindExpiringQualifications(world.deps)).toBe(1);
    world.ctx.clock.set('2027-02-16T01:00:00.000Z');
    expect(await remindExpiringQualifications(world.deps)).toBe(0);
    const told = await notices('training_qualification_expiring', head.id);
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!.data_json)).toMatchObject({ title: REGULATION.title, date: '2027-03-01' });
  });

  it('does not chase a qualification already renewed', async () => {
    const { office, head, course } = await certifiedHead();
    world.ctx.clock.set('2027-02-10T01:00:00.000Z');
    const renewal = await createSession(world.deps, office, {
      courseId: course.id,
      unitId: world.org.units.mineA.id,
      heldOn: '2027-02-10',
      trainer: '王建华',
      attendeeIds: [head.id],
    });
    await recordAttendance(world.deps, office, renewal.id, { attendance: [{ userId: head.id, attended: true }] });
    await submitTest(world.deps, head, renewal.id, { answers: [1, 0, 2] });
    await issueCertificate(world.deps, office, renewal.id, { userId: head.id });
    expect(await remindExpiringQualifications(world.deps)).toBe(0);
  });
});

describe('myRecord and completeStep', () => {
  it('shows hours, scores, qualifications and the first weeks’ checklist; a step ticked twice counts once', async () => {
    const { head, session } = await certifiedHead();
    const record = await myRecord(world.deps, head);
    expect(record.totalHours).toBe(4);
    expect(record.sessions).toEqual([expect.objectContaining({ sessionId: session.id, score: 100, passed: true })]);
    expect(record.qualifications).toEqual([
      expect.objectContaining({ courseTitle: REGULATION.title, required: true, state: 'current' }),
    ]);
    expect(record.checklist.newcomer).toBe(true);
    expect(record.checklist.items.map((i) => i.done)).toEqual([true, false, false, false, false]);
    await completeStep(world.deps, head, 'password');
    const again = await completeStep(world.deps, head, 'password');
    expect(again.checklist.items.filter((i) => i.done)).toHaveLength(2);
    expect(await codeOf(completeStep(world.deps, head, 'nowhere'))).toBe('NOT_FOUND');
    const audits = await world.ctx.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'training.onboarding_step')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('lets the office read a record of its subtree only', async () => {
    const { head } = await certifiedHead();
    expect((await recordOf(world.deps, world.user('officer@mineA'), head.id)).user.id).toBe(head.id);
    expect(await codeOf(recordOf(world.deps, world.user('officer@mineB'), head.id))).toBe('NOT_FOUND');
  });
});

describe('figures', () => {
  const source = (key: string) => figureSources.find((s) => s.key === key)!;
  const units = () => [world.org.units.root, world.org.units.mineA, world.org.units.mineB];
  const period = { from: '2026-03-01', to: '2026-03-31' };

  it('counts hours per cadre, qualifications current and sessions held, by hand', async () => {
    const { office, session } = await certifiedHead();
    const crew = world.user('unit_head@crewA1');
    await recordAttendance(world.deps, office, session.id, { attendance: [{ userId: crew.id, attended: true }] });
    // A session at mine B without attendance recorded: held, but no hours.
    const course = await createCourse(world.deps, world.user('officer@mineB'), { ...REGULATION, test: null });
    await createSession(world.deps, world.user('officer@mineB'), {
      courseId: course.id,
      unitId: world.org.units.mineB.id,
      heldOn: today(),
      trainer: '李老师',
      attendeeIds: [world.user('unit_head@teamB1').id],
    });
    const [root, mineA, mineB] = units().map((u) => u.id) as [string, string, string];
    const compute = (key: string) => source(key).compute(world.deps, units(), period);

    // Cadres (chief, deputy, officer, handler, unit_head): root 2 (chief, officer) + dept 1 handler;
    // mine A: chief, deputy, officer, handler, 2 heads = 6; mine B: officer, head = 2 → 11 in all.
    const hours = await compute('training.hoursPerCadre');
    expect(hours.get(root)).toEqual({ value: 8, of: 11 });
    expect(hours.get(mineA)).toEqual({ value: 8, of: 6 });
    expect(hours.get(mineB)).toEqual({ value: 0, of: 2 });

    // Bound: mine A's course binds its officer and two heads (1 certified); mine B's its officer and head.
    const current = await compute('training.qualificationsCurrent');
    expect(current.get(mineA)).toEqual({ value: 1, of: 3 });
    expect(current.get(mineB)).toEqual({ value: 0, of: 2 });
    expect(current.get(root)).toEqual({ value: 1, of: 5 });

    const held = await compute('training.sessionsHeld');
    expect(held.get(root)).toEqual({ value: 2, of: null });
    expect(held.get(mineA)).toEqual({ value: 1, of: null });
    expect(held.get(mineB)).toEqual({ value: 1, of: null });
    // A month with nothing held.
    const april = await source('training.sessionsHeld').compute(world.deps, units(), {
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect(april.get(root)).toEqual({ value: 0, of: null });
  });
});
