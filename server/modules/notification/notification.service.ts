/** In-app notifications: each user reads and marks only their own. */
import type { Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { NotificationListView } from '../../../common/schemas/notification.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { countUnread, listNotifications, markRead } from './notification.repository.ts';

export async function listMyNotifications(deps: ServiceDeps, actor: Actor): Promise<NotificationListView> {
  const [rows, unread] = await Promise.all([listNotifications(deps.db, actor.id, 100), countUnread(deps.db, actor.id)]);
  return {
    unread,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      petitionId: r.petition_id,
      data: JSON.parse(r.data_json) as Record<string, unknown>,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
  };
}

/** @throws NOT_FOUND for a notification that is not the actor's */
export async function markNotificationRead(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  if (!(await markRead(deps.db, actor.id, id, deps.clock.now().toISOString()))) {
    throw new DomainError('NOT_FOUND', { message: 'Notification not found' });
  }
}
