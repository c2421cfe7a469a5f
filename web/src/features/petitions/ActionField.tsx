import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { ReplyOutcome } from '../../../../common/schemas/petition.ts';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { FourOutcomesInput, fourOutcomesProblem } from './FourOutcomesInput.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { UserSelect } from '../../components/UserSelect.tsx';
import { CategoryPicker } from '../categories/CategoryPicker.tsx';
import { CitationPicker } from '../knowledge/CitationPicker.tsx';
import { useReach } from '../../app/session-context.ts';
import { useT } from '../../i18n/locale-context.ts';
import type { FieldSpec } from './verb-forms.ts';

type Props = { spec: FieldSpec; units: readonly UnitView[]; autoFocus: boolean; petitionId: string };

/** One field of a verb's form, its control chosen by the field's kind. */
export function ActionField({ spec, units, autoFocus, petitionId }: Props) {
  const t = useT();
  const canCite = useReach('knowledge.read') !== 'none';
  const label = t.petitions.field[spec.name];
  const required = spec.kind !== 'switch' && spec.required ? [{ required: true, message: t.common.required }] : [];
  const maxOf = (max: number | undefined) =>
    max === undefined ? [] : [{ max, message: format(t.form.maxLength, { max }) }];
  const testId = `action-field-${spec.name}`;
  switch (spec.kind) {
    case 'text':
      return (
        <Form.Item name={spec.name} label={label} rules={[...required, ...maxOf(spec.max)]}>
          <Input autoFocus={autoFocus} data-testid={testId} />
        </Form.Item>
      );
    case 'textarea':
      return (
        <Form.Item
          name={spec.name}
          label={label}
          rules={[...required.map((rule) => ({ ...rule, whitespace: true })), ...maxOf(spec.max)]}
        >
          <Input.TextArea autoFocus={autoFocus} autoSize={{ minRows: 2, maxRows: 8 }} data-testid={testId} />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item name={spec.name} label={label} rules={required}>
          <InputNumber
            min={spec.min}
            max={spec.max}
            precision={0}
            autoFocus={autoFocus}
            style={{ width: 160 }}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'switch':
      return (
        <Form.Item name={spec.name} label={label} valuePropName="checked">
          <Switch />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item name={spec.name} label={label} rules={required}>
          <DatePicker autoFocus={autoFocus} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'unit':
      return (
        <Form.Item name={spec.name} label={label} rules={required}>
          <UnitTreeSelect units={units} activeOnly allowClear />
        </Form.Item>
      );
    case 'category':
      return (
        <Form.Item name={spec.name} label={label} rules={required}>
          <CategoryPicker data-testid={testId} />
        </Form.Item>
      );
    case 'outcomes':
      return (
        <Form.Item
          name={spec.name}
          label={label}
          required
          rules={[
            {
              validator: (_, value: ReplyOutcome[] | undefined) => {
                const problem = fourOutcomesProblem(value);
                return problem === null
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(
                        problem === 'none' ? t.petitions.outcomesRequired : t.petitions.outcomeMeasuresRequired,
                      ),
                    );
              },
            },
          ]}
        >
          <FourOutcomesInput />
        </Form.Item>
      );
    case 'citations':
      return !canCite ? null : (
        <Form.Item name={spec.name} label={label}>
          <CitationPicker petitionId={petitionId} />
        </Form.Item>
      );
    case 'user':
      return (
        <Form.Item name={spec.name} label={label} rules={required}>
          <UserSelect roles={spec.roles} />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item name={spec.name} label={label} rules={required}>
          <Select
            allowClear={spec.required !== true}
            autoFocus={autoFocus}
            options={spec.choice.values.map((value) => ({ value, label: spec.choice.label(t, value) }))}
            data-testid={testId}
          />
        </Form.Item>
      );
  }
}
