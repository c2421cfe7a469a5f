import { useCallback, useEffect } from 'react';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { listNotifications, NOTIFICATIONS_CHANGED_EVENT } from '../api/notification.ts';
import { useLoader } from '../hooks/use-loader.ts';
import { useT } from '../i18n/locale-context.ts';
import { HOME_PATH } from './paths.ts';

/** The unread count of my notifications; counts again on every page change and after a mark-read. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // A new loader per page counts again, which keeps the badge fresh without polling.
  const load = useCallback(async () => ({ pathname, unread: (await listNotifications()).unread }), [pathname]);
  const notifications = useLoader(load);
  const { reload } = notifications;

  useEffect(() => {
    window.addEventListener(NOTIFICATIONS_CHANGED_EVENT, reload);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED_EVENT, reload);
  }, [reload]);

  const unread = notifications.data?.unread ?? 0;
  return (
    <Badge count={unread} size="small" offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={t.work.notifications}
        title={t.work.notifications}
        onClick={() => void navigate(HOME_PATH)}
        data-testid="notification-bell"
      />
    </Badge>
  );
}
