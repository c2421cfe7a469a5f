import { z } from 'zod';
import { isAuditAction } from '../domain/audit-actions.ts';
import { IdSchema } from './unit.ts';

export const AuditEntryViewSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** The case number (案件编号) when the entry is about a petition or one of its petitioners. */
  caseNumber: z.string().nullable(),
  /** The petition behind `caseNumber`, for a link to the case page. */
  petitionId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

/** Filters of the audit page (in its address), newest first, one page at a time. */
export const AuditListQuerySchema = z.object({
  /** Who did it (an account id). */
  actorId: IdSchema.optional(),
  /** One action of the closed list (common/domain/audit-actions.ts). */
  action: z.string().max(60).refine(isAuditAction, 'Unknown audit action').optional(),
  /** Entries about the petition with this case number (案件编号), exact. */
  caseNumber: z.string().trim().min(1).max(40).optional(),
  /** Local dates (China), inclusive. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.input<typeof AuditListQuerySchema>;

export const AuditListViewSchema = z.object({
  entries: z.array(AuditEntryViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditListView = z.infer<typeof AuditListViewSchema>;

export const AuditVerifyViewSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyView = z.infer<typeof AuditVerifyViewSchema>;
