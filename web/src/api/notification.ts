/** My notifications: the latest (the bell and the 工作台), a page of all of them, marking read. */
import { z } from 'zod';
import { OkViewSchema } from '../../../common/schemas/auth.ts';
import { NotificationListViewSchema, type NotificationListView } from '../../../common/schemas/notification.ts';
import { api } from './client.ts';

/** Fired on `window` after notifications were marked read, so every view of them counts again. */
export const NOTIFICATIONS_CHANGED_EVENT = 'xinfang:notifications-changed';

/** The latest of my notifications with the unread count (boot.ts prefetches exactly this request). */
export function listNotifications(): Promise<NotificationListView> {
  return api.get('/api/notifications', NotificationListViewSchema);
}

/** One page of my notifications, newest first, optionally only the unread. */
export function listNotificationPage(
  page: number,
  pageSize: number,
  unreadOnly: boolean,
): Promise<NotificationListView> {
  return api.get('/api/notifications', NotificationListViewSchema, {
    page,
    pageSize,
    unread: unreadOnly ? 'true' : undefined,
  });
}

export async function markNotificationRead(id: string): Promise<void> {
  await api.post(`/api/notifications/${encodeURIComponent(id)}/read`, OkViewSchema, {});
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
}

/** 全部标为已读. @returns how many were unread */
export async function markAllNotificationsRead(): Promise<number> {
  const { marked } = await api.post('/api/notifications/read-all', z.object({ marked: z.number().int() }), {});
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
  return marked;
}
