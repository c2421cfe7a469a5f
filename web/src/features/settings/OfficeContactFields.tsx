import { Form, Input } from 'antd';
import { OfficeContactSchema } from '../../../../common/schemas/office.ts';
import { schemaRule } from '../../components/form-rules.ts';
import { useT } from '../../i18n/locale-context.ts';

export const OFFICE_CONTACT_FIELDS = ['name', 'address', 'phone', 'hours'] as const;

/** 信访接待: where, how and when the office receives people (第18条第1款), each line required. */
export function OfficeContactFields() {
  const t = useT();
  const o = t.portal.office;
  return (
    <>
      {OFFICE_CONTACT_FIELDS.map((field) => (
        <Form.Item
          key={field}
          name={['value', field]}
          label={o.fields[field]}
          rules={[
            { required: true, message: o.fields[field] },
            schemaRule(OfficeContactSchema.shape[field], o.fields[field]),
          ]}
        >
          <Input autoComplete="off" data-testid={`setting-field-portal.office-${field}`} />
        </Form.Item>
      ))}
    </>
  );
}
