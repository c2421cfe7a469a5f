/**
 * The time limits (petition.deadlines) as the settings form holds them. Every field of
 * DeadlinePolicySchema is one form item named `['value', field]`, so the server's issue
 * `value.<field>` lands on it; the nullable internal target for 建议意见类 and 检举控告类 (no statutory
 * limit, 第29–30条) is a switch beside its number.
 */
import type { DeadlineDayField, DeadlinePolicy } from '../../../../common/domain/deadlines.ts';
import { DeadlinePolicySchema } from '../../../../common/schemas/setting.ts';
import { z } from 'zod';

/** In the order of the case's path: 第23条, 第34条, 第35条, 第36条, then the enterprise's own. */
export const DEADLINE_DAY_FIELDS = [
  'acceptanceNoticeDays',
  'objectionWorkingDays',
  'conclusionDays',
  'maxExtensionDays',
  'otherTypesConclusionDays',
  'reviewRequestDays',
  'reviewOpinionDays',
  'reconsiderationRequestDays',
  'reconsiderationOpinionDays',
  'ownerConfirmationDays',
] as const satisfies readonly DeadlineDayField[];

/** Only the objection counts working days (第23条第3款 "5个工作日"); every other limit is 日. */
export function countsWorkingDays(field: DeadlineDayField): boolean {
  return field === 'objectionWorkingDays';
}

/** The number schema of a field, for its bounds and its rule (one source with the server). */
export function daySchemaOf(field: DeadlineDayField): z.ZodNumber {
  const schema = DeadlinePolicySchema.shape[field];
  return schema instanceof z.ZodNullable ? schema.unwrap() : schema;
}

/** The number offered when the internal target is switched on: the 办结 limit of 第34条. */
const OTHER_TYPES_DEFAULT = 60;

export type DeadlinePolicyForm = {
  value: Omit<DeadlinePolicy, 'otherTypesConclusionDays'> & { otherTypesConclusionDays: number | null };
  otherTypesOn: boolean;
};

export function deadlinePolicyToForm(policy: DeadlinePolicy): DeadlinePolicyForm {
  return {
    value: { ...policy, otherTypesConclusionDays: policy.otherTypesConclusionDays ?? OTHER_TYPES_DEFAULT },
    otherTypesOn: policy.otherTypesConclusionDays !== null,
  };
}

/** What is sent: the form's value with the internal target null when switched off (the server checks the rest). */
export function deadlinePolicyFromForm(values: Record<string, unknown>): unknown {
  const value = values['value'];
  if (typeof value !== 'object' || value === null) return value;
  const target = 'otherTypesConclusionDays' in value ? value.otherTypesConclusionDays : null;
  return { ...value, otherTypesConclusionDays: values['otherTypesOn'] === true ? target : null };
}
