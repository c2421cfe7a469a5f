import { z } from 'zod';

export const AuditEntryViewSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

export const AuditListQuerySchema = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

export const AuditListViewSchema = z.object({ entries: z.array(AuditEntryViewSchema) });

export const AuditVerifyViewSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyView = z.infer<typeof AuditVerifyViewSchema>;
