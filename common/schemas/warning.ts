/** Contracts of early warning: warnings, analyses (研判), sensitive periods, the risk policy. */
import { z } from 'zod';
import { RISK_LEVELS } from '../domain/risk.ts';
import { PetitionSummaryViewSchema } from './petition.ts';
import { IdSchema } from './unit.ts';

export const WARNING_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export const WarningLevelSchema = z.enum(WARNING_LEVELS);
export const WARNING_KINDS = ['petition_risk', 'spike', 'repeat_person', 'named_cadre', 'hotspot'] as const;
export const WarningKindSchema = z.enum(WARNING_KINDS);
export const WARNING_STATUSES = ['open', 'acknowledged', 'analysed', 'closed'] as const;
export const WarningStatusSchema = z.enum(WARNING_STATUSES);

/** One reason of a warning: a code the interface words, with the numbers behind it. */
export const WarningReasonSchema = z.object({
  code: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type WarningReason = z.infer<typeof WarningReasonSchema>;

export const WarningSummaryViewSchema = z.object({
  id: IdSchema,
  kind: WarningKindSchema,
  level: WarningLevelSchema,
  title: z.string(),
  unitId: IdSchema,
  unitName: z.string(),
  status: WarningStatusSchema,
  reasons: z.array(WarningReasonSchema),
  petitionCount: z.number().int(),
  escalationLevel: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WarningSummaryView = z.infer<typeof WarningSummaryViewSchema>;

export const WarningAnalysisViewSchema = z.object({
  id: IdSchema,
  authorName: z.string(),
  judgement: z.string(),
  measures: z.string(),
  responsible: z.string(),
  dueDate: z.string(),
  createdAt: z.string(),
});

export const WarningDetailViewSchema = WarningSummaryViewSchema.extend({
  /** The cases behind it that the viewer may see. */
  petitions: z.array(PetitionSummaryViewSchema),
  analyses: z.array(WarningAnalysisViewSchema),
  acknowledgedByName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  actions: z.array(z.enum(['acknowledge', 'analyse', 'close'])),
});
export type WarningDetailView = z.infer<typeof WarningDetailViewSchema>;

export const WarningListQuerySchema = z.object({
  status: z.enum(['active', ...WARNING_STATUSES]).default('active'),
  level: WarningLevelSchema.optional(),
  kind: WarningKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WarningListQuery = z.input<typeof WarningListQuerySchema>;
export const WarningListViewSchema = z.object({
  items: z.array(WarningSummaryViewSchema),
  counts: z.record(WarningLevelSchema, z.number().int()),
});
export type WarningListView = z.infer<typeof WarningListViewSchema>;

export const WarningAnalysisInputSchema = z
  .object({
    judgement: z.string().trim().min(2, { error: 'the judgement is required' }).max(5000),
    measures: z.string().trim().min(2, { error: 'the measures are required' }).max(5000),
    responsible: z.string().trim().min(1, { error: 'name who is responsible' }).max(100),
    dueDate: z.iso.date(),
  })
  .strict();
export type WarningAnalysisInput = z.infer<typeof WarningAnalysisInputSchema>;
export const WarningCloseInputSchema = z.object({ note: z.string().trim().max(2000).optional() }).strict();

export const SENSITIVE_PERIOD_KINDS = ['holiday', 'wage_day', 'restructuring', 'meeting', 'other'] as const;
export const SensitivePeriodInputSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    kind: z.enum(SENSITIVE_PERIOD_KINDS),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((p) => p.endDate >= p.startDate, { path: ['endDate'], error: 'the end is before the start' });
export type SensitivePeriodInput = z.infer<typeof SensitivePeriodInputSchema>;
export const SensitivePeriodViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: z.enum(SENSITIVE_PERIOD_KINDS),
  startDate: z.string(),
  endDate: z.string(),
  note: z.string().nullable(),
  active: z.boolean(),
});
export const SensitivePeriodListViewSchema = z.object({
  items: z.array(SensitivePeriodViewSchema),
  current: SensitivePeriodViewSchema.nullable(),
});

export const RiskPolicyViewSchema = z.object({
  threatTerms: z.array(z.string().trim().min(1).max(20)).max(200),
  categoryWeights: z.record(z.string().max(10), z.number().int().min(0).max(30)),
  thresholds: z.object({
    blue: z.number().int(),
    yellow: z.number().int(),
    orange: z.number().int(),
    red: z.number().int(),
  }),
  sensitiveTightening: z.number().int().min(0).max(30),
});
export type RiskPolicyView = z.infer<typeof RiskPolicyViewSchema>;

export const RiskLevelSchema = z.enum(RISK_LEVELS);
