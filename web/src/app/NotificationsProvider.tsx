import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { NotificationListView } from '../../../common/schemas/notification.ts';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATIONS_CHANGED_EVENT,
} from '../api/notification.ts';
import { useLoader } from '../hooks/use-loader.ts';
import { NotificationsContext, type NotificationsState } from './notifications-context.ts';

/** Loads my latest notifications once per page (the first answer is the one boot.ts prefetched). */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const load = useCallback(() => listNotifications(), []);
  const loaded = useLoader(load);
  const { reload } = loaded;
  // What was marked read here, shown at once while the count is asked again.
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const [allReadAt, setAllReadAt] = useState<NotificationListView | null>(null);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    reload();
  }, [pathname, reload]);
  useEffect(() => {
    window.addEventListener(NOTIFICATIONS_CHANGED_EVENT, reload);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED_EVENT, reload);
  }, [reload]);

  const raw = loaded.data;
  const data = useMemo(() => {
    if (raw === undefined) return undefined;
    if (allReadAt === raw)
      return { ...raw, unread: 0, items: raw.items.map((n) => ({ ...n, readAt: n.readAt ?? '' })) };
    const items = raw.items.map((n) => (n.readAt === null && readHere.has(n.id) ? { ...n, readAt: '' } : n));
    const marked = raw.items.filter((n) => n.readAt === null && readHere.has(n.id)).length;
    return { ...raw, items, unread: Math.max(0, raw.unread - marked) };
  }, [raw, readHere, allReadAt]);

  const markRead = useCallback(async (id: string) => {
    setReadHere((known) => new Set(known).add(id));
    await markNotificationRead(id);
  }, []);
  const markAllRead = useCallback(async () => {
    if (raw !== undefined) setAllReadAt(raw);
    return markAllNotificationsRead();
  }, [raw]);

  const state: NotificationsState = useMemo(
    () => ({ data, error: loaded.error, loading: loaded.loading, reload, markRead, markAllRead }),
    [data, loaded.error, loaded.loading, reload, markRead, markAllRead],
  );
  return <NotificationsContext.Provider value={state}>{children}</NotificationsContext.Provider>;
}
