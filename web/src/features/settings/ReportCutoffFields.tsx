import { Form, Input } from 'antd';
import { SETTINGS } from '../../../../common/schemas/setting.ts';
import { schemaRule } from '../../components/form-rules.ts';
import { useT } from '../../i18n/locale-context.ts';

/** 日报告截止时间, `HH:MM` China time. */
export function ReportCutoffFields() {
  const t = useT();
  const d = t.settings.dailyReport;
  return (
    <Form.Item
      name="value"
      label={d.cutoffLabel}
      rules={[schemaRule(SETTINGS['report.cutoff'].schema, d.cutoffInvalid)]}
    >
      <Input inputMode="numeric" maxLength={5} placeholder="17:00" data-testid="setting-field-report.cutoff" />
    </Form.Item>
  );
}
