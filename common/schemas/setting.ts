/**
 * Settings (设置): every knob of the system, one typed key each — its schema, its default, the
 * levels of the tree where it may be set and the action a person needs to change it. A value set
 * at a mine overrides the enterprise's for that mine's subtree; a key that allows only the
 * enterprise level cannot differ between mines (the statistics month). The 条例's time limits and
 * the group threshold may: a mine or company in another province applies that province's rules
 * (DOMAIN.md §1.1, "deadlines must be configurable per deployment").
 * The server's settings module is the only reader and writer; every change is audited.
 *
 * Keys marked `appliesTo: 'new_cases'` are read when a case is registered and kept with it, so a
 * change never moves the deadlines of cases already on file (docs/domain.md, "Settings").
 */
import { z } from 'zod';
import type { Action } from '../domain/access.ts';
import { DEFAULT_DEADLINE_POLICY } from '../domain/deadlines.ts';
import { DEFAULT_GUIDANCE } from '../domain/default-guidance.ts';
import { CUTOFF_PATTERN } from '../domain/daily-report.ts';
import { DEFAULT_RISK_POLICY } from '../domain/risk.ts';
import { DEFAULT_ONBOARDING_STEPS } from '../domain/training.ts';
import { NotificationKindSchema, type NotificationKind } from './notification.ts';
import { OfficeContactSchema } from './office.ts';
import { PortalGuidanceSchema } from './portal.ts';
import { OnboardingSettingSchema } from './training.ts';
import { UnitKindSchema } from './unit.ts';
import { RiskPolicyViewSchema } from './warning.ts';

/** Where a value may be set: the enterprise (the root of the tree) or a mine / company under it. */
export const SETTING_LEVELS = ['enterprise', 'mine'] as const;
export type SettingLevel = (typeof SETTING_LEVELS)[number];

const days = (max: number) => z.number().int().min(1).max(max);

/** The time limits of 《信访工作条例》 as an enterprise (or its province) applies them. */
export const DeadlinePolicySchema = z
  .object({
    acceptanceNoticeDays: days(60),
    objectionWorkingDays: days(30),
    conclusionDays: days(180),
    maxExtensionDays: z.number().int().min(0).max(90),
    otherTypesConclusionDays: days(365).nullable(),
    reviewRequestDays: days(90),
    reviewOpinionDays: days(90),
    reconsiderationRequestDays: days(90),
    reconsiderationOpinionDays: days(90),
    ownerConfirmationDays: days(30),
    rollOffHolidays: z.boolean(),
  })
  .strict();

/** Which notifications also leave the system, by channel (in-app is always on). */
export const OutboundPolicySchema = z
  .object({
    sms: z.array(NotificationKindSchema).max(50),
    email: z.array(NotificationKindSchema).max(50),
    /** Kinds announced (without any case detail) to a unit's 企业微信 group robot. */
    wecom: z.array(NotificationKindSchema).max(50),
  })
  .strict();
export type OutboundPolicy = z.infer<typeof OutboundPolicySchema>;

const URGENT: NotificationKind[] = [
  'deadline_overdue',
  'deadline_digest',
  'warning_escalated',
  'ownership_unconfirmed',
  // 应急处置: the plan's people are told at once, by SMS too (第27条: handled without delay)
  'emergency_activated',
  'emergency_task_assigned',
];
const ACTION: NotificationKind[] = [
  ...URGENT,
  'deadline_due_soon',
  'petition_filed',
  'owner_named',
  'handler_assigned',
  'case_handed_over',
  'objection_raised',
  'draft_for_signoff',
  'reply_issued',
  'review_requested',
  'reconsideration_requested',
  'warning_raised',
  'emergency_stood_down',
];

type Definition<S extends z.ZodType> = {
  schema: S;
  default: z.output<S>;
  levels: readonly SettingLevel[];
  /** The action that lets a person change the value (access.ts), at the unit it is set for. */
  action: Action;
  /** Read at registration and kept with the case: a change applies to new cases only. */
  appliesTo?: 'new_cases';
  /**
   * Below the enterprise, set only from a level above: a unit is appraised against these figures
   * (第39条), so it does not set its own (a mine's time limits are the enterprise's to set).
   */
  setFromAbove?: true;
  /** Shown masked to readers (a URL with a key). */
  secret?: boolean;
};

function define<S extends z.ZodType>(definition: Definition<S>): Definition<S> {
  return definition;
}

export const SETTINGS = {
  /**
   * A petition with at least this many people is a group petition (集体访); 5 by default (the 5 of
   * 第20条第3款's representatives), some enterprises 6 (DOMAIN.md §7.7). Per enterprise or mine.
   */
  'petition.groupThreshold': define({
    schema: z.number().int().min(2).max(1000),
    default: 5,
    levels: ['enterprise', 'mine'],
    action: 'setting.manage',
    appliesTo: 'new_cases',
    setFromAbove: true,
  }),
  /**
   * Every time limit of the 条例 (第23, 34–36条), the internal target of 建议/检举, the 包案
   * confirmation and the holiday roll — each figure the code counts with (`DeadlinePolicy`); the
   * dates a 交办 or 督办 body sets are its own. Per enterprise or mine (provinces differ).
   */
  'petition.deadlines': define({
    schema: DeadlinePolicySchema,
    default: { ...DEFAULT_DEADLINE_POLICY },
    levels: ['enterprise', 'mine'],
    action: 'setting.manage',
    appliesTo: 'new_cases',
    setFromAbove: true,
  }),
  /** Threat words, category weights, the levels' thresholds (预警). */
  'warning.policy': define({
    schema: RiskPolicyViewSchema,
    default: RiskPolicyViewSchema.parse(DEFAULT_RISK_POLICY),
    levels: ['enterprise'],
    action: 'warning.manage',
  }),
  /** 统计月起始日: 1 = the calendar month; 21 = the 21st of last month to the 20th. */
  'ledger.statisticsMonthStartDay': define({
    schema: z.number().int().min(1).max(28),
    default: 1,
    levels: ['enterprise'],
    action: 'setting.manage',
  }),
  /** The guidance the portal opens with (宣传教育 at the point of need). */
  'portal.guidance': define({
    schema: PortalGuidanceSchema,
    default: DEFAULT_GUIDANCE,
    levels: ['enterprise'],
    action: 'template.manage',
  }),
  /**
   * The petition office's address, phone and reception hours (第18条第1款), shown on the portal and
   * on the visitor's 回执; a mine may publish its own. None by default.
   */
  'portal.office': define({
    schema: OfficeContactSchema.nullable(),
    default: null,
    levels: ['enterprise', 'mine'],
    action: 'setting.manage',
  }),
  /**
   * 矛盾隐患排查: hours after a return's cut-off (24:00 of its due date, China) before a unit that has
   * still not answered is reported to the office of the level above (its heads are told at the
   * cut-off). 24 by default.
   */
  'screening.escalateAfterHours': define({
    schema: z.number().int().min(0).max(168),
    default: 24,
    levels: ['enterprise'],
    action: 'setting.manage',
  }),
  /** Which notifications go out by SMS, e-mail and the 企业微信 robot. */
  'notify.outbound': define({
    schema: OutboundPolicySchema,
    default: { sms: URGENT, email: ACTION, wecom: ['warning_raised', 'warning_escalated'] },
    levels: ['enterprise'],
    action: 'setting.manage',
  }),
  /** The unit's 企业微信 group robot (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…); none by default. */
  'notify.wecomRobotUrl': define({
    schema: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
    default: null,
    levels: ['enterprise', 'mine'],
    action: 'setting.manage',
    secret: true,
  }),
  /**
   * 日报告/零报告 (第5条, 第13条): the kinds of unit that report every working day — by default every
   * 区队 and 班组 and the office of every mine and company. The enterprise decides, for all its mines.
   */
  'report.unitKinds': define({
    schema: z.array(UnitKindSchema).max(6),
    default: ['mine', 'company', 'district_team', 'crew'],
    levels: ['enterprise'],
    action: 'setting.manage',
  }),
  /** The daily report's cut-off, `HH:MM` local time (UTC+8); a report after it counts late until the next working day's. */
  'report.cutoff': define({
    schema: z.string().regex(CUTOFF_PATTERN, { error: 'cut-off must be written HH:MM (24-hour)' }),
    default: '17:00',
    levels: ['enterprise'],
    action: 'setting.manage',
  }),
  /** Minutes after the cut-off at which a missing report is also told to the office of the level above. */
  'report.escalateAfterMinutes': define({
    schema: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    default: 120,
    levels: ['enterprise'],
    action: 'setting.manage',
  }),
  /**
   * 干部培训 (第16条): days before a qualification's expiry at which its holder is told (the periodic job)
   * and the office's gaps list shows it as expiring. 30 by default.
   */
  'training.expiryNoticeDays': define({
    schema: z.number().int().min(1).max(365),
    default: 30,
    levels: ['enterprise'],
    action: 'setting.manage',
  }),
  /**
   * A new officer's first weeks (第16条: newly hired cadres learn the rules first): the setup steps shown
   * beside the required courses, and the weeks after the account is created in which it counts as new.
   */
  'training.onboarding': define({
    schema: OnboardingSettingSchema,
    default: { weeks: 8, steps: DEFAULT_ONBOARDING_STEPS.map((s) => ({ ...s })) },
    levels: ['enterprise'],
    action: 'setting.manage',
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;

/** A key's definition, seen through the common shape (its schema widened). */
export type SettingDefinition = Definition<z.ZodType>;

export function settingDefinition(key: SettingKey): SettingDefinition {
  return SETTINGS[key];
}
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export type SettingValues = { [K in SettingKey]: SettingValue<K> };

export const SettingKeySchema = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);

/** One setting as a unit's page shows it: the value in force, where it comes from, who may change it. */
export const SettingViewSchema = z.object({
  key: SettingKeySchema,
  value: z.unknown(),
  /** Where the value in force is set: this unit, a unit above it, or nowhere (the default). */
  source: z.enum(['unit', 'inherited', 'default']),
  sourceUnitId: z.string().nullable(),
  /** The name of that unit, so a mine's page can say 继承自上级（集团） though the mine's staff read nothing above it. */
  sourceUnitName: z.string().nullable(),
  levels: z.array(z.enum(SETTING_LEVELS)),
  appliesToNewCasesOnly: z.boolean(),
  /** The viewer may set or clear it at this unit. */
  editable: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type SettingView = z.infer<typeof SettingViewSchema>;

export const SettingListViewSchema = z.object({
  unitId: z.string(),
  level: z.enum(SETTING_LEVELS).nullable(),
  items: z.array(SettingViewSchema),
});
export type SettingListView = z.infer<typeof SettingListViewSchema>;

export const SettingUpdateInputSchema = z.object({ unitId: z.string().min(1).max(40), value: z.unknown() }).strict();
export type SettingUpdateInput = z.infer<typeof SettingUpdateInputSchema>;
