/** Where a notification leads when clicked: its case, its warning, the figures of a digest, 我的待办, or an incident. */
import type { NotificationView } from '../../../../common/schemas/notification.ts';
import { DASHBOARD_PATH, incidentPath, petitionPath, TODOS_PATH, warningPath } from '../../app/paths.ts';

export function notificationTarget(notification: NotificationView): string | null {
  if (notification.petitionId !== null) return petitionPath(notification.petitionId);
  if (notification.warningId !== null) return warningPath(notification.warningId);
  if (notification.kind === 'daily_digest') return DASHBOARD_PATH;
  // The deadlines summed up: the cases are on 我的待办, most pressing first.
  if (notification.kind === 'deadline_digest') return TODOS_PATH;
  // 应急处置: the incident's page (the person is one of its people).
  if (typeof notification.data.incidentId === 'string') return incidentPath(notification.data.incidentId);
  return null;
}
