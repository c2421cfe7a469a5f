import { Form } from 'antd';
import { SETTINGS } from '../../../../common/schemas/setting.ts';
import { useT } from '../../i18n/locale-context.ts';
import { IntegerField } from './IntegerField.tsx';
import { statisticsMonthExample } from './statistics-month.ts';

/** 统计月起始日 (1–28), with what the chosen day means. */
export function StatisticsMonthFields() {
  const t = useT();
  const form = Form.useFormInstance();
  const day: unknown = Form.useWatch('value', form);
  return (
    <IntegerField
      name="value"
      label={t.settings.statisticsMonth.label}
      schema={SETTINGS['ledger.statisticsMonthStartDay'].schema}
      suffix={t.settings.statisticsMonth.suffix}
      extra={
        <span data-testid="statistics-month-example">
          {statisticsMonthExample(t, typeof day === 'number' ? day : 21)}
        </span>
      }
      testId="setting-field-ledger.statisticsMonthStartDay"
    />
  );
}
