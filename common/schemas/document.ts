/**
 * Contracts of the written documents: generated petition documents, their delivery, and the
 * versioned templates an administrator edits.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../domain/documents.ts';
import { DELIVERY_METHODS } from './petition.ts';
import { IdSchema } from './unit.ts';

export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export const DeliveryMethodSchema = z.enum(DELIVERY_METHODS);

export const DocumentContentSchema = z.object({
  title: z.string(),
  number: z.string(),
  addressee: z.string(),
  paragraphs: z.array(z.string()),
  issuingUnit: z.string(),
  issueDate: z.string(),
});

export const DocumentDeliveryViewSchema = z.object({
  method: DeliveryMethodSchema,
  trackingNumber: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** Null while a posted document awaits receipt. */
  deliveredAt: z.string().nullable(),
});

export const PetitionDocumentViewSchema = z.object({
  id: IdSchema,
  petitionId: IdSchema,
  kind: DocumentKindSchema,
  number: z.string(),
  templateVersion: z.number().int(),
  addressedToPetitioner: z.boolean(),
  content: DocumentContentSchema,
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  delivery: DocumentDeliveryViewSchema.nullable(),
});
export type PetitionDocumentView = z.infer<typeof PetitionDocumentViewSchema>;

export const PetitionDocumentListViewSchema = z.object({
  items: z.array(PetitionDocumentViewSchema),
  /** Kinds the user may generate now: their recorded step exists and the user may act on the case. */
  generatable: z.array(DocumentKindSchema),
});
export type PetitionDocumentListView = z.infer<typeof PetitionDocumentListViewSchema>;

export const GenerateDocumentInputSchema = z.object({ kind: DocumentKindSchema }).strict();

export const RecordDeliveryInputSchema = z
  .object({
    method: DeliveryMethodSchema,
    deliveredAt: z.iso.datetime({ offset: true }).optional(),
    trackingNumber: z.string().trim().min(1).max(60).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.method === 'post' && input.trackingNumber === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['trackingNumber'],
        message: 'a posted document needs its tracking number',
      });
    }
  });
export type RecordDeliveryInput = z.infer<typeof RecordDeliveryInputSchema>;

export const DocumentTemplateInputSchema = z
  .object({
    title: z.string().trim().min(1, { error: 'title is required' }).max(200),
    addressee: z.string().trim().max(200),
    body: z.string().trim().min(1, { error: 'body is required' }).max(20_000),
    numberPrefix: z.string().trim().max(12),
  })
  .strict();
export type DocumentTemplateInput = z.infer<typeof DocumentTemplateInputSchema>;

export const DocumentTemplateViewSchema = z.object({
  kind: DocumentKindSchema,
  version: z.number().int(),
  title: z.string(),
  addressee: z.string(),
  body: z.string(),
  numberPrefix: z.string(),
  /** The fields this kind's template may use. */
  fields: z.array(z.string()),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type DocumentTemplateView = z.infer<typeof DocumentTemplateViewSchema>;

export const DocumentTemplateListViewSchema = z.object({ items: z.array(DocumentTemplateViewSchema) });
export const DocumentKindParamsSchema = z.object({ kind: DocumentKindSchema });
