import { useState } from 'react';
import { Badge, Button, Popover } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { format } from '../../../common/i18n/index.ts';
import { NotificationPanel } from '../features/notifications/NotificationPanel.tsx';
import { useT } from '../i18n/locale-context.ts';
import { useNotifications } from './notifications-context.ts';

const PANEL_LIMIT = 8;

/** The bell: my unread count; a click opens the latest notifications, each leading to its case or warning. */
export function NotificationBell() {
  const t = useT();
  const w = t.work;
  const [open, setOpen] = useState(false);
  const { data } = useNotifications();
  const unread = data?.unread ?? 0;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={w.latestNotifications}
      content={
        <div style={{ width: 'min(380px, calc(100vw - 32px))' }}>
          <NotificationPanel limit={PANEL_LIMIT} onLeave={() => setOpen(false)} maxHeight={420} />
        </div>
      }
    >
      <Badge count={unread} size="small" offset={[-4, 4]} data-testid="notification-unread">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={
            unread > 0 ? `${w.notifications}（${format(w.notificationsUnread, { count: unread })}）` : w.notifications
          }
          title={w.notifications}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
