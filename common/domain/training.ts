/**
 * 干部培训 (《信访工作条例》第16条: 信访干部 are trained and rotated; young and newly hired cadres learn the
 * rules before they handle cases): the pure rules of courses, tests and qualifications, shared by the
 * server (which decides) and the browser (which shows). No clock here: "today" is handed in.
 */
import { addCalendarDays, addCalendarMonths, type LocalDate } from './calendar.ts';

/** A question of a course's short test: the choices and the index of the right one. */
export type TestQuestion = { text: string; choices: readonly string[]; answer: number };

export type TestResult = { correct: number; total: number; score: number; passed: boolean };

/**
 * The server's score of a test: the share of right answers in whole percent (rounded half up), passed
 * at or above the course's pass mark. The client sends only the chosen indexes; a missing or unknown
 * answer is simply wrong. A test without questions is never passed.
 */
export function scoreTest(
  questions: readonly TestQuestion[],
  answers: readonly number[],
  passMark: number,
): TestResult {
  const total = questions.length;
  const correct = questions.filter((q, i) => answers[i] === q.answer).length;
  const score = total === 0 ? 0 : Math.round((correct * 100) / total);
  return { correct, total, score, passed: total > 0 && score >= passMark };
}

/** The last day a qualification is valid: issued plus the course's months; null = it does not expire. */
export function expiryOf(issuedOn: LocalDate, validityMonths: number | null): LocalDate | null {
  return validityMonths === null ? null : addCalendarDays(addCalendarMonths(issuedOn, validityMonths), -1);
}

export const QUALIFICATION_STATES = ['current', 'expiring', 'expired', 'missing'] as const;
export type QualificationState = (typeof QUALIFICATION_STATES)[number];

/**
 * A person's standing on one course on `today`: no certificate → missing; valid through its expiry day
 * inclusive; `expiring` when that day is at most `noticeDays` away (still valid: it counts as current
 * for the figures, but the office and the person are told in time to renew).
 */
export function qualificationState(
  certificate: { expiresOn: LocalDate | null } | null,
  today: LocalDate,
  noticeDays: number,
): QualificationState {
  if (certificate === null) return 'missing';
  const { expiresOn } = certificate;
  if (expiresOn === null) return 'current';
  if (expiresOn < today) return 'expired';
  return expiresOn <= addCalendarDays(today, noticeDays) ? 'expiring' : 'current';
}

/** Of several certificates of one person for one course, the one that lasts longest (never-expiring first). */
export function bestCertificate<C extends { expiresOn: LocalDate | null }>(certificates: readonly C[]): C | null {
  let best: C | null = null;
  for (const c of certificates) {
    if (best === null || (best.expiresOn !== null && (c.expiresOn === null || c.expiresOn > best.expiresOn))) best = c;
  }
  return best;
}

/** Why a certificate may not be issued to someone on a session, or null when it may. */
export type CertificateRefusal = 'not_attendee' | 'not_attended' | 'not_passed' | 'already_issued';

/**
 * A certificate is issued on attendance and, where the course has a test, a pass scored by the server:
 * someone not on the session's list, marked absent (or not yet marked), or without a pass is refused.
 */
export function certificateRefusal(
  attendee: { attended: boolean | null; passed: boolean | null; certified: boolean } | null,
  hasTest: boolean,
): CertificateRefusal | null {
  if (attendee === null) return 'not_attendee';
  if (attendee.certified) return 'already_issued';
  if (attendee.attended !== true) return 'not_attended';
  if (hasTest && attendee.passed !== true) return 'not_passed';
  return null;
}

/** Does a course bind a person: one of its roles, and the person works in the subtree of the unit that keeps it. */
export function isRequiredFor(
  course: { requiredRoles: readonly string[]; unitPath: string },
  person: { role: string; unitPath: string },
): boolean {
  return course.requiredRoles.includes(person.role) && person.unitPath.startsWith(course.unitPath);
}

/** Is an account within its first weeks (the new officer's checklist is shown as such). */
export function isNewcomer(createdOn: LocalDate, today: LocalDate, weeks: number): boolean {
  return today < addCalendarDays(createdOn, weeks * 7);
}

/** A setup step of a new officer's first weeks (a setting: the enterprise writes its own). */
export type OnboardingStep = { id: string; title: string };

/**
 * The default setup steps besides the required courses. Data, not labels: the enterprise edits them in
 * the settings (`training.onboarding`), like the portal's guidance text.
 */
export const DEFAULT_ONBOARDING_STEPS: readonly OnboardingStep[] = [
  { id: 'password', title: '修改初始密码，登记手机号和电子邮箱（接收提醒）' },
  { id: 'regulation', title: '通读《信访工作条例》（2022），重点第17条至第36条' },
  { id: 'shadow-reception', title: '跟班参加一次领导接待日或联合接访' },
  { id: 'ledger', title: '在老同志指导下登记一件信访事项并核对台账' },
];
