/**
 * My notifications as the whole workbench shares them: the bell's count and panel and the 工作台's
 * card read one answer (one request per screen, counted again on each page change and after a
 * mark-read), instead of each asking on its own.
 */
import { createContext, useContext } from 'react';
import type { NotificationListView } from '../../../common/schemas/notification.ts';

export type NotificationsState = {
  data: NotificationListView | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Mark one read (shown read at once; the count is asked again). */
  markRead: (id: string) => Promise<void>;
  /** 全部标为已读. @returns how many were unread */
  markAllRead: () => Promise<number>;
};

export const NotificationsContext = createContext<NotificationsState | null>(null);

export function useNotifications(): NotificationsState {
  const state = useContext(NotificationsContext);
  if (state === null) throw new Error('useNotifications must be used inside <NotificationsProvider>');
  return state;
}
