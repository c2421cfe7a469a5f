import { App, Badge, Flex, List, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { NotificationView } from '../../../../common/schemas/notification.ts';
import { useNotifications } from '../../app/notifications-context.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { NotificationText } from './NotificationText.tsx';
import { notificationTarget } from './notification-target.ts';

type Props = { item: NotificationView; onOpen?: (() => void) | undefined };

/**
 * One notification as a sentence with its time, unread ones marked. A click marks it read and opens
 * what it is about (the case, the warning, the dashboard for a digest).
 */
export function NotificationItem({ item, onOpen }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { markRead } = useNotifications();
  const unread = item.readAt === null;
  const target = notificationTarget(item);

  const open = () => {
    if (unread) {
      markRead(item.id).catch((caught: unknown) => void message.error(errorText(t, caught, locale)));
    }
    onOpen?.();
    if (target !== null) void navigate(target);
  };

  return (
    <List.Item
      onClick={open}
      style={{ cursor: 'pointer', paddingInline: 8 }}
      className="notification-item"
      data-testid="notification-item"
      data-unread={unread ? 'true' : 'false'}
      data-kind={item.kind}
    >
      <Flex gap={8} align="flex-start" style={{ minWidth: 0, width: '100%' }}>
        <Badge
          status={unread ? 'processing' : 'default'}
          style={{ marginTop: 2, visibility: unread ? 'visible' : 'hidden' }}
        />
        <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
          {/* Unread ones read as links; the ones read already step back (the row stays clickable). */}
          {unread && target !== null ? (
            <Typography.Link strong>
              <NotificationText notification={item} />
            </Typography.Link>
          ) : (
            <Typography.Text strong={unread} {...(unread ? {} : { type: 'secondary' as const })}>
              <NotificationText notification={item} />
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(item.createdAt, locale)}
          </Typography.Text>
        </Flex>
      </Flex>
    </List.Item>
  );
}
