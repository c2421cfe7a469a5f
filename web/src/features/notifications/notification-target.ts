/** Where a notification leads when clicked: its case, its warning, or the figures of a digest. */
import type { NotificationView } from '../../../../common/schemas/notification.ts';
import { DASHBOARD_PATH, petitionPath, warningPath } from '../../app/paths.ts';

export function notificationTarget(notification: NotificationView): string | null {
  if (notification.petitionId !== null) return petitionPath(notification.petitionId);
  if (notification.warningId !== null) return warningPath(notification.warningId);
  if (notification.kind === 'daily_digest') return DASHBOARD_PATH;
  return null;
}
