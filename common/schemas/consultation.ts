/**
 * Contracts of consultations (征求意见, issue #17): an office publishes a draft decision or policy with
 * the units asked and a deadline; workers comment from the portal without an account (one comment per
 * person per draft, named or anonymous); the office answers each suggestion with a reason (第29条) and
 * publishes the adoption summary with its decision.
 */
import { z } from 'zod';
import { LocalDateSchema } from '../domain/calendar.ts';
import { CONSULTATION_ANSWERS } from '../domain/consultation.ts';
import { PhoneSchema } from '../domain/identity.ts';
import { IdSchema } from './unit.ts';

const Instant = z.iso.datetime({ offset: true });

export const ConsultationAnswerSchema = z.enum(CONSULTATION_ANSWERS);
export const ConsultationStageSchema = z.enum(['open', 'closed', 'decided']);

export const COMMENT_MAX = 2000;

export const ConsultationInputSchema = z
  .object({
    title: z.string().trim().min(2).max(100),
    body: z.string().trim().min(10).max(20000),
    /** The units whose workers are asked (each counts with its subtree). */
    unitIds: z.array(IdSchema).min(1).max(200),
    /** The last day comments are taken (UTC+8). */
    deadline: LocalDateSchema,
  })
  .strict();
export type ConsultationInput = z.input<typeof ConsultationInputSchema>;

export const ConsultationAnswerInputSchema = z
  .object({
    answer: ConsultationAnswerSchema,
    /** 第29条: the reason is told with every answer, adopted or not. */
    reason: z.string().trim().min(2, { error: 'give the reason for the answer' }).max(2000),
  })
  .strict();
export type ConsultationAnswerInput = z.input<typeof ConsultationAnswerInputSchema>;

export const ConsultationDecideInputSchema = z.object({ decision: z.string().trim().min(10).max(20000) }).strict();
export type ConsultationDecideInput = z.input<typeof ConsultationDecideInputSchema>;

const CountsSchema = z.object({
  total: z.number().int(),
  adopted: z.number().int(),
  partly: z.number().int(),
  notAdopted: z.number().int(),
  unanswered: z.number().int(),
});

const AttachmentSchema = z.object({
  id: IdSchema,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const ConsultationListViewSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      title: z.string(),
      unitName: z.string(),
      stage: ConsultationStageSchema,
      deadline: LocalDateSchema,
      createdAt: Instant,
      counts: CountsSchema,
    }),
  ),
});
export type ConsultationListView = z.infer<typeof ConsultationListViewSchema>;

/**
 * A comment as the office sees it: a named commenter's name and unit; an anonymous one's unit only
 * (the phone is never stored, only a keyed hash for the one-per-person rule, and never shown).
 */
export const ConsultationCommentViewSchema = z.object({
  id: IdSchema,
  body: z.string(),
  anonymous: z.boolean(),
  name: z.string().nullable(),
  unitName: z.string(),
  createdAt: Instant,
  answer: ConsultationAnswerSchema.nullable(),
  reason: z.string().nullable(),
  answeredAt: Instant.nullable(),
});
export type ConsultationCommentView = z.infer<typeof ConsultationCommentViewSchema>;

export const ConsultationViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  body: z.string(),
  unitId: IdSchema,
  unitName: z.string(),
  stage: ConsultationStageSchema,
  deadline: LocalDateSchema,
  createdAt: Instant,
  units: z.array(z.object({ id: IdSchema, name: z.string() })),
  attachments: z.array(AttachmentSchema),
  decision: z.string().nullable(),
  decidedAt: Instant.nullable(),
  counts: CountsSchema,
  /** Whether the actor may answer and decide (the office of the publishing unit's subtree). */
  canManage: z.boolean(),
  comments: z.array(ConsultationCommentViewSchema),
});
export type ConsultationView = z.infer<typeof ConsultationViewSchema>;

export const ConsultationCommentsQuerySchema = z.object({ q: z.string().trim().max(100).optional() }).strict();

/** The comments a search finds, and the clusters of all comments by the text engine's hotspot analysis. */
export const ConsultationCommentsViewSchema = z.object({
  items: z.array(ConsultationCommentViewSchema),
  clusters: z.array(
    z.object({
      title: z.string(),
      keywords: z.array(z.string()),
      size: z.number().int(),
      commentIds: z.array(IdSchema),
    }),
  ),
});
export type ConsultationCommentsView = z.infer<typeof ConsultationCommentsViewSchema>;

// ---------------------------------------------------------------------------------------------
// Portal

export const PortalConsultationListViewSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      title: z.string(),
      unitName: z.string(),
      stage: ConsultationStageSchema,
      deadline: LocalDateSchema,
    }),
  ),
});
export type PortalConsultationListView = z.infer<typeof PortalConsultationListViewSchema>;

/** The adoption summary: counts and every answered suggestion, anonymised (no name, no unit). */
export const PortalAdoptionSummarySchema = z.object({
  decision: z.string(),
  decidedAt: Instant,
  counts: CountsSchema,
  suggestions: z.array(z.object({ body: z.string(), answer: ConsultationAnswerSchema, reason: z.string() })),
});

export const PortalConsultationViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  body: z.string(),
  unitName: z.string(),
  stage: ConsultationStageSchema,
  deadline: LocalDateSchema,
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  attachments: z.array(AttachmentSchema.pick({ id: true, fileName: true, size: true })),
  summary: PortalAdoptionSummarySchema.nullable(),
});
export type PortalConsultationView = z.infer<typeof PortalConsultationViewSchema>;

export const PortalCommentInputSchema = z
  .object({
    /** Never stored: only its keyed hash, per draft, for the one-comment-per-person rule. */
    phone: PhoneSchema,
    anonymous: z.boolean(),
    name: z.string().trim().min(1).max(40).optional(),
    /** Where the commenter works: one of the units asked, or a unit under one. */
    unitCode: z.string().trim().min(1).max(40),
    body: z.string().trim().min(5, { error: 'please write at least 5 characters' }).max(COMMENT_MAX),
    challenge: z.string().min(1).max(200),
    nonce: z.string().min(1).max(20),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.anonymous && input.name !== undefined)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'an anonymous comment carries no name' });
    if (!input.anonymous && input.name === undefined)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'a named comment needs the name' });
  });
export type PortalCommentInput = z.input<typeof PortalCommentInputSchema>;

export const PortalCommentReceiptViewSchema = z.object({ createdAt: Instant });
export type PortalCommentReceiptView = z.infer<typeof PortalCommentReceiptViewSchema>;
