/**
 * A notification as one sentence of the catalog, filled from its data: the workbench shows it, and
 * the outbox sends the same sentence by SMS or e-mail, so what a person reads is the same wherever
 * it reaches them. Unknown kinds and missing values fall back to neutral words, never to codes.
 */
import { format, type Catalog } from '../i18n/index.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../schemas/notification.ts';
import { DEADLINE_KINDS, type DeadlineKind } from './deadlines.ts';

function isKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function label(labels: Readonly<Record<string, string>>, value: unknown): string | null {
  return typeof value === 'string' && value in labels ? (labels[value] ?? null) : null;
}

export function notificationSentence(t: Catalog, kind: string, data: Readonly<Record<string, unknown>>): string {
  const kinds = t.work.notificationKinds;
  const template = isKind(kind) ? kinds[kind] : kinds.other;
  const none = t.common.none;
  const dueKind = text(data.dueKind);
  const numbers = Object.fromEntries(
    (['newCount', 'dueSoon', 'overdue', 'red', 'orange', 'attempts', 'satisfaction'] as const).map((key) => [
      key,
      typeof data[key] === 'number' ? data[key] : 0,
    ]),
  );
  return format(template, {
    caseNumber: text(data.caseNumber) ?? none,
    dueKind:
      dueKind !== null && (DEADLINE_KINDS as readonly string[]).includes(dueKind)
        ? t.petitions.deadlineKinds[dueKind as DeadlineKind]
        : none,
    dueDate: text(data.dueDate) ?? none,
    date: text(data.date) ?? none,
    routeLabel: label(t.work.routeLabels, data.route) ?? t.work.routeLabels.assign,
    unitName: text(data.unitName) ?? none,
    title: text(data.title) ?? none,
    levelLabel: label(t.warnings.levels, data.level) ?? none,
    channelLabel: label(t.work.outboundChannels, data.channel) ?? none,
    // 应急处置: a drill says so in every notice (演练), a task names itself.
    drillMark: data.drill === true ? t.emergency.drillMark : '',
    task: text(data.task) ?? none,
    ...numbers,
  });
}
