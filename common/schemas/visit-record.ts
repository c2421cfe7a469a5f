/**
 * Contracts of 来访登记 (visit record): a walk-in visit on a case — new or the same person's open
 * one — with who received the visitors and when they came and left, their companions (a group
 * chooses at most five representatives, 《信访工作条例》第20条第3款, the one rule of petition.ts), what
 * was said as a transcript (笔录) the petitioner confirms (第19条: an oral petition is recorded
 * faithfully), and the materials handed over.
 */
import { z } from 'zod';
import { ReceiptViewSchema } from './intake.ts';
import { RegisterPetitionInputSchema, representativesProblem } from './petition.ts';
import { IdSchema } from './unit.ts';

export const TRANSCRIPT_MIN = 5;
export const TRANSCRIPT_MAX = 20_000;
export const COMPANIONS_MAX = 50;
export const MATERIALS_MAX = 30;
/** A signature drawn on the tablet is a small PNG; 512 KiB of image is far more than a signature needs. */
export const SIGNATURE_MAX_BYTES = 512 * 1024;

const Instant = z.iso.datetime({ offset: true });

/** 随行人员: someone who came with the petitioner (家属, 工友, 律师 …); in a group, possibly a representative. */
export const CompanionInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'name is required' }).max(40),
    relation: z.string().trim().max(40).optional(),
    isRepresentative: z.boolean().default(false),
  })
  .strict();
export type CompanionInput = z.input<typeof CompanionInputSchema>;

/** 接收材料: one item handed over (an original or copies). */
export const MaterialInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'name is required' }).max(100),
    copies: z.number().int().min(1).max(999).default(1),
    original: z.boolean().default(false),
  })
  .strict();
export type MaterialInput = z.input<typeof MaterialInputSchema>;

/** A PNG as base64 (with or without its `data:image/png;base64,` prefix); its bytes are checked on the server. */
export const SignaturePngSchema = z
  .string()
  .max(Math.ceil((SIGNATURE_MAX_BYTES * 4) / 3) + 32, { error: 'the signature image is over 512 KiB' })
  .regex(/^(data:image\/png;base64,)?[A-Za-z0-9+/]+={0,2}$/, { error: 'the signature must be a PNG in base64' });

const Transcript = z
  .string()
  .trim()
  .min(TRANSCRIPT_MIN, { error: `the transcript needs at least ${TRANSCRIPT_MIN} characters` })
  .max(TRANSCRIPT_MAX);

export const VisitRecordInputSchema = z
  .object({
    /** A new case: registered with the visit (its channel is 来访, its receipt the arrival, its headcount the visit's). */
    petition: RegisterPetitionInputSchema.optional(),
    /** Or the same person's open case the visit is about. */
    petitionId: IdSchema.optional(),
    /** 接待人: the registrar unless another person of the unit received the visitors (a leader's reception day). */
    receivedById: IdSchema.optional(),
    arrivedAt: Instant,
    /** When they left; now when not given (the visit is registered as they leave). */
    leftAt: Instant.optional(),
    /** 来访人数: everyone who came, listed or not. */
    headcount: z.number().int().min(1).max(10_000),
    companions: z.array(CompanionInputSchema).max(COMPANIONS_MAX).default([]),
    transcript: Transcript,
    materials: z.array(MaterialInputSchema).max(MATERIALS_MAX).default([]),
    /** The transcript read back on screen and signed on the tablet at once. */
    signaturePng: SignaturePngSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if ((input.petition === undefined) === (input.petitionId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['petitionId'],
        message: 'a visit is either a new petition or about an existing case (petitionId), one of the two',
      });
    }
    const petitioners = input.petition?.petitioners ?? [];
    const representatives =
      petitioners.filter((p) => p.isRepresentative).length + input.companions.filter((c) => c.isRepresentative).length;
    const tooMany = representativesProblem(representatives);
    if (tooMany !== null) ctx.addIssue({ code: 'custom', path: ['companions'], message: tooMany });
    if (input.headcount < petitioners.length + input.companions.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['headcount'],
        message: 'headcount is smaller than the petitioners and companions listed',
      });
    }
  });
export type VisitRecordInput = z.input<typeof VisitRecordInputSchema>;
export type VisitRecordData = z.output<typeof VisitRecordInputSchema>;

/** Correct the transcript as it is read back, before the petitioner confirms it. */
export const AmendTranscriptInputSchema = z.object({ transcript: Transcript }).strict();

/** 签字确认: signed on the tablet now, or the printed transcript signed on paper. */
export const ConfirmTranscriptInputSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('signature'), signaturePng: SignaturePngSchema }).strict(),
  z.object({ method: z.literal('printed') }).strict(),
]);
export type ConfirmTranscriptInput = z.infer<typeof ConfirmTranscriptInputSchema>;

export const CompanionViewSchema = z.object({
  name: z.string(),
  relation: z.string().nullable(),
  isRepresentative: z.boolean(),
});

export const MaterialViewSchema = z.object({ name: z.string(), copies: z.number().int(), original: z.boolean() });

export const VisitRecordViewSchema = z.object({
  id: IdSchema,
  petitionId: IdSchema,
  caseNumber: z.string(),
  unitName: z.string(),
  receivedByName: z.string(),
  recordedByName: z.string(),
  arrivedAt: z.string(),
  leftAt: z.string(),
  headcount: z.number().int(),
  /** Who came and what they said identify the petitioner: null to whom the identity is hidden (第30条). */
  petitioners: z.array(z.object({ name: z.string(), isRepresentative: z.boolean() })).nullable(),
  companions: z.array(CompanionViewSchema).nullable(),
  transcript: z.string().nullable(),
  materials: z.array(MaterialViewSchema),
  confirmation: z
    .object({
      method: z.enum(['signature', 'printed']),
      at: z.string(),
      byName: z.string().nullable(),
      /** The signature's PNG attachment on the case (an identity document). */
      signatureAttachmentId: z.string().nullable(),
      transcriptSha256: z.string(),
    })
    .nullable(),
  /** The viewer may still amend or confirm the transcript (pending, and theirs to record). */
  canConfirm: z.boolean(),
  createdAt: z.string(),
});
export type VisitRecordView = z.infer<typeof VisitRecordViewSchema>;

export const VisitRecordListViewSchema = z.object({ items: z.array(VisitRecordViewSchema) });
export type VisitRecordListView = z.infer<typeof VisitRecordListViewSchema>;

export const RecordedVisitViewSchema = z.object({ visit: VisitRecordViewSchema, receipt: ReceiptViewSchema });
export type RecordedVisitView = z.infer<typeof RecordedVisitViewSchema>;
