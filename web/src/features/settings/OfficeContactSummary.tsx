import { Descriptions, Typography } from 'antd';
import type { OfficeContact } from '../../../../common/schemas/office.ts';
import { useT } from '../../i18n/locale-context.ts';
import { OFFICE_CONTACT_FIELDS } from './OfficeContactFields.tsx';

export function OfficeContactSummary({ value }: { value: OfficeContact | null }) {
  const t = useT();
  const o = t.portal.office;
  if (value === null) return <Typography.Text type="secondary">{o.sourceNone}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      items={OFFICE_CONTACT_FIELDS.map((field) => ({ key: field, label: o.fields[field], children: value[field] }))}
    />
  );
}
