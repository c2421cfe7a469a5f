import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_POLICY, type DeadlineDayField } from '../../../../common/domain/deadlines.ts';
import { DeadlinePolicySchema } from '../../../../common/schemas/setting.ts';
import {
  DEADLINE_DAY_FIELDS,
  countsWorkingDays,
  daySchemaOf,
  deadlinePolicyFromForm,
  deadlinePolicyToForm,
} from './deadline-policy-form.ts';

describe('the time-limit form', () => {
  it('has an item for every field of DeadlinePolicySchema (the switch apart)', () => {
    expect([...DEADLINE_DAY_FIELDS, 'rollOffHolidays'].sort()).toEqual(Object.keys(DeadlinePolicySchema.shape).sort());
  });

  const bounds: [DeadlineDayField, number, number][] = [
    ['acceptanceNoticeDays', 1, 60],
    ['objectionWorkingDays', 1, 30],
    ['maxExtensionDays', 0, 90],
    ['otherTypesConclusionDays', 1, 365],
  ];
  it.each(bounds)('takes the bounds of %s from the schema (%i–%i)', (field, min, max) => {
    const schema = daySchemaOf(field);
    expect([schema.minValue, schema.maxValue]).toEqual([min, max]);
  });

  it('counts working days for the objection only (第23条第3款)', () => {
    expect(DEADLINE_DAY_FIELDS.filter(countsWorkingDays)).toEqual(['objectionWorkingDays']);
  });

  it('round-trips the default policy, the internal target switched off', () => {
    const form = deadlinePolicyToForm({ ...DEFAULT_DEADLINE_POLICY });
    expect(form.otherTypesOn).toBe(false);
    expect(deadlinePolicyFromForm(form)).toEqual(DEFAULT_DEADLINE_POLICY);
  });

  it('sends the internal target when switched on, and null when switched off again', () => {
    const form = deadlinePolicyToForm({ ...DEFAULT_DEADLINE_POLICY, otherTypesConclusionDays: 45 });
    expect(form.otherTypesOn).toBe(true);
    expect(deadlinePolicyFromForm(form)).toMatchObject({ otherTypesConclusionDays: 45 });
    expect(deadlinePolicyFromForm({ ...form, otherTypesOn: false })).toMatchObject({ otherTypesConclusionDays: null });
    expect(DeadlinePolicySchema.safeParse(deadlinePolicyFromForm(form)).success).toBe(true);
  });
});
