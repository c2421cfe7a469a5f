import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, List, Segmented, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { listNotificationPage, NOTIFICATIONS_CHANGED_EVENT } from '../../api/notification.ts';
import { useNotifications } from '../../app/notifications-context.ts';
import { errorText } from '../../components/error-text.ts';
import { LoadingRows } from '../../components/LoadingRows.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { NotificationItem } from './NotificationItem.tsx';

const PAGE_SIZE = 20;

/** 全部消息: every notification of mine, newest first, paged on the server; the page and filter in the address. */
export function NotificationsPage() {
  const t = useT();
  const w = t.work;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unreadOnly = params.get('unread') === 'true';
  // The first page of all of them is what the bell already holds: no second request for it.
  const shared = page === 1 && !unreadOnly;
  const load = useCallback(
    () => (shared ? Promise.resolve(undefined) : listNotificationPage(page, PAGE_SIZE, unreadOnly)),
    [shared, page, unreadOnly],
  );
  const own = useLoader(load);
  const { reload } = own;
  const latest = useNotifications();
  const { markAllRead } = latest;
  const notifications = shared ? latest : own;
  const [marking, setMarking] = useState(false);

  // A notification marked read here or in the bell's panel: this page reads its page again.
  useEffect(() => {
    window.addEventListener(NOTIFICATIONS_CHANGED_EVENT, reload);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED_EVENT, reload);
  }, [reload]);

  const show = (next: { page?: number; unread?: boolean }) => {
    const unread = next.unread ?? unreadOnly;
    const p = next.page ?? 1;
    setParams({ ...(p === 1 ? {} : { page: String(p) }), ...(unread ? { unread: 'true' } : {}) });
  };
  const allRead = async () => {
    setMarking(true);
    try {
      void message.success(format(w.markedAllRead, { count: await markAllRead() }));
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setMarking(false);
    }
  };

  const view = notifications.data;
  return (
    <Card
      title={
        <Flex gap={12} align="baseline" wrap>
          {w.allNotifications}
          {view !== undefined && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="notification-counts">
              {format(w.notificationsTotal, { total: view.total, unread: view.unread })}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        <Button
          size="small"
          disabled={view === undefined || view.unread === 0}
          loading={marking}
          onClick={() => void allRead()}
          data-testid="notification-read-all"
        >
          {w.markAllRead}
        </Button>
      }
      data-testid="notifications-page"
    >
      <Flex vertical gap={12}>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          options={[
            { value: 'all', label: w.allNotifications },
            { value: 'unread', label: w.unreadOnly },
          ]}
          onChange={(value) => show({ unread: value === 'unread' })}
          style={{ alignSelf: 'flex-start' }}
        />
        {notifications.error !== null && (
          <Alert type="error" showIcon title={errorText(t, notifications.error, locale)} />
        )}
        <List
          size="small"
          dataSource={view?.items ?? []}
          locale={{
            emptyText: view === undefined && notifications.error === null ? <LoadingRows /> : w.notificationsEmpty,
          }}
          renderItem={(item) => <NotificationItem item={item} />}
          pagination={
            view === undefined || view.total <= PAGE_SIZE
              ? false
              : {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: view.total,
                  showSizeChanger: false,
                  onChange: (next) => show({ page: next }),
                }
          }
        />
      </Flex>
    </Card>
  );
}
