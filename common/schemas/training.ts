/**
 * 干部培训 (《信访工作条例》第16条): courses with the roles they bind and an optional short test, sessions
 * with their attendees, certificates with expiry, a cadre's record, the office's list of gaps and a new
 * officer's checklist. The test's right answers never leave the server except to those who keep courses.
 */
import { z } from 'zod';
import { STAFF_ROLES } from '../domain/access.ts';
import { LocalDateSchema } from '../domain/calendar.ts';
import { QUALIFICATION_STATES } from '../domain/training.ts';
import { RoleSchema } from './user.ts';
import { IdSchema } from './unit.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The roles a course may bind: the enterprise's own working people (access.ts), not an admin or a partner. */
export const TraineeRoleSchema = z.enum(STAFF_ROLES);

export const TestQuestionSchema = z
  .object({
    text: text(300),
    choices: z.array(text(200)).min(2).max(6),
    answer: z.number().int().min(0).max(5),
  })
  .strict()
  .refine((q) => q.answer < q.choices.length, {
    error: 'the right answer must be one of the choices',
    path: ['answer'],
  });

export const CourseTestSchema = z
  .object({
    passMark: z.number().int().min(1).max(100),
    questions: z.array(TestQuestionSchema).min(1).max(30),
  })
  .strict();

export const CourseInputSchema = z
  .object({
    /** The topic (法规政策、办信流程、接访技巧 …). */
    title: text(100),
    requiredFor: z.array(TraineeRoleSchema).max(STAFF_ROLES.length),
    hours: z.number().int().min(1).max(100),
    /** Months a qualification of this course stays valid; null = it does not expire. */
    validityMonths: z.number().int().min(1).max(120).nullable(),
    test: CourseTestSchema.nullable(),
  })
  .strict();
export type CourseInput = z.infer<typeof CourseInputSchema>;

export const CourseViewSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  unitName: z.string(),
  title: z.string(),
  requiredFor: z.array(RoleSchema),
  hours: z.number(),
  validityMonths: z.number().nullable(),
  test: z
    .object({
      passMark: z.number(),
      /** The right answer, shown only to those who keep the course (null to other readers). */
      questions: z.array(z.object({ text: z.string(), choices: z.array(z.string()), answer: z.number().nullable() })),
    })
    .nullable(),
  sessionCount: z.number().int(),
});
export type CourseView = z.infer<typeof CourseViewSchema>;
export const CourseListViewSchema = z.object({ items: z.array(CourseViewSchema) });
export type CourseListView = z.infer<typeof CourseListViewSchema>;

export const SessionInputSchema = z
  .object({
    courseId: IdSchema,
    unitId: IdSchema,
    heldOn: LocalDateSchema,
    trainer: text(50),
    place: z.string().trim().max(100).optional(),
    attendeeIds: z.array(IdSchema).min(1).max(200),
  })
  .strict();
export type SessionInput = z.infer<typeof SessionInputSchema>;

export const AttendanceInputSchema = z
  .object({
    attendance: z
      .array(z.object({ userId: IdSchema, attended: z.boolean() }).strict())
      .min(1)
      .max(200),
  })
  .strict();
export type AttendanceInput = z.infer<typeof AttendanceInputSchema>;

export const CertificateInputSchema = z.object({ userId: IdSchema }).strict();
export type CertificateInput = z.infer<typeof CertificateInputSchema>;

export const CertificateViewSchema = z.object({
  id: IdSchema,
  issuedOn: LocalDateSchema,
  expiresOn: LocalDateSchema.nullable(),
});

export const AttendeeViewSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  unitName: z.string(),
  attended: z.boolean().nullable(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  testTakenAt: z.string().nullable(),
  certificate: CertificateViewSchema.nullable(),
  /** A certificate may be issued now (attended and, where there is a test, passed). */
  eligible: z.boolean(),
});

export const SessionViewSchema = z.object({
  id: IdSchema,
  course: z.object({ id: IdSchema, title: z.string(), hours: z.number(), hasTest: z.boolean() }),
  unit: z.object({ id: IdSchema, name: z.string() }),
  heldOn: LocalDateSchema,
  trainer: z.string(),
  place: z.string().nullable(),
  attendees: z.array(AttendeeViewSchema),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const SessionSummarySchema = z.object({
  id: IdSchema,
  courseTitle: z.string(),
  unitName: z.string(),
  heldOn: LocalDateSchema,
  trainer: z.string(),
  attendeeCount: z.number().int(),
  attendedCount: z.number().int(),
});
export const SessionListViewSchema = z.object({ items: z.array(SessionSummarySchema) });
export type SessionListView = z.infer<typeof SessionListViewSchema>;

/** The test as its taker sees it: the questions and choices, never the right answers. */
export const TestViewSchema = z.object({
  sessionId: IdSchema,
  courseTitle: z.string(),
  passMark: z.number(),
  questions: z.array(z.object({ text: z.string(), choices: z.array(z.string()) })),
  /** The taker's last result, if any. */
  result: z.object({ score: z.number(), passed: z.boolean(), takenAt: z.string() }).nullable(),
});
export type TestView = z.infer<typeof TestViewSchema>;

export const TestAnswersInputSchema = z.object({ answers: z.array(z.number().int().min(0).max(5)).max(30) }).strict();
export type TestAnswersInput = z.infer<typeof TestAnswersInputSchema>;

export const TestResultViewSchema = z.object({
  score: z.number(),
  correct: z.number().int(),
  total: z.number().int(),
  passed: z.boolean(),
  passMark: z.number(),
});
export type TestResultView = z.infer<typeof TestResultViewSchema>;

export const QualificationStateSchema = z.enum(QUALIFICATION_STATES);

export const ChecklistItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('course'), courseId: IdSchema, title: z.string(), done: z.boolean() }),
  z.object({ kind: z.literal('step'), stepId: z.string(), title: z.string(), done: z.boolean() }),
]);

export const TrainingRecordViewSchema = z.object({
  user: z.object({ id: IdSchema, name: z.string(), unitName: z.string(), role: RoleSchema }),
  totalHours: z.number(),
  sessions: z.array(
    z.object({
      sessionId: IdSchema,
      courseTitle: z.string(),
      heldOn: LocalDateSchema,
      trainer: z.string(),
      hours: z.number(),
      attended: z.boolean().nullable(),
      score: z.number().nullable(),
      passed: z.boolean().nullable(),
      /** The test is there to take (the course has one, the session has been held, not yet passed). */
      testOpen: z.boolean(),
    }),
  ),
  qualifications: z.array(
    z.object({
      courseId: IdSchema,
      courseTitle: z.string(),
      required: z.boolean(),
      state: QualificationStateSchema,
      issuedOn: LocalDateSchema.nullable(),
      expiresOn: LocalDateSchema.nullable(),
    }),
  ),
  /** The first weeks' checklist: the required courses and the setup steps (shown as new while `newcomer`). */
  checklist: z.object({ newcomer: z.boolean(), items: z.array(ChecklistItemSchema) }),
});
export type TrainingRecordView = z.infer<typeof TrainingRecordViewSchema>;

export const GapQuerySchema = z.object({ unitId: IdSchema.optional() }).strict();
export type GapQuery = z.infer<typeof GapQuerySchema>;

export const GapListViewSchema = z.object({
  items: z.array(
    z.object({
      userId: IdSchema,
      name: z.string(),
      role: RoleSchema,
      unitId: IdSchema,
      unitName: z.string(),
      courseId: IdSchema,
      courseTitle: z.string(),
      state: z.enum(['missing', 'expired', 'expiring']),
      expiresOn: LocalDateSchema.nullable(),
    }),
  ),
});
export type GapListView = z.infer<typeof GapListViewSchema>;

/** The setting `training.onboarding`: how many weeks an account counts as new, and the setup steps. */
export const OnboardingSettingSchema = z
  .object({
    weeks: z.number().int().min(1).max(26),
    steps: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'a step id is lower-case letters, digits and "-"' }),
            title: text(200),
          })
          .strict(),
      )
      .max(20)
      .refine((steps) => new Set(steps.map((s) => s.id)).size === steps.length, { error: 'step ids must differ' }),
  })
  .strict();
export type OnboardingSetting = z.infer<typeof OnboardingSettingSchema>;
