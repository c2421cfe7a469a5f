/**
 * 考核 (issue #18, 《信访工作条例》第39条): schemes (考核方案), rounds (考核轮次) and each unit's result —
 * scored from the registered figures (common/schemas/figure.ts), so every point drills down to rows.
 */
import { z } from 'zod';
import { FigureDrillSchema, FigureKeySchema, type FigureKey } from './figure.ts';
import { IdSchema } from './unit.ts';

export const APPRAISAL_PERIOD_KINDS = ['quarter', 'year'] as const;
export const APPRAISAL_LEVELS = ['mine', 'company'] as const;
/** 第39条 appraises units and leaders: a scheme scores the units of its level, or their leaders. */
export const APPRAISAL_SUBJECT_KINDS = ['unit', 'leader'] as const;
export type AppraisalSubjectKind = (typeof APPRAISAL_SUBJECT_KINDS)[number];

/**
 * The figures that have an owner (包案领导, 第18条): computed per owner leader with the petition list's
 * own filters plus `ownerId`, so a leader's point drills down to his cases. A leader scheme may score
 * only these (a unit figure such as daily reports says nothing about one leader).
 */
export const LEADER_FIGURE_KEYS = [
  'petition.concludedOnTime',
  'petition.ownershipConfirmedOnTime',
  'petition.satisfied',
  'petition.overdueOpen',
] as const satisfies readonly FigureKey[];
const isLeaderKey = (key: FigureKey) => (LEADER_FIGURE_KEYS as readonly FigureKey[]).includes(key);

const Indicator = z
  .object({
    key: FigureKeySchema,
    weight: z.number().int().min(1).max(100),
    /** Full weight at the target, none at the threshold (a rate in percent). */
    target: z.number().min(0).max(100_000),
    threshold: z.number().min(0).max(100_000),
  })
  .strict()
  .refine((i) => i.target !== i.threshold, { error: 'target and threshold must differ', path: ['threshold'] });

const Rule = z
  .object({
    key: FigureKeySchema,
    /** Points per counted item: negative for a deduction (each 越级 −5), positive for a bonus. */
    points: z
      .number()
      .min(-100)
      .max(100)
      .refine((p) => p !== 0, { error: 'points must not be zero' }),
    /** The most points the rule may add or take. */
    cap: z.number().min(0).max(100).optional(),
    label: z.string().trim().max(60).optional(),
  })
  .strict();

export const AppraisalDefinitionSchema = z
  .object({
    indicators: z.array(Indicator).min(1).max(20),
    rules: z.array(Rule).max(10).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    const sum = d.indicators.reduce((s, i) => s + i.weight, 0);
    if (sum !== 100)
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: `the weights add up to ${sum}, not 100` });
    const keys = d.indicators.map((i) => i.key);
    if (new Set(keys).size !== keys.length)
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'an indicator appears twice' });
  });
export type AppraisalDefinition = z.infer<typeof AppraisalDefinitionSchema>;

export const AppraisalSchemeInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    periodKind: z.enum(APPRAISAL_PERIOD_KINDS),
    level: z.enum(APPRAISAL_LEVELS),
    /** `leader`: the chiefs and deputies of the level's units, scored on the figures of their own cases. */
    subjectKind: z.enum(APPRAISAL_SUBJECT_KINDS).default('unit'),
    definition: AppraisalDefinitionSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.subjectKind !== 'leader') return;
    for (const [list, items] of [
      ['indicators', s.definition.indicators],
      ['rules', s.definition.rules],
    ] as const)
      items.forEach((item, i) => {
        if (!isLeaderKey(item.key))
          ctx.addIssue({
            code: 'custom',
            path: ['definition', list, i, 'key'],
            message: `${item.key} is a unit figure: a leader scheme scores only ${LEADER_FIGURE_KEYS.join(', ')}`,
          });
      });
  });
export type AppraisalSchemeInput = z.input<typeof AppraisalSchemeInputSchema>;

export const AppraisalSchemeViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  periodKind: z.enum(APPRAISAL_PERIOD_KINDS),
  level: z.enum(APPRAISAL_LEVELS),
  subjectKind: z.enum(APPRAISAL_SUBJECT_KINDS),
  version: z.number().int(),
  definition: AppraisalDefinitionSchema,
  frozen: z.boolean(),
  updatedAt: z.string(),
});
export type AppraisalSchemeView = z.infer<typeof AppraisalSchemeViewSchema>;
export const AppraisalSchemeListViewSchema = z.object({ items: z.array(AppraisalSchemeViewSchema) });

export const AppraisalRoundInputSchema = z
  .object({
    schemeId: IdSchema,
    /** `2026-Q1` for a quarterly scheme, `2026` for a yearly one; the period must be over. */
    period: z.string().regex(/^\d{4}(-Q[1-4])?$/, { error: 'a quarter (2026-Q1) or a year (2026)' }),
  })
  .strict();
export type AppraisalRoundInput = z.infer<typeof AppraisalRoundInputSchema>;

const Item = z.object({
  key: FigureKeySchema,
  version: z.number().int(),
  value: z.number(),
  of: z.number().nullable(),
  measured: z.number().nullable(),
  weight: z.number(),
  points: z.number(),
  drill: FigureDrillSchema,
});
const RuleLine = z.object({
  key: FigureKeySchema,
  label: z.string().nullable(),
  count: z.number(),
  points: z.number(),
  drill: FigureDrillSchema,
});

export const AppraisalResultViewSchema = z.object({
  id: IdSchema,
  /** The unit scored, or the leader's unit. */
  unit: z.object({ id: IdSchema, name: z.string() }),
  /** The leader scored (a leader round), null for a unit's result. */
  leader: z.object({ id: IdSchema, name: z.string() }).nullable(),
  computed: z.number(),
  adjustment: z.number(),
  adjustReason: z.string().nullable(),
  total: z.number(),
  rank: z.number().int().nullable(),
  /** The same subject's rank in the previous published round of the scheme (the rank change), if any. */
  previousRank: z.number().int().nullable(),
  items: z.array(Item),
  rules: z.array(RuleLine),
  selfAssessment: z.object({ text: z.string(), at: z.string() }).nullable(),
  evidence: z.array(z.object({ id: IdSchema, fileName: z.string(), size: z.number().int() })),
  reviewedAt: z.string().nullable(),
  /** What the viewer may do on it now. */
  can: z.object({ selfAssess: z.boolean(), review: z.boolean() }),
});
export type AppraisalResultView = z.infer<typeof AppraisalResultViewSchema>;

export const AppraisalRoundSummarySchema = z.object({
  id: IdSchema,
  scheme: z.object({
    id: IdSchema,
    name: z.string(),
    version: z.number().int(),
    subjectKind: z.enum(APPRAISAL_SUBJECT_KINDS),
  }),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(['open', 'published']),
  computedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const AppraisalRoundListViewSchema = z.object({ items: z.array(AppraisalRoundSummarySchema) });

export const AppraisalRoundViewSchema = AppraisalRoundSummarySchema.extend({
  results: z.array(AppraisalResultViewSchema),
  can: z.object({ publish: z.boolean() }),
});
export type AppraisalRoundView = z.infer<typeof AppraisalRoundViewSchema>;

export const SelfAssessmentInputSchema = z.object({ text: z.string().trim().min(1).max(4000) }).strict();
export const AppraisalReviewInputSchema = z
  .object({
    /** Points added (positive) or taken (negative) by the reviewer; a reason is required when not zero. */
    adjustment: z.number().min(-100).max(100).default(0),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((r) => r.adjustment === 0 || (r.reason !== undefined && r.reason.length > 0), {
    error: 'an adjustment needs a reason',
    path: ['reason'],
  });
export type AppraisalReviewInput = z.input<typeof AppraisalReviewInputSchema>;

/** A unit's total over the published rounds of a scheme (the chart). */
export const AppraisalHistoryViewSchema = z.object({
  unit: z.object({ id: IdSchema, name: z.string() }),
  points: z.array(z.object({ roundId: IdSchema, period: z.string(), total: z.number(), rank: z.number().nullable() })),
});
