import { z } from 'zod';
import { IdSchema } from './unit.ts';

/**
 * Every kind of notification the system sends, a closed list: each has its sentence in both
 * catalogs (`work.notificationKinds`), and a test generated over this list proves that none of them
 * reaches a person the case or warning is hidden from (recusal, scope, whistle-blower protection).
 */
export const NOTIFICATION_KINDS = [
  // Time (the deadline sweep)
  'deadline_due_soon',
  'deadline_overdue',
  'ownership_unconfirmed',
  // One sweep would tell a person of many deadlines at once (after an import): one notice sums them up
  'deadline_digest',
  // Work handed to someone (each step that makes another person act tells them)
  'petition_filed',
  'owner_named',
  'handler_assigned',
  'case_handed_over',
  'objection_raised',
  'draft_for_signoff',
  'draft_returned',
  'reply_issued',
  'review_requested',
  'reconsideration_requested',
  'supervision_started',
  'case_escalated',
  // A frontline head (区队长, 班组长) registered what a worker brought him: the office above routes it
  'case_registered_below',
  // The petitioner
  'petitioner_message',
  'evaluation_received',
  // Early warning
  'warning_raised',
  'warning_level_up',
  'warning_escalated',
  // 日报告: a reporting unit's report missing at the cut-off (its heads), then after a grace (the office above)
  'daily_report_missing',
  'daily_report_escalated',
  // Prevention: a campaign to answer, a return chased (the unit's heads, then the office above), 销号
  'screening_opened',
  'screening_overdue',
  'screening_escalated',
  'hazard_clear_requested',
  'hazard_cleared',
  'hazard_sent_back',
  // Emergency response: a plan activated (its people, at once), a task handed out, the stand-down
  'emergency_activated',
  'emergency_task_assigned',
  'emergency_stood_down',
  // Leaders' digest; delivery trouble for the administrators
  'daily_digest',
  'outbox_failed',
  // 考核 (第39条): a round opened for self-assessment, a unit's result reviewed, the ranking published
  'appraisal_round_opened',
  'appraisal_reviewed',
  'appraisal_published',
  // 奖惩与问责 (第39条, 第42–46条): a measure recorded against a unit or person; its 整改 past the deadline
  'accountability_recorded',
  'rectification_overdue',
  // Duty (值班带班): the office decided a swap request (the requester and the colleague)
  'duty_swap_approved',
  'duty_swap_refused',
  // 干部培训 (第16条): a cadre scheduled for a session; a qualification about to expire (the periodic job)
  'training_session_scheduled',
  'training_qualification_expiring',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);

export const NotificationViewSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  petitionId: z.string().nullable(),
  warningId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationViewSchema>;

export const NotificationListQuerySchema = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>;

export const NotificationListViewSchema = z.object({
  items: z.array(NotificationViewSchema),
  unread: z.number().int(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NotificationListView = z.infer<typeof NotificationListViewSchema>;
