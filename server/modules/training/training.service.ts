/**
 * 干部培训 (issue #17; 《信访工作条例》第16条: 信访干部 are trained, and newly hired cadres rotated into
 * petition posts learn the rules first). The office of a level keeps courses and sessions for its
 * subtree, records attendance and issues certificates; each cadre takes the short test on his phone —
 * scored here, never by the client — and reads his own record; the office sees who lacks a required
 * course or holds one about to expire, within its own subtree only.
 *
 * Who counts as a cadre is the access table's (`training.take`: the enterprise's own staff roles); the
 * rules of scores, expiry and certificates are common/domain/training.ts.
 */
import type { Kysely } from 'kysely';
import { can, hasAction, scopeOf, TRAINEE_ROLES, type Actor, type UnitRef } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import {
  bestCertificate,
  certificateRefusal,
  expiryOf,
  isNewcomer,
  isRequiredFor,
  qualificationState,
  scoreTest,
  type CertificateRefusal,
  type TestQuestion,
} from '../../../common/domain/training.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import type {
  AttendanceInput,
  CertificateInput,
  CourseInput,
  CourseListView,
  CourseView,
  GapListView,
  GapQuery,
  SessionInput,
  SessionListView,
  SessionView,
  TestAnswersInput,
  TestResultView,
  TestView,
  TrainingRecordView,
} from '../../../common/schemas/training.ts';
import type { Role } from '../../../common/schemas/user.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { notify } from '../notification/index.ts';
import { readSetting } from '../setting/index.ts';
import { findUnitById } from '../unit/index.ts';
import { activePeopleUnder, findUserById, usersByIds, type UserRow } from '../user/index.ts';
import {
  attendeesOf,
  certificatesOfSession,
  certificatesOfUsers,
  coursesAbove,
  coursesUnder,
  expiringCertificates,
  findAttendee,
  findCourse,
  findSession,
  insertAttendees,
  insertCertificate,
  insertCourse,
  insertSession,
  markStepDone,
  sessionCounts,
  sessionsOfUser,
  sessionsUnder,
  setAttendance,
  setTestResult,
  stepsDone,
  type CertificateRow,
  type CourseRow,
  type SessionRow,
} from './training.repository.ts';

// ---------------------------------------------------------------------------------------------
// Helpers

function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', { message: `${what} not found`, details: { id } });
}

function forbidden(message: string): DomainError {
  return new DomainError('FORBIDDEN', { message });
}

function todayOf(deps: ServiceDeps): string {
  return localDateOf(deps.clock.now().toISOString());
}

/** The subtree path an actor reads training over (the auditor: the whole tree). */
function readPath(actor: Actor): string {
  const scope = scopeOf(actor, 'training.read');
  if (scope.kind === 'all') return '/';
  if (scope.kind === 'subtree') return scope.path;
  throw forbidden('Only the petition office reads training records and gaps');
}

function mayRead(actor: Actor, unit: UnitRef): boolean {
  return can(actor, 'training.read', unit) || can(actor, 'training.manage', unit);
}

function questionsOf(course: { questions_json: string | null }): TestQuestion[] {
  return course.questions_json === null ? [] : (JSON.parse(course.questions_json) as TestQuestion[]);
}

function rolesOf(course: CourseRow): Role[] {
  return JSON.parse(course.required_roles_json) as Role[];
}

async function expiryNoticeDays(db: Kysely<DB>, unitPath: string): Promise<number> {
  return readSetting(db, unitPath, 'training.expiryNoticeDays');
}

// ---------------------------------------------------------------------------------------------
// Courses

function courseView(actor: Actor, row: CourseRow, sessions: number): CourseView {
  // The right answers are shown to those who keep the course, not to every reader (an officer of a mine
  // attends the group's courses too).
  const keeper = can(actor, 'training.manage', { id: row.unit_id, path: row.unit_path });
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    title: row.title,
    requiredFor: rolesOf(row),
    hours: row.hours,
    validityMonths: row.validity_months,
    test:
      row.pass_mark === null
        ? null
        : {
            passMark: row.pass_mark,
            questions: questionsOf(row).map((q) => ({
              text: q.text,
              choices: [...q.choices],
              answer: keeper ? q.answer : null,
            })),
          },
    sessionCount: sessions,
  };
}

/**
 * The courses an office may schedule and read: those kept above it (the group's, which bind its people
 * too) and those of its subtree. @throws FORBIDDEN
 */
export async function listCourses(deps: ServiceDeps, actor: Actor): Promise<CourseListView> {
  const path = readPath(actor);
  const rows = [...(await coursesAbove(deps.db, path === '/' ? [] : [path])), ...(await coursesUnder(deps.db, path))];
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  const counts = await sessionCounts(
    deps.db,
    unique.map((r) => r.id),
  );
  const countOf = new Map(counts.map((c) => [c.course_id, Number(c.n)]));
  return { items: unique.map((r) => courseView(actor, r, countOf.get(r.id) ?? 0)) };
}

/** A new course kept by the actor's unit (audited). @throws FORBIDDEN */
export async function createCourse(deps: ServiceDeps, actor: Actor, input: CourseInput): Promise<CourseView> {
  if (!can(actor, 'training.manage', { id: actor.unitId, path: actor.unitPath })) {
    throw forbidden('Only the petition office keeps training courses');
  }
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await insertCourse(trx, {
      id,
      unit_id: actor.unitId,
      title: input.title,
      required_roles_json: JSON.stringify([...new Set(input.requiredFor)]),
      hours: input.hours,
      validity_months: input.validityMonths,
      pass_mark: input.test?.passMark ?? null,
      questions_json: input.test === null ? null : JSON.stringify(input.test.questions),
      active: 1,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'training_course.create',
      entityType: 'training_course',
      entityId: id,
      after: {
        title: input.title,
        requiredFor: input.requiredFor,
        hours: input.hours,
        validityMonths: input.validityMonths,
        questions: input.test?.questions.length ?? 0,
      },
    });
  });
  const row = await findCourse(deps.db, id);
  if (row === undefined) throw notFound('Course', id);
  return courseView(actor, row, 0);
}

// ---------------------------------------------------------------------------------------------
// Sessions

async function sessionView(deps: ServiceDeps, actor: Actor, session: SessionRow): Promise<SessionView> {
  const [attendees, certificates] = await Promise.all([
    attendeesOf(deps.db, session.id),
    certificatesOfSession(deps.db, session.id),
  ]);
  const hasTest = session.pass_mark !== null;
  return {
    id: session.id,
    course: { id: session.course_id, title: session.course_title, hours: session.course_hours, hasTest },
    unit: { id: session.unit_id, name: session.unit_name },
    heldOn: session.held_on,
    trainer: session.trainer,
    place: session.place,
    attendees: attendees.map((a) => {
      const certificate = certificates.find((c) => c.user_id === a.user_id) ?? null;
      const facts = {
        attended: a.attended === null ? null : a.attended === 1,
        passed: a.passed === null ? null : a.passed === 1,
        certified: certificate !== null,
      };
      return {
        userId: a.user_id,
        name: a.display_name,
        unitName: a.unit_name,
        attended: facts.attended,
        score: a.score,
        passed: facts.passed,
        testTakenAt: a.test_taken_at,
        certificate:
          certificate === null
            ? null
            : { id: certificate.id, issuedOn: certificate.issued_on, expiresOn: certificate.expires_on },
        eligible: certificateRefusal(facts, hasTest) === null,
      };
    }),
  };
}

async function readableSession(db: Kysely<DB>, actor: Actor, id: string): Promise<SessionRow> {
  const session = await findSession(db, id);
  if (session === undefined || !mayRead(actor, { id: session.unit_id, path: session.unit_path })) {
    throw notFound('Training session', id);
  }
  return session;
}

async function managedSession(db: Kysely<DB>, actor: Actor, id: string): Promise<SessionRow> {
  const session = await readableSession(db, actor, id);
  if (!can(actor, 'training.manage', { id: session.unit_id, path: session.unit_path })) {
    throw forbidden('Only the office that holds the session records it');
  }
  return session;
}

/** The sessions held in the actor's subtree, latest first. @throws FORBIDDEN */
export async function listSessions(deps: ServiceDeps, actor: Actor): Promise<SessionListView> {
  const rows = await sessionsUnder(deps.db, readPath(actor));
  return {
    items: rows.map((r) => ({
      id: r.id,
      courseTitle: r.course_title,
      unitName: r.unit_name,
      heldOn: r.held_on,
      trainer: r.trainer,
      attendeeCount: Number(r.attendee_count ?? 0),
      attendedCount: Number(r.attended_count ?? 0),
    })),
  };
}

/** One session with its attendees, their attendance, scores and certificates. @throws NOT_FOUND */
export async function getSession(deps: ServiceDeps, actor: Actor, id: string): Promise<SessionView> {
  return sessionView(deps, actor, await readableSession(deps.db, actor, id));
}

/**
 * Schedule a session of a course at a unit of the actor's subtree, with its attendees (cadres working in
 * that unit's subtree); each attendee is told (a session on a past date, entered afterwards, tells nobody).
 * @throws FORBIDDEN, VALIDATION_FAILED (unitId, courseId, attendeeIds.N)
 */
export async function createSession(deps: ServiceDeps, actor: Actor, input: SessionInput): Promise<SessionView> {
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    const unit = await findUnitById(trx, input.unitId);
    if (unit?.active !== 1 || !can(actor, 'training.manage', { id: unit.id, path: unit.path })) {
      throw fieldError('unitId', 'not a unit of your subtree');
    }
    const course = await findCourse(trx, input.courseId);
    // A course binds the subtree of the unit that keeps it: a mine holds the group's courses and its own.
    if (course?.active !== 1 || !unit.path.startsWith(course.unit_path)) {
      throw fieldError('courseId', 'no such course for this unit');
    }
    const ids = [...new Set(input.attendeeIds)];
    const people = await usersByIds(trx, ids);
    input.attendeeIds.forEach((userId, i) => {
      const person = people.find((p) => p.id === userId);
      if (person?.active !== 1 || !hasAction(person.role, 'training.take') || !person.unit_path.startsWith(unit.path)) {
        throw fieldError(`attendeeIds.${i}`, 'not a cadre working in this unit or below');
      }
    });
    await insertSession(trx, {
      id,
      course_id: course.id,
      unit_id: unit.id,
      held_on: input.heldOn,
      trainer: input.trainer,
      place: input.place === undefined || input.place === '' ? null : input.place,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    });
    await insertAttendees(
      trx,
      ids.map((userId) => ({
        session_id: id,
        user_id: userId,
        attended: null,
        attendance_recorded_at: null,
        score: null,
        passed: null,
        test_taken_at: null,
      })),
    );
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'training_session.create',
      entityType: 'training_session',
      entityId: id,
      after: { courseId: course.id, unitId: unit.id, heldOn: input.heldOn, attendees: ids.length },
    });
    if (input.heldOn >= todayOf(deps)) {
      await notify(trx, deps, {
        kind: 'training_session_scheduled',
        recipients: ids,
        data: { sessionId: id, title: course.title, date: input.heldOn, unitName: unit.name },
        dedupeKey: `training-session:${id}`,
      });
    }
  });
  return getSession(deps, actor, id);
}

/**
 * Record who attended (once the session's day has come). An attendee already certified cannot be marked
 * absent: the certificate rests on his attendance.
 * @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (attendance, attendance.N.userId, attendance.N.attended)
 */
export async function recordAttendance(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
  input: AttendanceInput,
): Promise<SessionView> {
  await deps.db.transaction().execute(async (trx) => {
    const session = await managedSession(trx, actor, sessionId);
    if (session.held_on > todayOf(deps)) throw fieldError('attendance', 'the session has not been held yet');
    const [attendees, certificates] = await Promise.all([
      attendeesOf(trx, sessionId),
      certificatesOfSession(trx, sessionId),
    ]);
    input.attendance.forEach((entry, i) => {
      if (!attendees.some((a) => a.user_id === entry.userId)) {
        throw fieldError(`attendance.${i}.userId`, 'not an attendee of this session');
      }
      if (!entry.attended && certificates.some((c) => c.user_id === entry.userId)) {
        throw fieldError(`attendance.${i}.attended`, 'a certificate has been issued on this attendance');
      }
    });
    const at = deps.clock.now().toISOString();
    for (const entry of input.attendance) await setAttendance(trx, sessionId, entry.userId, entry.attended, at);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'training_session.attendance',
      entityType: 'training_session',
      entityId: sessionId,
      after: { attendance: input.attendance },
    });
  });
  return getSession(deps, actor, sessionId);
}

const REFUSALS: Record<CertificateRefusal, string> = {
  not_attendee: 'not an attendee of this session',
  not_attended: 'attendance not recorded as present',
  not_passed: 'the course test has not been passed',
  already_issued: 'a certificate has already been issued for this session',
};

/**
 * Issue the course's certificate to an attendee who attended and, where the course has a test, passed it
 * (scored by the server); valid for the course's months from today.
 * @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (userId)
 */
export async function issueCertificate(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
  input: CertificateInput,
): Promise<SessionView> {
  await deps.db.transaction().execute(async (trx) => {
    const session = await managedSession(trx, actor, sessionId);
    const attendee = await findAttendee(trx, sessionId, input.userId);
    const certified = (await certificatesOfSession(trx, sessionId)).some((c) => c.user_id === input.userId);
    const refusal = certificateRefusal(
      attendee === undefined
        ? null
        : {
            attended: attendee.attended === null ? null : attendee.attended === 1,
            passed: attendee.passed === null ? null : attendee.passed === 1,
            certified,
          },
      session.pass_mark !== null,
    );
    if (refusal !== null) throw fieldError('userId', REFUSALS[refusal]);
    const issuedOn = todayOf(deps);
    const id = deps.ids.next();
    const expiresOn = expiryOf(issuedOn, session.validity_months);
    await insertCertificate(trx, {
      id,
      user_id: input.userId,
      course_id: session.course_id,
      session_id: sessionId,
      issued_on: issuedOn,
      expires_on: expiresOn,
      issued_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'training_certificate.issue',
      entityType: 'training_certificate',
      entityId: id,
      after: { sessionId, userId: input.userId, courseId: session.course_id, issuedOn, expiresOn },
    });
  });
  return getSession(deps, actor, sessionId);
}

// ---------------------------------------------------------------------------------------------
// The test, taken by the attendee

async function ownSessionTest(db: Kysely<DB>, actor: Actor, sessionId: string) {
  const session = await findSession(db, sessionId);
  const attendee = session === undefined ? undefined : await findAttendee(db, sessionId, actor.id);
  if (session === undefined || attendee === undefined || session.pass_mark === null) {
    throw notFound('Training test', sessionId);
  }
  return { session, attendee, passMark: session.pass_mark, questions: questionsOf(session) };
}

/** The test of a session as its attendee sees it: no right answers. @throws NOT_FOUND */
export async function getTest(deps: ServiceDeps, actor: Actor, sessionId: string): Promise<TestView> {
  const { session, attendee, passMark, questions } = await ownSessionTest(deps.db, actor, sessionId);
  return {
    sessionId,
    courseTitle: session.course_title,
    passMark,
    questions: questions.map((q) => ({ text: q.text, choices: [...q.choices] })),
    result:
      attendee.score === null || attendee.test_taken_at === null
        ? null
        : { score: attendee.score, passed: attendee.passed === 1, takenAt: attendee.test_taken_at },
  };
}

/**
 * The attendee's answers, scored by the server against the course's right answers (the client sends
 * choices, never a score). Retaken until passed, from the session's day on.
 * @throws NOT_FOUND, VALIDATION_FAILED (answers, answers.N)
 */
export async function submitTest(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
  input: TestAnswersInput,
): Promise<TestResultView> {
  return deps.db.transaction().execute(async (trx) => {
    const { session, attendee, passMark, questions } = await ownSessionTest(trx, actor, sessionId);
    if (session.held_on > todayOf(deps)) throw fieldError('answers', 'the session has not been held yet');
    if (attendee.passed === 1) throw fieldError('answers', 'the test has already been passed');
    if (input.answers.length !== questions.length) {
      throw fieldError('answers', `answer each of the ${questions.length} questions`);
    }
    input.answers.forEach((answer, i) => {
      if (answer >= (questions[i]?.choices.length ?? 0)) throw fieldError(`answers.${i}`, 'not one of the choices');
    });
    const result = scoreTest(questions, input.answers, passMark);
    const at = deps.clock.now().toISOString();
    await setTestResult(trx, sessionId, actor.id, { score: result.score, passed: result.passed, at });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'training_session.test',
      entityType: 'training_session',
      entityId: sessionId,
      after: { score: result.score, passed: result.passed },
    });
    return { ...result, passMark };
  });
}

// ---------------------------------------------------------------------------------------------
// Records, gaps, the first weeks

type Standing = { course: CourseRow; required: boolean; certificate: CertificateRow | null };

/** Each course a person is bound by or holds a certificate of, with the best certificate. */
function standingsOf(
  person: { id: string; role: Role; unit_path: string },
  courses: readonly CourseRow[],
  certificates: readonly CertificateRow[],
): Standing[] {
  const mine = certificates.filter((c) => c.user_id === person.id);
  return courses
    .map((course) => ({
      course,
      required: isRequiredFor(
        { requiredRoles: rolesOf(course), unitPath: course.unit_path },
        { role: person.role, unitPath: person.unit_path },
      ),
      certificate: bestCertificate(
        mine.filter((c) => c.course_id === course.id).map((c) => ({ ...c, expiresOn: c.expires_on })),
      ),
    }))
    .filter((s) => s.required || s.certificate !== null);
}

async function recordOfUser(deps: ServiceDeps, user: UserRow): Promise<TrainingRecordView> {
  const today = todayOf(deps);
  const [courses, certificates, sessions, onboarding, noticeDays, done] = await Promise.all([
    coursesAbove(deps.db, [user.unit_path]),
    certificatesOfUsers(deps.db, [user.id], today),
    sessionsOfUser(deps.db, user.id),
    readSetting(deps.db, user.unit_path, 'training.onboarding'),
    expiryNoticeDays(deps.db, user.unit_path),
    stepsDone(deps.db, user.id),
  ]);
  // Courses kept elsewhere that he holds a certificate of (a session of another unit) count too.
  const known = new Set(courses.map((c) => c.id));
  const others = await Promise.all(
    [...new Set(certificates.map((c) => c.course_id))]
      .filter((id) => !known.has(id))
      .map((id) => findCourse(deps.db, id)),
  );
  const standings = standingsOf(
    user,
    [...courses, ...others.filter((c): c is CourseRow => c !== undefined)],
    certificates,
  );
  const qualifications = standings.map((s) => ({
    courseId: s.course.id,
    courseTitle: s.course.title,
    required: s.required,
    state: qualificationState(
      s.certificate === null ? null : { expiresOn: s.certificate.expires_on },
      today,
      noticeDays,
    ),
    issuedOn: s.certificate?.issued_on ?? null,
    expiresOn: s.certificate?.expires_on ?? null,
  }));
  const doneSteps = new Set(done.map((d) => d.step_id));
  return {
    user: { id: user.id, name: user.display_name, unitName: user.unit_name, role: user.role },
    totalHours: sessions.filter((s) => s.attended === 1).reduce((sum, s) => sum + s.course_hours, 0),
    sessions: sessions.map((s) => ({
      sessionId: s.id,
      courseTitle: s.course_title,
      heldOn: s.held_on,
      trainer: s.trainer,
      hours: s.course_hours,
      attended: s.attended === null ? null : s.attended === 1,
      score: s.score,
      passed: s.passed === null ? null : s.passed === 1,
      testOpen: s.pass_mark !== null && s.held_on <= today && s.passed !== 1,
    })),
    qualifications,
    checklist: {
      newcomer: isNewcomer(localDateOf(user.created_at), today, onboarding.weeks),
      items: [
        ...qualifications
          .filter((q) => q.required)
          .map((q) => ({
            kind: 'course' as const,
            courseId: q.courseId,
            title: q.courseTitle,
            done: q.state === 'current' || q.state === 'expiring',
          })),
        ...onboarding.steps.map((step) => ({
          kind: 'step' as const,
          stepId: step.id,
          title: step.title,
          done: doneSteps.has(step.id),
        })),
      ],
    },
  };
}

/** The actor's own record and first weeks' checklist. @throws FORBIDDEN (no cadre role) */
export async function myRecord(deps: ServiceDeps, actor: Actor): Promise<TrainingRecordView> {
  if (!hasAction(actor.role, 'training.take')) throw forbidden('Training records are kept for cadres');
  const user = await findUserById(deps.db, actor.id);
  if (user === undefined) throw notFound('User', actor.id);
  return recordOfUser(deps, user);
}

/** A cadre's record, for the office over his unit. @throws NOT_FOUND (no such person, or outside the scope) */
export async function recordOf(deps: ServiceDeps, actor: Actor, userId: string): Promise<TrainingRecordView> {
  const user = await findUserById(deps.db, userId);
  if (
    user === undefined ||
    !hasAction(user.role, 'training.take') ||
    !mayRead(actor, { id: user.unit_id, path: user.unit_path })
  ) {
    throw notFound('Training record', userId);
  }
  return recordOfUser(deps, user);
}

/**
 * Who lacks a required course, or holds it expired or about to expire (`training.expiryNoticeDays`):
 * the active cadres of the actor's subtree, or of one unit's subtree within it.
 * @throws FORBIDDEN, VALIDATION_FAILED (unitId: outside the scope)
 */
export async function listGaps(deps: ServiceDeps, actor: Actor, query: GapQuery): Promise<GapListView> {
  let path = readPath(actor);
  if (query.unitId !== undefined) {
    const unit = await findUnitById(deps.db, query.unitId);
    if (unit === undefined || !mayRead(actor, { id: unit.id, path: unit.path })) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'unitId: not a unit of your subtree',
        details: { in: 'querystring', issues: [{ path: ['unitId'], message: 'not a unit of your subtree' }] },
      });
    }
    path = unit.path;
  }
  const today = todayOf(deps);
  const people = await activePeopleUnder(deps.db, path, TRAINEE_ROLES);
  const courses = await coursesAbove(deps.db, [...new Set(people.map((p) => p.unit_path))]);
  const certificates = await certificatesOfUsers(
    deps.db,
    people.map((p) => p.id),
    today,
  );
  const noticeDays = await expiryNoticeDays(deps.db, path === '/' ? (people[0]?.unit_path ?? '/') : path);
  const items: GapListView['items'] = [];
  for (const person of people) {
    for (const s of standingsOf(person, courses, certificates)) {
      if (!s.required) continue;
      const state = qualificationState(
        s.certificate === null ? null : { expiresOn: s.certificate.expires_on },
        today,
        noticeDays,
      );
      if (state === 'current') continue;
      items.push({
        userId: person.id,
        name: person.display_name,
        role: person.role,
        unitId: person.unit_id,
        unitName: person.unit_name,
        courseId: s.course.id,
        courseTitle: s.course.title,
        state,
        expiresOn: s.certificate?.expires_on ?? null,
      });
    }
  }
  return { items };
}

/**
 * Tick one of the first weeks' setup steps (the enterprise's list, `training.onboarding`); ticking it twice
 * changes nothing. @throws FORBIDDEN, NOT_FOUND (no such step)
 */
export async function completeStep(deps: ServiceDeps, actor: Actor, stepId: string): Promise<TrainingRecordView> {
  if (!hasAction(actor.role, 'training.take')) throw forbidden('Training records are kept for cadres');
  const user = await findUserById(deps.db, actor.id);
  if (user === undefined) throw notFound('User', actor.id);
  const { steps } = await readSetting(deps.db, user.unit_path, 'training.onboarding');
  if (!steps.some((s) => s.id === stepId)) throw notFound('Step', stepId);
  await deps.db.transaction().execute(async (trx) => {
    if (await markStepDone(trx, actor.id, stepId, deps.clock.now().toISOString())) {
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'training.onboarding_step',
        entityType: 'user',
        entityId: actor.id,
        after: { stepId },
      });
    }
  });
  return recordOfUser(deps, user);
}

// ---------------------------------------------------------------------------------------------
// The periodic job

/**
 * Tell each holder whose latest qualification for a course expires within the enterprise's notice days
 * (`training.expiryNoticeDays`, from today on). Idempotent: one notice per certificate (dedupeKey), so the
 * job may run every hour and on several instances. @returns how many people were told this run.
 */
export async function remindExpiringQualifications(deps: ServiceDeps): Promise<number> {
  const today = todayOf(deps);
  // The widest notice a setting allows; each certificate is then held to its holder's own setting.
  const rows = await expiringCertificates(deps.db, today, addCalendarDays(today, 365));
  const noticeByPath = new Map<string, number>();
  let told = 0;
  for (const row of rows) {
    const root = `/${row.unit_path.split('/')[1] ?? ''}/`;
    let days = noticeByPath.get(root);
    if (days === undefined) {
      days = await expiryNoticeDays(deps.db, row.unit_path);
      noticeByPath.set(root, days);
    }
    if (row.expires_on === null || row.expires_on > addCalendarDays(today, days)) continue;
    const expiresOn = row.expires_on;
    told += (
      await deps.db.transaction().execute((trx) =>
        notify(trx, deps, {
          kind: 'training_qualification_expiring',
          recipients: [row.user_id],
          data: { certificateId: row.id, title: row.course_title, date: expiresOn },
          dedupeKey: `training-expiry:${row.id}`,
        }),
      )
    ).length;
  }
  return told;
}
