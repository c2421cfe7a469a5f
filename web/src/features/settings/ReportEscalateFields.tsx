import { SETTINGS } from '../../../../common/schemas/setting.ts';
import { useT } from '../../i18n/locale-context.ts';
import { IntegerField } from './IntegerField.tsx';

/** Minutes after the cut-off before a missing report is told to the level above. */
export function ReportEscalateFields() {
  const t = useT();
  return (
    <IntegerField
      name="value"
      label={t.settings.dailyReport.escalateLabel}
      schema={SETTINGS['report.escalateAfterMinutes'].schema}
      suffix={t.settings.dailyReport.escalateSuffix}
      testId="setting-field-report.escalateAfterMinutes"
    />
  );
}
