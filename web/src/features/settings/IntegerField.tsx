import type { ReactNode } from 'react';
import { Form, InputNumber } from 'antd';
import type { z } from 'zod';
import { format } from '../../../../common/i18n/index.ts';
import { schemaRule } from '../../components/form-rules.ts';
import { useT } from '../../i18n/locale-context.ts';

type Props = {
  name: string | (string | number)[];
  label: ReactNode;
  /** The key's own number schema: its bounds are the input's, and the rule checks exactly what the server will. */
  schema: z.ZodNumber;
  suffix?: string | undefined;
  extra?: ReactNode;
  /** Inside another Form.Item that carries the label (its errors show there). */
  noStyle?: boolean;
  testId: string;
};

/** A whole number within the bounds of its setting's schema (common/schemas/setting.ts). */
export function IntegerField({ name, label, schema, suffix, extra, noStyle, testId }: Props) {
  const t = useT();
  const min = schema.minValue ?? 0;
  const max = schema.maxValue ?? Number.MAX_SAFE_INTEGER;
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      noStyle={noStyle === true}
      rules={[
        { required: true, message: t.common.required },
        schemaRule(schema, format(t.form.integerRange, { min, max })),
      ]}
    >
      <InputNumber
        min={min}
        max={max}
        precision={0}
        {...(suffix === undefined || suffix === '' ? {} : { suffix })}
        style={{ width: '100%', maxWidth: 220 }}
        data-testid={testId}
      />
    </Form.Item>
  );
}
