/**
 * Contracts of 来电登记 (call record): a phone intake (第17条 lists 电话 among the channels) with the
 * caller's call-back number — identity data, encrypted at rest and shown masked, in full only to the
 * office through an audited reveal — the call's time, duration and summary, the call-back promised
 * (by when) and made, and the case the call became or belongs to, linked both ways.
 */
import { z } from 'zod';
import { PhoneSchema } from '../domain/identity.ts';
import { ReceiptViewSchema } from './intake.ts';
import { RegisterPetitionInputSchema } from './petition.ts';
import { IdSchema } from './unit.ts';

/** Four hours: longer is a typing error, not a call. */
export const CALL_DURATION_MAX_SECONDS = 4 * 3600;
export const SUMMARY_MAX = 5000;
/** A call-back promised more than this after the call is a typing error (and no promise to keep). */
export const CALLBACK_MAX_DAYS = 60;

const Instant = z.iso.datetime({ offset: true });

export const CallRecordInputSchema = z
  .object({
    calledAt: Instant,
    durationSeconds: z.number().int().min(0).max(CALL_DURATION_MAX_SECONDS),
    callerName: z.string().trim().min(1).max(40).optional(),
    /** The number to call back (the caller's, or one they gave). */
    callerNumber: PhoneSchema.optional(),
    summary: z.string().trim().min(2, { error: 'summary must have at least 2 characters' }).max(SUMMARY_MAX),
    /** The call-back promised, by when. */
    callbackDueAt: Instant.optional(),
    /** The open case the call is about (the caller asks after it, adds to it). */
    petitionId: IdSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.callbackDueAt !== undefined && input.callerNumber === undefined) {
      ctx.addIssue({ code: 'custom', path: ['callerNumber'], message: 'a call-back needs a number to call' });
    }
  });
export type CallRecordInput = z.input<typeof CallRecordInputSchema>;
export type CallRecordData = z.output<typeof CallRecordInputSchema>;

/** The call-back made: when (now by default) and what the caller was told. */
export const CallbackInputSchema = z
  .object({
    doneAt: Instant.optional(),
    note: z.string().trim().min(2, { error: 'note must have at least 2 characters' }).max(2000),
  })
  .strict();
export type CallbackInput = z.input<typeof CallbackInputSchema>;

/**
 * A call becomes a petition: registered as 来电 at the call's time. With `useCallerNumber`, the first
 * petitioner's phone is the caller's number, filled on the server (the browser never has it in full).
 */
export const CallToPetitionInputSchema = z
  .object({ petition: RegisterPetitionInputSchema, useCallerNumber: z.boolean().default(true) })
  .strict();
export type CallToPetitionInput = z.input<typeof CallToPetitionInputSchema>;

export const CALLBACK_STATUSES = ['none', 'pending', 'overdue', 'done'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

export const CallRecordListQuerySchema = z
  .object({
    /** `pending` (the default): promised and not made, overdue included, soonest first. */
    callback: z.enum(['pending', 'overdue', 'done', 'none', 'all']).default('pending'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type CallRecordListQuery = z.input<typeof CallRecordListQuerySchema>;

export const CallRecordViewSchema = z.object({
  id: IdSchema,
  unitName: z.string(),
  recordedByName: z.string(),
  calledAt: z.string(),
  durationSeconds: z.number().int(),
  /** Identity: null to whom the caller's identity is hidden (an accusation's handler, 第30条). */
  callerName: z.string().nullable(),
  /** Masked (`138****5678`); the full number only through the audited reveal. */
  callerNumber: z.string().nullable(),
  summary: z.string(),
  callback: z.object({
    status: z.enum(CALLBACK_STATUSES),
    dueAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    byName: z.string().nullable(),
    note: z.string().nullable(),
  }),
  /** The case the call became or belongs to, when the viewer may open it. */
  petition: z.object({ id: IdSchema, caseNumber: z.string() }).nullable(),
  /** What the viewer may do with it now. */
  actions: z.array(z.enum(['reveal', 'callback', 'petition'])),
  createdAt: z.string(),
});
export type CallRecordView = z.infer<typeof CallRecordViewSchema>;

export const CallRecordListViewSchema = z.object({
  items: z.array(CallRecordViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CallRecordListView = z.infer<typeof CallRecordListViewSchema>;

export const RevealedCallerNumberViewSchema = z.object({ callerNumber: z.string() });

export const CallToPetitionViewSchema = z.object({ call: CallRecordViewSchema, receipt: ReceiptViewSchema });
export type CallToPetitionView = z.infer<typeof CallToPetitionViewSchema>;
