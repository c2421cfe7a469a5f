/**
 * 奖惩与问责 (issue #18; 《信访工作条例》第39条: 表彰奖励, and for poor work 约谈、通报、挂牌督办、责令限期整改;
 * 第42–46条: 责任追究): a record of a measure decided against a unit or a person, on a stated basis —
 * an indicator of an appraisal round, a case, an emergency incident (at least one) — with its numbered
 * decision document and, for a measure that asks for it, a 整改 deadline and its completion.
 */
import { z } from 'zod';
import { LocalDateSchema } from '../domain/calendar.ts';
import { FigureKeySchema } from './figure.ts';
import { IdSchema } from './unit.ts';
import { RoleSchema } from './user.ts';

/** The measures of 第39条 and 第42–46条, in the order of the glossary. */
export const ACCOUNTABILITY_KINDS = [
  'commendation', // 表彰
  'censure', // 通报批评
  'admonition', // 约谈
  'listed_supervision', // 挂牌督办
  'rectification', // 限期整改
  'accountability', // 责任追究
] as const;
export const AccountabilityKindSchema = z.enum(ACCOUNTABILITY_KINDS);
export type AccountabilityKind = z.infer<typeof AccountabilityKindSchema>;

/** 限期整改 always sets a deadline; 约谈, 挂牌督办 and 通报批评 may; 表彰 never does. */
export const RECTIFY_DEADLINE: Readonly<Record<AccountabilityKind, 'required' | 'optional' | 'never'>> = {
  commendation: 'never',
  censure: 'optional',
  admonition: 'optional',
  listed_supervision: 'optional',
  rectification: 'required',
  accountability: 'optional',
};

const Basis = z
  .object({
    /** An indicator of an appraisal round: the round and the figure key. */
    roundId: IdSchema.optional(),
    figureKey: FigureKeySchema.optional(),
    petitionId: IdSchema.optional(),
    /** The case by its number, as an office types it (resolved to `petitionId`). */
    caseNumber: z.string().trim().min(1).max(40).optional(),
    incidentId: IdSchema.optional(),
  })
  .strict()
  .refine((b) => (b.roundId === undefined) === (b.figureKey === undefined), {
    error: 'an indicator basis names the round and the indicator',
    path: ['figureKey'],
  });

export const AccountabilityInputSchema = z
  .object({
    kind: AccountabilityKindSchema,
    /** The unit measured; for a person, the person (their unit is read from their account). */
    subject: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('unit'), unitId: IdSchema }).strict(),
      z.object({ kind: z.literal('person'), userId: IdSchema }).strict(),
    ]),
    basis: Basis.default({}),
    /** The facts found (事实), as the decision states them. */
    facts: z.string().trim().min(2).max(4000),
    /** What is decided (处理决定): the praise, the criticism, what must be put right. */
    decision: z.string().trim().min(2).max(4000),
    /** 整改期限 (local date, not before today). */
    rectifyDueDate: LocalDateSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const b = input.basis;
    if (
      b.roundId === undefined &&
      b.petitionId === undefined &&
      b.caseNumber === undefined &&
      b.incidentId === undefined
    )
      ctx.addIssue({
        code: 'custom',
        path: ['basis'],
        message: 'state the basis: an indicator of a round, a case or an incident',
      });
    const rule = RECTIFY_DEADLINE[input.kind];
    if (rule === 'required' && input.rectifyDueDate === undefined)
      ctx.addIssue({ code: 'custom', path: ['rectifyDueDate'], message: '限期整改 needs its deadline' });
    if (rule === 'never' && input.rectifyDueDate !== undefined)
      ctx.addIssue({ code: 'custom', path: ['rectifyDueDate'], message: 'a commendation has no deadline' });
  });
export type AccountabilityInput = z.input<typeof AccountabilityInputSchema>;

export const RectifyInputSchema = z.object({ note: z.string().trim().min(2).max(4000) }).strict();
export type RectifyInput = z.infer<typeof RectifyInputSchema>;

export const AccountabilityListQuerySchema = z.object({
  unitId: IdSchema.optional(),
  userId: IdSchema.optional(),
  /** Only those whose 整改 is past its deadline and not done. */
  overdue: z.enum(['true']).optional(),
});
export type AccountabilityListQuery = z.input<typeof AccountabilityListQuerySchema>;

export const AccountabilityViewSchema = z.object({
  id: IdSchema,
  kind: AccountabilityKindSchema,
  subject: z.object({
    kind: z.enum(['unit', 'person']),
    unit: z.object({ id: IdSchema, name: z.string() }),
    person: z.object({ id: IdSchema, name: z.string() }).nullable(),
  }),
  basis: z.object({
    round: z.object({ id: IdSchema, period: z.string(), name: z.string() }).nullable(),
    figureKey: FigureKeySchema.nullable(),
    /** The case, for a viewer who may read it (第30条: never shown to one who may not). */
    petition: z.object({ id: IdSchema, caseNumber: z.string() }).nullable(),
    /** A case is the basis, whether or not the viewer may open it. */
    hasPetition: z.boolean(),
    incident: z.object({ id: IdSchema, title: z.string() }).nullable(),
  }),
  facts: z.string(),
  decision: z.string(),
  documentNumber: z.string(),
  decidedBy: z.object({ id: IdSchema, name: z.string(), unitName: z.string() }),
  decidedAt: z.string(),
  rectification: z
    .object({
      dueDate: LocalDateSchema,
      status: z.enum(['open', 'overdue', 'done', 'done_late']),
      doneAt: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  can: z.object({ rectify: z.boolean() }),
});
export type AccountabilityView = z.infer<typeof AccountabilityViewSchema>;
export const AccountabilityListViewSchema = z.object({ items: z.array(AccountabilityViewSchema) });
export type AccountabilityListView = z.infer<typeof AccountabilityListViewSchema>;

/**
 * A person's record (个人档案, issue #18: "a person's record shows it"): his rewards and penalties with
 * their 整改 (null when the viewer reads appraisal but not accountability), and his scores in the
 * published leader rounds (第39条). His training record is the training module's own page.
 */
export const PersonRecordViewSchema = z.object({
  person: z.object({
    id: IdSchema,
    name: z.string(),
    role: RoleSchema,
    unit: z.object({ id: IdSchema, name: z.string() }),
  }),
  /** The viewer is the person himself. */
  self: z.boolean(),
  measures: z.array(AccountabilityViewSchema).nullable(),
  scores: z.array(
    z.object({
      roundId: IdSchema,
      scheme: z.string(),
      period: z.string(),
      total: z.number(),
      rank: z.number().int().nullable(),
    }),
  ),
});
export type PersonRecordView = z.infer<typeof PersonRecordViewSchema>;
