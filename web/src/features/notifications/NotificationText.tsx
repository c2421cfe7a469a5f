import { notificationSentence } from '../../../../common/domain/notification-text.ts';
import type { NotificationView } from '../../../../common/schemas/notification.ts';
import { useT } from '../../i18n/locale-context.ts';

/** One notification as a sentence from the catalog, filled from its data (the same sentence an SMS or e-mail carries). */
export function NotificationText({ notification }: { notification: NotificationView }) {
  const t = useT();
  return <>{notificationSentence(t, notification.kind, notification.data)}</>;
}
