import { useState } from 'react';
import { Alert, App, Button, Flex, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { useNotifications } from '../../app/notifications-context.ts';
import { NOTIFICATIONS_PATH } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { NotificationItem } from './NotificationItem.tsx';

type Props = {
  /** How many of the latest to show. */
  limit: number;
  /** Called when the reader leaves for a notification's page or the full list (closes the bell's panel). */
  onLeave?: (() => void) | undefined;
  maxHeight?: number | undefined;
};

/** The latest of my notifications with the unread count, 全部标为已读 and 查看全部消息. */
export function NotificationPanel({ limit, onLeave, maxHeight }: Props) {
  const t = useT();
  const w = t.work;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { data, error, markAllRead } = useNotifications();
  const [marking, setMarking] = useState(false);
  const unread = data?.unread ?? 0;

  const allRead = async () => {
    setMarking(true);
    try {
      const count = await markAllRead();
      void message.success(format(w.markedAllRead, { count }));
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setMarking(false);
    }
  };

  return (
    <Flex vertical gap={8} data-testid="notification-panel">
      <Flex justify="space-between" align="center" gap={12}>
        <Typography.Text type="secondary" data-testid="notification-counts">
          {data === undefined ? '' : format(w.notificationsTotal, { total: data.total, unread })}
        </Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={unread === 0}
          loading={marking}
          onClick={() => void allRead()}
          data-testid="notification-read-all"
        >
          {w.markAllRead}
        </Button>
      </Flex>
      {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
      <List
        size="small"
        dataSource={(data?.items ?? []).slice(0, limit)}
        // Until the first answer there is nothing to call empty: a skeleton, not 暂无消息.
        locale={{
          emptyText:
            data === undefined && error === null ? (
              <Skeleton active title={false} paragraph={{ rows: 3 }} />
            ) : (
              w.notificationsEmpty
            ),
        }}
        style={maxHeight === undefined ? {} : { maxHeight, overflowY: 'auto' }}
        renderItem={(item) => <NotificationItem item={item} onOpen={onLeave} />}
      />
      <Link
        to={NOTIFICATIONS_PATH}
        onClick={onLeave}
        style={{ textAlign: 'center' }}
        data-testid="notification-view-all"
      >
        {w.viewAllNotifications}
      </Link>
    </Flex>
  );
}
