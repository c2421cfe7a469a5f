import { Badge, Card, Flex } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { useNotifications } from '../../app/notifications-context.ts';
import { useT } from '../../i18n/locale-context.ts';
import { NotificationPanel } from '../notifications/NotificationPanel.tsx';

/** 消息提醒 on the 工作台: the same latest notifications as the bell (one request for both). */
export function NotificationsCard() {
  const t = useT();
  const w = t.work;
  const unread = useNotifications().data?.unread ?? 0;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          {w.notifications}
          {unread > 0 && <Badge count={unread} title={format(w.notificationsUnread, { count: unread })} />}
        </Flex>
      }
      data-testid="notifications"
    >
      <NotificationPanel limit={20} maxHeight={420} />
    </Card>
  );
}
