import { z } from 'zod';
import { PetitionDocumentListViewSchema } from './document.ts';
import { AttachmentListViewSchema, PetitionDetailViewSchema } from './petition.ts';
import { PetitionMessageListViewSchema } from './portal.ts';
import { RepeatListViewSchema } from './text.ts';

/**
 * The case page in one answer (GET /api/petitions/:id/page): the case, its documents, messages and
 * attachments, and — for an office on an open case — its likely repeats (null otherwise). Each part
 * is what its own endpoint answers, which the page's cards ask again after a change.
 */
export const CasePageViewSchema = z.object({
  petition: PetitionDetailViewSchema,
  documents: PetitionDocumentListViewSchema,
  messages: PetitionMessageListViewSchema,
  attachments: AttachmentListViewSchema,
  similar: RepeatListViewSchema.nullable(),
});
export type CasePageView = z.infer<typeof CasePageViewSchema>;
