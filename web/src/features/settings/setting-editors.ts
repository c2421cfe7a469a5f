/**
 * How the settings page shows and edits each key: a registry typed over SettingKey, so a key added
 * to common/schemas/setting.ts without an editor here fails the type-check. A form editor's items
 * are named under `value` (`['value', 'conclusionDays']`), which is where the server names a bad
 * value's issues (`value.<field>`); a key kept on a page of its own is summarised with a link.
 */
import type { ComponentType } from 'react';
import type { NamePath } from 'antd/es/form/interface';
import type { Catalog } from '../../../../common/i18n/index.ts';
import type { SettingKey, SettingValue } from '../../../../common/schemas/setting.ts';
import { PORTAL_GUIDANCE_PATH, WARNING_SETTINGS_PATH } from '../../app/paths.ts';
import { DEADLINE_DAY_FIELDS, deadlinePolicyFromForm, deadlinePolicyToForm } from './deadline-policy-form.ts';
import { DeadlinePolicyFields } from './DeadlinePolicyFields.tsx';
import { DeadlinePolicySummary } from './DeadlinePolicySummary.tsx';
import { GroupThresholdFields } from './GroupThresholdFields.tsx';
import { GroupThresholdSummary } from './GroupThresholdSummary.tsx';
import { EscalateAfterHoursFields } from './EscalateAfterHoursFields.tsx';
import { EscalateAfterHoursSummary } from './EscalateAfterHoursSummary.tsx';
import { OUTBOUND_CHANNELS, OutboundPolicyFields } from './OutboundPolicyFields.tsx';
import { OutboundPolicySummary } from './OutboundPolicySummary.tsx';
import { OFFICE_CONTACT_FIELDS, OfficeContactFields } from './OfficeContactFields.tsx';
import { OfficeContactSummary } from './OfficeContactSummary.tsx';
import { PortalGuidanceSummary } from './PortalGuidanceSummary.tsx';
import { ReportCutoffFields } from './ReportCutoffFields.tsx';
import { ReportCutoffSummary } from './ReportCutoffSummary.tsx';
import { ReportEscalateFields } from './ReportEscalateFields.tsx';
import { ReportEscalateSummary } from './ReportEscalateSummary.tsx';
import { ReportUnitKindsFields } from './ReportUnitKindsFields.tsx';
import { ReportUnitKindsSummary } from './ReportUnitKindsSummary.tsx';
import { StatisticsMonthFields } from './StatisticsMonthFields.tsx';
import { StatisticsMonthSummary } from './StatisticsMonthSummary.tsx';
import { WarningPolicySummary } from './WarningPolicySummary.tsx';
import { WecomRobotFields } from './WecomRobotFields.tsx';
import { WecomRobotSummary } from './WecomRobotSummary.tsx';
import { OnboardingFields } from './OnboardingFields.tsx';
import { OnboardingSummary } from './OnboardingSummary.tsx';
import { TrainingNoticeFields } from './TrainingNoticeFields.tsx';
import { TrainingNoticeSummary } from './TrainingNoticeSummary.tsx';

/** What a setting's form holds: the value under `value`, and any helper field beside it. */
export type SettingFormValues = Record<string, unknown>;

type Summary<K extends SettingKey> = ComponentType<{ value: SettingValue<K> }>;

export type SettingEditor<K extends SettingKey> =
  | {
      kind: 'form';
      /** The form items, rendered inside the card's form. */
      Fields: ComponentType;
      /** Their names, where the server's issues are shown (an issue matching none is shown above the form). */
      fieldNames: readonly NamePath[];
      toForm: (value: SettingValue<K>) => SettingFormValues;
      /** What is sent; the server validates it against the key's schema. */
      fromForm: (values: SettingFormValues) => unknown;
      /** The value read-only, for a viewer who may not change it here. */
      Summary: Summary<K>;
    }
  | {
      kind: 'page';
      /** The existing page that edits it. */
      path: string;
      pageTitle: (t: Catalog) => string;
      Summary: Summary<K>;
    };

const asValue = (value: unknown): SettingFormValues => ({ value });
const valueOf = (values: SettingFormValues): unknown => values['value'];

export const SETTING_EDITORS: { [K in SettingKey]: SettingEditor<K> } = {
  'petition.groupThreshold': {
    kind: 'form',
    Fields: GroupThresholdFields,
    fieldNames: ['value'],
    toForm: asValue,
    fromForm: valueOf,
    Summary: GroupThresholdSummary,
  },
  'petition.deadlines': {
    kind: 'form',
    Fields: DeadlinePolicyFields,
    fieldNames: [...DEADLINE_DAY_FIELDS.map((field) => ['value', field]), ['value', 'rollOffHolidays']],
    toForm: deadlinePolicyToForm,
    fromForm: deadlinePolicyFromForm,
    Summary: DeadlinePolicySummary,
  },
  'warning.policy': {
    kind: 'page',
    path: WARNING_SETTINGS_PATH,
    pageTitle: (t) => t.warnings.settingsTitle,
    Summary: WarningPolicySummary,
  },
  'screening.escalateAfterHours': {
    kind: 'form',
    Fields: EscalateAfterHoursFields,
    fieldNames: ['value'],
    toForm: asValue,
    fromForm: valueOf,
    Summary: EscalateAfterHoursSummary,
  },
  'ledger.statisticsMonthStartDay': {
    kind: 'form',
    Fields: StatisticsMonthFields,
    fieldNames: ['value'],
    toForm: asValue,
    fromForm: valueOf,
    Summary: StatisticsMonthSummary,
  },
  'portal.guidance': {
    kind: 'page',
    path: PORTAL_GUIDANCE_PATH,
    pageTitle: (t) => t.portal.guidance.title,
    Summary: PortalGuidanceSummary,
  },
  'portal.office': {
    kind: 'form',
    Fields: OfficeContactFields,
    fieldNames: OFFICE_CONTACT_FIELDS.map((field) => ['value', field]),
    toForm: asValue,
    fromForm: valueOf,
    Summary: OfficeContactSummary,
  },
  'notify.outbound': {
    kind: 'form',
    Fields: OutboundPolicyFields,
    fieldNames: OUTBOUND_CHANNELS.map((channel) => ['value', channel]),
    toForm: asValue,
    fromForm: valueOf,
    Summary: OutboundPolicySummary,
  },
  'notify.wecomRobotUrl': {
    kind: 'form',
    Fields: WecomRobotFields,
    fieldNames: ['value'],
    toForm: (url) => ({ value: url ?? '' }),
    // An empty address is "no robot here" (null), not an invalid URL.
    fromForm: (values) => {
      const url = values['value'];
      return typeof url === 'string' && url.trim() !== '' ? url.trim() : null;
    },
    Summary: WecomRobotSummary,
  },
  'report.unitKinds': {
    kind: 'form',
    Fields: ReportUnitKindsFields,
    fieldNames: ['value'],
    toForm: asValue,
    fromForm: valueOf,
    Summary: ReportUnitKindsSummary,
  },
  'report.cutoff': {
    kind: 'form',
    Fields: ReportCutoffFields,
    fieldNames: ['value'],
    toForm: asValue,
    fromForm: (values) => {
      const cutoff = values['value'];
      return typeof cutoff === 'string' ? cutoff.trim() : cutoff;
    },
    Summary: ReportCutoffSummary,
  },
  'report.escalateAfterMinutes': {
    kind: 'form',
    Fields: ReportEscalateFields,
    fieldNames: ['value'],
    toForm: asValue,
    fromForm: valueOf,
    Summary: ReportEscalateSummary,
  },
  'training.expiryNoticeDays': {
    kind: 'form',
    Fields: TrainingNoticeFields,
    fieldNames: ['value'],
    toForm: asValue,
    fromForm: valueOf,
    Summary: TrainingNoticeSummary,
  },
  'training.onboarding': {
    kind: 'form',
    Fields: OnboardingFields,
    fieldNames: [
      ['value', 'weeks'],
      ['value', 'steps'],
    ],
    toForm: asValue,
    fromForm: valueOf,
    Summary: OnboardingSummary,
  },
};
