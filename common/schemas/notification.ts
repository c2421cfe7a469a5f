import { z } from 'zod';
import { IdSchema } from './unit.ts';

export const NotificationViewSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  petitionId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationViewSchema>;

export const NotificationListViewSchema = z.object({
  items: z.array(NotificationViewSchema),
  unread: z.number().int(),
});
export type NotificationListView = z.infer<typeof NotificationListViewSchema>;
