import { Checkbox, Form } from 'antd';
import { UNIT_KINDS } from '../../../../common/schemas/unit.ts';
import { useT } from '../../i18n/locale-context.ts';

/** 日报告单位: the kinds of unit that report every working day. */
export function ReportUnitKindsFields() {
  const t = useT();
  return (
    <Form.Item name="value" label={t.settings.dailyReport.unitKindsLabel}>
      <Checkbox.Group
        data-testid="setting-field-report.unitKinds"
        options={UNIT_KINDS.map((kind) => ({ value: kind, label: t.unitKinds[kind] }))}
      />
    </Form.Item>
  );
}
