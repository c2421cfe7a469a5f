/**
 * Contracts of 源头预防 (prevention, issue #15 part A): screening campaigns (矛盾隐患排查) with one
 * return per covered unit, and the hazard ledger (排查台账) — a hazard with its measures, progress
 * notes, 销号 approved by the level above, and its links to petitions both ways.
 */
import { z } from 'zod';
import { LocalDateSchema } from '../domain/calendar.ts';
import { HAZARD_RISK_LEVELS } from '../domain/screening.ts';
import { ReceiptViewSchema } from './intake.ts';
import { RegisterPetitionInputSchema } from './petition.ts';
import { RecordDrillQuerySchema } from './figure.ts';
import { IdSchema, UnitKindSchema } from './unit.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Ref = z.object({ id: IdSchema, name: z.string() });

// ---------------------------------------------------------------------------------------------
// Screening campaigns

export const COVERABLE_UNIT_KINDS = ['mine', 'company', 'department', 'district_team', 'crew'] as const;

export const CampaignInputSchema = z
  .object({
    /** The level that opens it (its subtree is covered); the caller's own unit by default. */
    unitId: IdSchema.optional(),
    topic: Text(200),
    description: z.string().trim().max(5000).default(''),
    periodFrom: LocalDateSchema,
    periodTo: LocalDateSchema,
    /** Answers due by the end of this day (24:00 in China). */
    dueDate: LocalDateSchema,
    /** Narrow the covered units to these kinds; every unit below by default. */
    unitKinds: z.array(UnitKindSchema.extract(COVERABLE_UNIT_KINDS)).min(1).max(5).optional(),
  })
  .strict();
export type CampaignInput = z.input<typeof CampaignInputSchema>;
export type CampaignData = z.output<typeof CampaignInputSchema>;

const ReturnCountsSchema = z.object({
  total: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  nil: z.number().int(),
  withHazards: z.number().int(),
  hazards: z.number().int(),
  /** Not answered and past the cut-off. */
  missing: z.number().int(),
  /** Not answered, not yet due. */
  pending: z.number().int(),
});
export type ReturnCounts = z.infer<typeof ReturnCountsSchema>;

export const CampaignViewSchema = z.object({
  id: IdSchema,
  unit: Ref,
  topic: z.string(),
  description: z.string(),
  periodFrom: LocalDateSchema,
  periodTo: LocalDateSchema,
  dueDate: LocalDateSchema,
  unitKinds: z.array(UnitKindSchema).nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  counts: ReturnCountsSchema,
});
export type CampaignView = z.infer<typeof CampaignViewSchema>;

export const CampaignListViewSchema = z.object({ items: z.array(CampaignViewSchema) });
export type CampaignListView = z.infer<typeof CampaignListViewSchema>;

export const RETURN_STATUSES = ['pending', 'nil', 'hazards'] as const;

export const ReturnViewSchema = z.object({
  id: IdSchema,
  campaignId: IdSchema,
  topic: z.string(),
  unit: Ref,
  dueDate: LocalDateSchema,
  status: z.enum(RETURN_STATUSES),
  overdue: z.boolean(),
  onTime: z.boolean().nullable(),
  hazardCount: z.number().int(),
  note: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  chasedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  canAnswer: z.boolean(),
});
export type ReturnView = z.infer<typeof ReturnViewSchema>;

export const ReturnListViewSchema = z.object({ items: z.array(ReturnViewSchema) });

/**
 * 排查报送 in the reader's scope, opened from screening.answeredOnTime: the returns of a unit's subtree
 * (`unitId`) due in a period (`from`, `to`), only those answered by their cut-off with `onTime=true`.
 */
export const ReturnListQuerySchema = RecordDrillQuerySchema.extend({ onTime: z.enum(['true']).optional() }).strict();
export type ReturnListQuery = z.input<typeof ReturnListQuerySchema>;
export type ReturnListView = z.infer<typeof ReturnListViewSchema>;

/** 排查汇总: per direct child of `unit` (each over its subtree), drill down by choosing a child. */
export const CampaignRollupQuerySchema = z.object({ unitId: IdSchema.optional() }).strict();
export const CampaignRollupViewSchema = z.object({
  campaign: CampaignViewSchema,
  unit: Ref,
  total: ReturnCountsSchema,
  byUnit: z.array(ReturnCountsSchema.extend({ unitId: IdSchema, unitName: z.string(), hasChildren: z.boolean() })),
  /** The unit's own return and those of its direct children, to chase or read. */
  returns: z.array(ReturnViewSchema),
});
export type CampaignRollupView = z.infer<typeof CampaignRollupViewSchema>;

// ---------------------------------------------------------------------------------------------
// Hazards

export const HazardRiskLevelSchema = z.enum(HAZARD_RISK_LEVELS);

export const MeasureInputSchema = z.object({ text: Text(1000), dueDate: LocalDateSchema }).strict();
export type MeasureInput = z.input<typeof MeasureInputSchema>;

export const HazardInputSchema = z
  .object({
    title: Text(200),
    location: Text(200),
    workersInvolved: z.number().int().min(0).max(100_000),
    categoryCode: z.string().trim().max(10).optional(),
    riskLevel: HazardRiskLevelSchema,
    leadLeaderId: IdSchema.optional(),
    responsibleDepartment: Text(100).optional(),
    measures: z.array(MeasureInputSchema).max(20).default([]),
  })
  .strict();
export type HazardInput = z.input<typeof HazardInputSchema>;
export type HazardData = z.output<typeof HazardInputSchema>;

/** A new hazard in the ledger, at a unit (the caller's own by default). */
export const CreateHazardInputSchema = HazardInputSchema.extend({ unitId: IdSchema.optional() }).strict();
export type CreateHazardInput = z.input<typeof CreateHazardInputSchema>;

/** A unit's answer to a campaign: 无隐患 (`nil: true`) or the hazards found (at least one). */
export const AnswerReturnInputSchema = z
  .object({
    unitId: IdSchema.optional(),
    nil: z.boolean(),
    note: z.string().trim().max(2000).optional(),
    hazards: z.array(HazardInputSchema).max(20).default([]),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.nil && input.hazards.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['hazards'], message: 'a 无隐患 return lists no hazards' });
    }
    if (!input.nil && input.hazards.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['hazards'], message: 'list the hazards found, or answer 无隐患' });
    }
  });
export type AnswerReturnInput = z.input<typeof AnswerReturnInputSchema>;

export const HazardLeadInputSchema = z
  .object({ leadLeaderId: IdSchema, responsibleDepartment: Text(100).optional() })
  .strict();
export type HazardLeadInput = z.input<typeof HazardLeadInputSchema>;

export const HazardNoteInputSchema = z.object({ text: Text(2000) }).strict();
export const ClearRequestInputSchema = z.object({ evidence: z.string().trim().max(5000) }).strict();
export const ClearDecisionInputSchema = z.object({ note: z.string().trim().max(2000).default('') }).strict();
export const SendBackInputSchema = z.object({ reason: Text(2000) }).strict();

export const HAZARD_STATES = ['open', 'clearing', 'cleared'] as const;
export const HAZARD_ACTIONS = ['manage', 'lead', 'requestClear', 'approveClear', 'toPetition'] as const;

export const HazardSummarySchema = z.object({
  id: IdSchema,
  unit: Ref,
  title: z.string(),
  location: z.string(),
  workersInvolved: z.number().int(),
  categoryCode: z.string().nullable(),
  riskLevel: HazardRiskLevelSchema,
  state: z.enum(HAZARD_STATES),
  leadLeader: Ref.nullable(),
  dueDate: LocalDateSchema.nullable(),
  foundDate: LocalDateSchema,
  campaignId: IdSchema.nullable(),
});
export type HazardSummary = z.infer<typeof HazardSummarySchema>;

export const HazardViewSchema = HazardSummarySchema.extend({
  responsibleDepartment: z.string().nullable(),
  campaign: z.object({ id: IdSchema, topic: z.string() }).nullable(),
  measures: z.array(
    z.object({
      id: IdSchema,
      text: z.string(),
      dueDate: LocalDateSchema,
      doneAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  notes: z.array(
    z.object({
      id: IdSchema,
      kind: z.enum(['note', 'clear_requested', 'cleared', 'sent_back']),
      text: z.string(),
      authorName: z.string(),
      at: z.string(),
    }),
  ),
  /** The petitions it became or that revealed it — those the reader may open. */
  petitions: z.array(z.object({ id: IdSchema, caseNumber: z.string(), relation: z.enum(['became', 'revealed']) })),
  clearEvidence: z.string().nullable(),
  clearedAt: z.string().nullable(),
  actions: z.array(z.enum(HAZARD_ACTIONS)),
  createdAt: z.string(),
});
export type HazardView = z.infer<typeof HazardViewSchema>;

/**
 * The ledger's filters; `unitId`, `from`, `to` (RecordDrillQuerySchema) open it from a figure: the
 * period is of the date found (`dateOf=found`, hazard.found) or of the date due to be cleared
 * (`dateOf=due`, hazard.clearedOnTime, with `clearedOnTime=true` for the value).
 */
export const HazardListQuerySchema = RecordDrillQuerySchema.extend({
  state: z.enum(HAZARD_STATES).optional(),
  campaignId: IdSchema.optional(),
  dateOf: z.enum(['found', 'due']).default('found'),
  clearedOnTime: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
export type HazardListQuery = z.input<typeof HazardListQuerySchema>;

export const HazardListViewSchema = z.object({
  items: z.array(HazardSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type HazardListView = z.infer<typeof HazardListViewSchema>;

export const HazardToPetitionInputSchema = z.object({ petition: RegisterPetitionInputSchema }).strict();
export type HazardToPetitionInput = z.input<typeof HazardToPetitionInputSchema>;
export const HazardToPetitionViewSchema = z.object({ hazard: HazardViewSchema, receipt: ReceiptViewSchema });
export type HazardToPetitionView = z.infer<typeof HazardToPetitionViewSchema>;

export const PetitionHazardsViewSchema = z.object({ items: z.array(HazardSummarySchema) });
export type PetitionHazardsView = z.infer<typeof PetitionHazardsViewSchema>;
