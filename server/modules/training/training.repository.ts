/** Every query of the training module (干部培训): courses, sessions, attendees, certificates, setup steps. */
import { sql, type Kysely } from 'kysely';
import type {
  DB,
  TrainingAttendeeTable,
  TrainingCertificateTable,
  TrainingCourseTable,
  TrainingSessionTable,
} from '../../db/schema.ts';

export type CourseRow = TrainingCourseTable & { unit_name: string; unit_path: string };
export type SessionRow = TrainingSessionTable & {
  unit_name: string;
  unit_path: string;
  course_title: string;
  course_hours: number;
  course_unit_path: string;
  validity_months: number | null;
  pass_mark: number | null;
  questions_json: string | null;
};
export type AttendeeRow = TrainingAttendeeTable & { display_name: string; unit_name: string; unit_path: string };
export type CertificateRow = TrainingCertificateTable;

function courses(db: Kysely<DB>) {
  return db
    .selectFrom('training_course as c')
    .innerJoin('unit as u', 'u.id', 'c.unit_id')
    .selectAll('c')
    .select(['u.name as unit_name', 'u.path as unit_path']);
}

export async function insertCourse(db: Kysely<DB>, row: TrainingCourseTable): Promise<void> {
  await db.insertInto('training_course').values(row).execute();
}

export async function findCourse(db: Kysely<DB>, id: string): Promise<CourseRow | undefined> {
  return courses(db).where('c.id', '=', id).executeTakeFirst();
}

/** The active courses kept by units under `path` (the office's own and its subtree's), oldest first. */
export async function coursesUnder(db: Kysely<DB>, path: string): Promise<CourseRow[]> {
  return courses(db)
    .where('u.path', 'like', `${path}%`)
    .where('c.active', '=', 1)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

/**
 * The active courses that may bind someone at one of `paths`: those kept by a unit on the way from the root
 * to it (its ancestors or itself). The roles are checked by the caller (common/domain/training.ts).
 */
export async function coursesAbove(db: Kysely<DB>, paths: readonly string[]): Promise<CourseRow[]> {
  if (paths.length === 0) return [];
  const ancestors = [...new Set(paths.flatMap(ancestorPaths))];
  return courses(db)
    .where('u.path', 'in', ancestors)
    .where('c.active', '=', 1)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

/** `/a/b/c/` → `/a/`, `/a/b/`, `/a/b/c/`. */
function ancestorPaths(path: string): string[] {
  const out: string[] = [];
  for (let end = path.indexOf('/', 1); end !== -1; end = path.indexOf('/', end + 1)) out.push(path.slice(0, end + 1));
  return out;
}

export async function sessionCounts(db: Kysely<DB>, courseIds: readonly string[]) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('training_session')
    .select(['course_id', sql<number | string>`count(*)`.as('n')])
    .where('course_id', 'in', courseIds)
    .groupBy('course_id')
    .execute();
}

function sessions(db: Kysely<DB>) {
  return db
    .selectFrom('training_session as s')
    .innerJoin('unit as u', 'u.id', 's.unit_id')
    .innerJoin('training_course as c', 'c.id', 's.course_id')
    .innerJoin('unit as cu', 'cu.id', 'c.unit_id')
    .selectAll('s')
    .select([
      'u.name as unit_name',
      'u.path as unit_path',
      'c.title as course_title',
      'c.hours as course_hours',
      'cu.path as course_unit_path',
      'c.validity_months',
      'c.pass_mark',
      'c.questions_json',
    ]);
}

export async function insertSession(db: Kysely<DB>, row: TrainingSessionTable): Promise<void> {
  await db.insertInto('training_session').values(row).execute();
}

export async function findSession(db: Kysely<DB>, id: string): Promise<SessionRow | undefined> {
  return sessions(db).where('s.id', '=', id).executeTakeFirst();
}

/** Sessions held by units under `path`, latest first, with their attendee and attended counts. */
export async function sessionsUnder(db: Kysely<DB>, path: string) {
  return sessions(db)
    .where('u.path', 'like', `${path}%`)
    .select((eb) => [
      eb
        .selectFrom('training_attendee as a')
        .whereRef('a.session_id', '=', 's.id')
        .select(sql<number | string>`count(*)`.as('n'))
        .as('attendee_count'),
      eb
        .selectFrom('training_attendee as a')
        .whereRef('a.session_id', '=', 's.id')
        .where('a.attended', '=', 1)
        .select(sql<number | string>`count(*)`.as('n'))
        .as('attended_count'),
    ])
    .orderBy('s.held_on', 'desc')
    .orderBy('s.id', 'desc')
    .limit(500)
    .execute();
}

export async function insertAttendees(db: Kysely<DB>, rows: readonly TrainingAttendeeTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('training_attendee')
      .values([...rows])
      .execute();
}

export async function attendeesOf(db: Kysely<DB>, sessionId: string): Promise<AttendeeRow[]> {
  return db
    .selectFrom('training_attendee as a')
    .innerJoin('app_user as p', 'p.id', 'a.user_id')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .selectAll('a')
    .select(['p.display_name', 'u.name as unit_name', 'u.path as unit_path'])
    .where('a.session_id', '=', sessionId)
    .orderBy('p.display_name')
    .orderBy('a.user_id')
    .execute();
}

export async function findAttendee(db: Kysely<DB>, sessionId: string, userId: string) {
  return db
    .selectFrom('training_attendee')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function setAttendance(
  db: Kysely<DB>,
  sessionId: string,
  userId: string,
  attended: boolean,
  at: string,
): Promise<void> {
  await db
    .updateTable('training_attendee')
    .set({ attended: attended ? 1 : 0, attendance_recorded_at: at })
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .execute();
}

export async function setTestResult(
  db: Kysely<DB>,
  sessionId: string,
  userId: string,
  result: { score: number; passed: boolean; at: string },
): Promise<void> {
  await db
    .updateTable('training_attendee')
    .set({ score: result.score, passed: result.passed ? 1 : 0, test_taken_at: result.at })
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .execute();
}

/** A person's sessions (as an attendee), latest first, with the course. */
export async function sessionsOfUser(db: Kysely<DB>, userId: string) {
  return sessions(db)
    .innerJoin('training_attendee as a', 'a.session_id', 's.id')
    .select(['a.attended', 'a.score', 'a.passed', 'a.test_taken_at'])
    .where('a.user_id', '=', userId)
    .orderBy('s.held_on', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
}

export async function insertCertificate(db: Kysely<DB>, row: TrainingCertificateTable): Promise<void> {
  await db.insertInto('training_certificate').values(row).execute();
}

export async function certificatesOfSession(db: Kysely<DB>, sessionId: string): Promise<CertificateRow[]> {
  return db.selectFrom('training_certificate').selectAll().where('session_id', '=', sessionId).execute();
}

/** The certificates of these people issued on or before `asOf` (a local date). */
export async function certificatesOfUsers(
  db: Kysely<DB>,
  userIds: readonly string[],
  asOf: string,
): Promise<CertificateRow[]> {
  if (userIds.length === 0) return [];
  const out: CertificateRow[] = [];
  // In chunks: a subtree may hold thousands of people, beyond a statement's parameter limit.
  for (let i = 0; i < userIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('training_certificate')
        .selectAll()
        .where('user_id', 'in', userIds.slice(i, i + 500))
        .where('issued_on', '<=', asOf)
        .execute()),
    );
  }
  return out;
}

/**
 * Certificates expiring between `from` and `to` (local dates, inclusive) that are their holder's latest for
 * the course (a renewed qualification is not chased), of active holders, with the holder's unit path.
 */
export async function expiringCertificates(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('training_certificate as t')
    .innerJoin('app_user as p', 'p.id', 't.user_id')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .innerJoin('training_course as c', 'c.id', 't.course_id')
    .select(['t.id', 't.user_id', 't.expires_on', 'c.title as course_title', 'u.path as unit_path'])
    .where('t.expires_on', '>=', from)
    .where('t.expires_on', '<=', to)
    .where('p.active', '=', 1)
    .where('c.active', '=', 1)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('training_certificate as later')
            .select('later.id')
            .whereRef('later.user_id', '=', 't.user_id')
            .whereRef('later.course_id', '=', 't.course_id')
            .where((inner) =>
              inner.or([
                inner('later.expires_on', 'is', null),
                inner('later.expires_on', '>', inner.ref('t.expires_on')),
              ]),
            ),
        ),
      ),
    )
    .orderBy('t.expires_on')
    .orderBy('t.id')
    .execute();
}

export async function stepsDone(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('training_onboarding_step')
    .select(['step_id', 'done_at'])
    .where('user_id', '=', userId)
    .execute();
}

/** A setup step ticked (once: ticking it again keeps the first instant). @returns whether it was new. */
export async function markStepDone(db: Kysely<DB>, userId: string, stepId: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('training_onboarding_step')
    .values({ user_id: userId, step_id: stepId, done_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'step_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

// ---------------------------------------------------------------------------------------------
// Figures

/**
 * Hours attended per attendee's unit path in sessions held between two local dates (inclusive): one
 * grouped query; a session counts where the person works, not where it was held.
 */
export async function attendedHoursByPath(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('training_attendee as a')
    .innerJoin('training_session as s', 's.id', 'a.session_id')
    .innerJoin('training_course as c', 'c.id', 's.course_id')
    .innerJoin('app_user as p', 'p.id', 'a.user_id')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .select(['u.path', sql<number | string>`sum(c.hours)`.as('hours')])
    .where('a.attended', '=', 1)
    .where('p.active', '=', 1)
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .groupBy('u.path')
    .execute();
}

/** Sessions held per holding unit's path between two local dates (inclusive). */
export async function sessionsHeldByPath(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('training_session as s')
    .innerJoin('unit as u', 'u.id', 's.unit_id')
    .select(['u.path', sql<number | string>`count(*)`.as('n')])
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .groupBy('u.path')
    .execute();
}
