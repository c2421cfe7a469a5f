import { useCallback, useState } from 'react';
import { Alert, App, Badge, Button, Card, Flex, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { listNotifications, markNotificationRead } from '../../api/notification.ts';
import { petitionPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { NotificationText } from './NotificationText.tsx';

/** 消息提醒: my notifications, newest first; each unread one can be marked read. */
export function NotificationsCard() {
  const t = useT();
  const w = t.work;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => listNotifications(), []);
  const notifications = useLoader(load);
  const [marking, setMarking] = useState<string | null>(null);

  const markRead = async (id: string) => {
    setMarking(id);
    try {
      await markNotificationRead(id);
      notifications.reload();
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setMarking(null);
    }
  };

  const unread = notifications.data?.unread ?? 0;
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
      {notifications.error !== null && (
        <Alert type="error" showIcon title={errorText(t, notifications.error, locale)} style={{ marginBottom: 12 }} />
      )}
      <List
        size="small"
        loading={notifications.loading && notifications.data !== undefined}
        dataSource={notifications.data?.items ?? []}
        // Until the first answer there is nothing to call empty: a skeleton, not 暂无消息.
        locale={{
          emptyText:
            notifications.data === undefined && notifications.error === null ? (
              <Skeleton active title={false} paragraph={{ rows: 3 }} />
            ) : (
              w.notificationsEmpty
            ),
        }}
        style={{ maxHeight: 420, overflowY: 'auto' }}
        renderItem={(item) => (
          <List.Item
            actions={
              item.readAt === null
                ? [
                    <Button
                      key="read"
                      size="small"
                      type="link"
                      loading={marking === item.id}
                      onClick={() => void markRead(item.id)}
                      data-testid={`notification-read-${item.id}`}
                    >
                      {w.markRead}
                    </Button>,
                  ]
                : []
            }
          >
            <Flex vertical gap={2} style={{ minWidth: 0, opacity: item.readAt === null ? 1 : 0.55 }}>
              <Typography.Text
                strong={item.readAt === null}
                {...(item.readAt === null ? {} : { type: 'secondary' as const })}
              >
                {item.petitionId === null ? (
                  <NotificationText notification={item} />
                ) : (
                  <Link to={petitionPath(item.petitionId)}>
                    <NotificationText notification={item} />
                  </Link>
                )}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(item.createdAt, locale)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
