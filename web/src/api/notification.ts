/** My notifications (deadline warnings, unconfirmed ownership) and marking one read. */
import { OkViewSchema } from '../../../common/schemas/auth.ts';
import { NotificationListViewSchema, type NotificationListView } from '../../../common/schemas/notification.ts';
import { api } from './client.ts';

/** Fired on `window` after a notification was marked read, so the header badge can count again. */
export const NOTIFICATIONS_CHANGED_EVENT = 'xinfang:notifications-changed';

export function listNotifications(): Promise<NotificationListView> {
  return api.get('/api/notifications', NotificationListViewSchema);
}

export async function markNotificationRead(id: string): Promise<void> {
  await api.post(`/api/notifications/${encodeURIComponent(id)}/read`, OkViewSchema, {});
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
}
