import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../schemas/notification.ts';
import { notificationSentence } from './notification-text.ts';

/**
 * The data each kind's producer passes (the engine adds the case number and, for a notice naming a
 * time limit, its kind and due date). Keyed by every kind: a new kind without its data fails to compile.
 */
const DATA: Record<NotificationKind, Record<string, unknown>> = {
  daily_report_missing: { unitName: '综采一队 甲班', date: '2026-03-02' },
  daily_report_escalated: { unitName: '综采一队 甲班', date: '2026-03-02' },
  deadline_due_soon: { caseNumber: 'XF2026-000001', dueKind: 'acceptance_notice', dueDate: '2026-03-17' },
  deadline_overdue: { caseNumber: 'XF2026-000001', dueKind: 'conclusion', dueDate: '2026-05-01' },
  ownership_unconfirmed: { caseNumber: 'XF2026-000001' },
  petition_filed: { caseNumber: 'XF2026-000001', dueKind: 'acceptance_notice', dueDate: '2026-03-17' },
  owner_named: { caseNumber: 'XF2026-000001', dueKind: 'owner_confirmation', dueDate: '2026-03-05' },
  handler_assigned: { caseNumber: 'XF2026-000001' },
  case_handed_over: { caseNumber: 'XF2026-000001', unitName: '东山煤矿', route: 'assign' },
  objection_raised: { caseNumber: 'XF2026-000001' },
  draft_for_signoff: { caseNumber: 'XF2026-000001' },
  draft_returned: { caseNumber: 'XF2026-000001' },
  reply_issued: { caseNumber: 'XF2026-000001' },
  review_requested: { caseNumber: 'XF2026-000001', dueKind: 'review_opinion', dueDate: '2026-04-30' },
  reconsideration_requested: {
    caseNumber: 'XF2026-000001',
    dueKind: 'reconsideration_opinion',
    dueDate: '2026-05-30',
  },
  supervision_started: { caseNumber: 'XF2026-000001', dueDate: '2026-04-10' },
  case_escalated: { caseNumber: 'XF2026-000001', unitName: '东山煤矿' },
  case_registered_below: { caseNumber: 'XF2026-000001', unitName: '综采一队' },
  screening_opened: { title: '春节前矛盾隐患排查', unitName: '集团公司', dueDate: '2026-01-20' },
  screening_overdue: { title: '春节前矛盾隐患排查', unitName: '综采一队', dueDate: '2026-01-20' },
  screening_escalated: { title: '春节前矛盾隐患排查', unitName: '综采一队', dueDate: '2026-01-20' },
  hazard_clear_requested: { title: '井下班中餐补贴争议', unitName: '东山煤矿' },
  hazard_cleared: { title: '井下班中餐补贴争议', unitName: '东山煤矿' },
  hazard_sent_back: { title: '井下班中餐补贴争议', unitName: '东山煤矿' },
  petitioner_message: { caseNumber: 'XF2026-000001' },
  evaluation_received: { caseNumber: 'XF2026-000001', satisfaction: 4 },
  warning_raised: { title: '东山煤矿 工资薪酬 本周 9 件', level: 'orange', unitName: '东山煤矿' },
  warning_level_up: { title: '东山煤矿 工资薪酬 本周 9 件', level: 'red', unitName: '东山煤矿' },
  warning_escalated: { title: '东山煤矿 工资薪酬 本周 9 件', level: 'red', unitName: '集团公司' },
  daily_digest: { date: '2026-03-02', newCount: 3, dueSoon: 2, overdue: 1, red: 0, orange: 1 },
  outbox_failed: { channel: 'sms', attempts: 5 },
  deadline_digest: { overdue: 12, dueSoon: 3 },
  appraisal_round_opened: { title: '2026年季度信访考核', date: '2026-Q1' },
  appraisal_reviewed: { title: '2026年季度信访考核', date: '2026-Q1' },
  appraisal_published: { title: '2026年季度信访考核', date: '2026-Q1' },
  accountability_recorded: { title: '关于对乙矿予以约谈的决定 信奖惩〔2026〕1号', unitName: '乙矿' },
  rectification_overdue: { title: '关于对乙矿予以约谈的决定 信奖惩〔2026〕1号', unitName: '乙矿', date: '2026-05-31' },
  duty_swap_approved: { unitName: '东山煤矿', date: '2026-02-16' },
  duty_swap_refused: { unitName: '东山煤矿', date: '2026-02-16' },
  training_session_scheduled: { title: '《信访工作条例》解读', unitName: '东山煤矿', date: '2026-03-10' },
  training_qualification_expiring: { title: '《信访工作条例》解读', date: '2026-04-01' },
  emergency_activated: { incidentId: 'I1', title: '北岭村群体性事件应急预案', level: 'red', drill: false },
  emergency_task_assigned: { incidentId: 'I1', title: '北岭村群体性事件应急预案', task: '带队到村口劝导', drill: true },
  emergency_stood_down: { incidentId: 'I1', title: '北岭村群体性事件应急预案', drill: false },
};

describe('notificationSentence', () => {
  it.each(
    NOTIFICATION_KINDS.flatMap((kind) => [
      { kind, locale: 'zh-CN' },
      { kind, locale: 'en' },
    ]),
  )('$kind reads as a whole sentence in $locale, nothing missing and no code', ({ kind, locale }) => {
    const t = locale === 'en' ? en : zhCN;
    const sentence = notificationSentence(t, kind, DATA[kind]);
    expect(sentence).not.toContain(t.common.none);
    expect(sentence).not.toMatch(/[{}]|undefined|null|_/);
    expect(sentence).not.toBe(notificationSentence(t, 'no_such_kind', DATA[kind]));
  });

  it('marks a drill in every emergency notice, never a real response', () => {
    expect(notificationSentence(zhCN, 'emergency_task_assigned', DATA.emergency_task_assigned)).toBe(
      '【演练】应急任务：带队到村口劝导（北岭村群体性事件应急预案），请确认收到',
    );
    expect(notificationSentence(zhCN, 'emergency_activated', DATA.emergency_activated)).toBe(
      '应急预案已启动：北岭村群体性事件应急预案（红色），请立即按预案到位',
    );
  });

  it('names a warning by its level and subject, never as a generic notice', () => {
    expect(notificationSentence(zhCN, 'warning_raised', DATA.warning_raised)).toBe(
      '新的橙色预警：东山煤矿 工资薪酬 本周 9 件',
    );
  });
});
