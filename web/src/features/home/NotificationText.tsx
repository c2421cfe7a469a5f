import { format } from '../../../../common/i18n/index.ts';
import type { NotificationView } from '../../../../common/schemas/notification.ts';
import { useT } from '../../i18n/locale-context.ts';
import { deadlineKindLabel } from '../petitions/petition-labels.ts';

const KNOWN_KINDS = [
  'deadline_due_soon',
  'deadline_overdue',
  'ownership_unconfirmed',
  'petitioner_message',
  'daily_digest',
] as const;
type KnownKind = (typeof KNOWN_KINDS)[number];

function isKnownKind(kind: string): kind is KnownKind {
  return KNOWN_KINDS.some((known) => known === kind);
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** One notification as a sentence from the catalog, filled from its data. */
export function NotificationText({ notification }: { notification: NotificationView }) {
  const t = useT();
  const kinds = t.work.notificationKinds;
  const template = isKnownKind(notification.kind) ? kinds[notification.kind] : kinds.other;
  const { data } = notification;
  return (
    <>
      {format(template, {
        caseNumber: text(data['caseNumber']) ?? t.common.none,
        dueKind: deadlineKindLabel(t, text(data['dueKind'])),
        dueDate: text(data['dueDate']) ?? t.common.none,
        // The daily digest's counts.
        date: text(data['date']) ?? t.common.none,
        ...Object.fromEntries(
          (['newCount', 'dueSoon', 'overdue', 'red', 'orange'] as const).map((key) => [
            key,
            typeof data[key] === 'number' ? data[key] : 0,
          ]),
        ),
      })}
    </>
  );
}
