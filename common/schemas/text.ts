/** Contracts of the text engine in the workbench (issue #6): likely repeats, category suggestion, hotspots. */
import { z } from 'zod';
import { PetitionSummaryViewSchema } from './petition.ts';
import { IdSchema } from './unit.ts';

const Title = z.string().trim().max(200);
const Body = z.string().max(20_000);

/** What the registration form has typed so far, and who the petitioner is when known. */
export const RepeatQueryInputSchema = z
  .object({
    title: Title.default(''),
    body: Body.default(''),
    /** The case itself (the case page asks for the repeats of an existing petition). */
    excludeId: IdSchema.optional(),
    /** The category chosen (or suggested) so far: the same person's open or recent case of it is a likely repeat. */
    categoryCode: z.string().trim().min(1).max(40).optional(),
    identity: z
      .object({
        idNumber: z.string().trim().max(30).optional(),
        phone: z.string().trim().max(30).optional(),
        name: z.string().trim().max(50).optional(),
        unitId: IdSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type RepeatQueryInput = z.input<typeof RepeatQueryInputSchema>;

/** Why a case is offered as a likely repeat; the interface words each code. */
export const REPEAT_REASONS = [
  'text_similar',
  'text_contained',
  'same_id_number',
  'same_phone',
  'same_name_unit',
  /** The same person (ID number or phone) has an open or recent case of the same category (issue #19). */
  'same_person_category',
] as const;
export const RepeatReasonSchema = z.object({ code: z.enum(REPEAT_REASONS), value: z.number().optional() });
export type RepeatReason = z.infer<typeof RepeatReasonSchema>;

export const RepeatCandidateViewSchema = z.object({
  petition: PetitionSummaryViewSchema,
  /**
   * Likelihood in [0, 1]: Jaccard of the texts, or 0.9 × containment, + 0.05 with the same person;
   * 0.6 for the same person's open or recent case of the same category when the texts differ.
   */
  score: z.number(),
  reasons: z.array(RepeatReasonSchema),
  /** The earlier case is final (终结): the matter is not accepted again (第36条第3款); staff confirm. */
  final: z.boolean(),
});
export type RepeatCandidateView = z.infer<typeof RepeatCandidateViewSchema>;

export const RepeatListViewSchema = z.object({
  items: z.array(RepeatCandidateViewSchema),
  /** Some candidate is final: suggest 不再受理. */
  notAcceptAgain: z.boolean(),
});
export type RepeatListView = z.infer<typeof RepeatListViewSchema>;

/** 重复访: link this petition to the earlier one of the same matter. */
export const LinkRepeatInputSchema = z
  .object({ repeatOfId: IdSchema, note: z.string().trim().max(2000).optional() })
  .strict();

export const SuggestInputSchema = z.object({ title: Title.default(''), body: Body.default('') }).strict();
export type SuggestInput = z.input<typeof SuggestInputSchema>;

export const ClassifierStatusViewSchema = z.object({
  trained: z.boolean(),
  trainedAt: z.string().nullable(),
  /** Categorised petitions the model was trained on, and its categories. */
  sampleSize: z.number().int(),
  classCount: z.number().int(),
  /** Categorised petitions available now and the minimum to train. */
  available: z.number().int(),
  minimum: z.number().int(),
  durationMs: z.number().int().nullable(),
});
export type ClassifierStatusView = z.infer<typeof ClassifierStatusViewSchema>;

export const SuggestionViewSchema = z.object({
  /**
   * `no_model`: not trained yet (not enough categorised petitions); `empty`: no text to judge;
   * `uncertain`: no suggestion — too little history per category, or the model is not sure enough.
   */
  status: z.enum(['ready', 'no_model', 'empty', 'uncertain']),
  categories: z.array(z.object({ code: z.string(), label: z.string(), confidence: z.number() })),
  /** The unit that most often handled petitions of the best category, when in the viewer's scope. */
  handlingUnit: z.object({ id: IdSchema, name: z.string(), share: z.number() }).nullable(),
});
export type SuggestionView = z.infer<typeof SuggestionViewSchema>;

const LocalDate = z.iso.date();
export const HotspotQuerySchema = z.object({
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  unitId: IdSchema.optional(),
});
export type HotspotQuery = z.input<typeof HotspotQuerySchema>;

export const HotspotViewSchema = z.object({
  title: z.string(),
  representativeId: IdSchema,
  keywords: z.array(z.string()),
  size: z.number().int(),
  people: z.number().int(),
  groupPetitions: z.number().int(),
  weekly: z.array(z.object({ week: z.string(), count: z.number().int() })),
  /** (later half + 1) / (earlier half + 1) of the period, and its reading. */
  growth: z.number(),
  trend: z.enum(['rising', 'steady', 'falling']),
  score: z.number(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  /** The member cases, all visible to the viewer (the input is the viewer's scoped list). */
  petitionIds: z.array(IdSchema),
});
export type HotspotView = z.infer<typeof HotspotViewSchema>;

export const HotspotListViewSchema = z.object({
  items: z.array(HotspotViewSchema),
  from: z.string(),
  to: z.string(),
  /** Petitions analysed, and whether the period held more than the cap (the newest were analysed). */
  analysed: z.number().int(),
  cap: z.number().int(),
  capped: z.boolean(),
});
export type HotspotListView = z.infer<typeof HotspotListViewSchema>;
