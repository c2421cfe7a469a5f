/**
 * What intake hands back to the person at the window or on the phone: the receipt (回执) of a case,
 * with its number and, for a new case, the tracking code (查询码) — shown once, only its hash is kept.
 */
import { z } from 'zod';
import { IdSchema } from './unit.ts';

export const ReceiptViewSchema = z.object({
  petitionId: IdSchema,
  caseNumber: z.string(),
  /** The new case's tracking code; null when the visit or call joined a case already on file. */
  trackingCode: z.string().nullable(),
  /** When the matter was received (the visit's arrival, the call's time). */
  receivedAt: z.string(),
  /** The unit that received it, printed on the slip. */
  unitName: z.string(),
  /** May the registrar open the case (a frontline head registers for the office above)? */
  readable: z.boolean(),
});
export type ReceiptView = z.infer<typeof ReceiptViewSchema>;
