import { SETTINGS } from '../../../../common/schemas/setting.ts';
import { useT } from '../../i18n/locale-context.ts';
import { IntegerField } from './IntegerField.tsx';

/** 排查逾期上报: the hours after a return's cut-off before the office above is told. */
export function EscalateAfterHoursFields() {
  const t = useT();
  return (
    <IntegerField
      name="value"
      label={t.settings.escalateAfterHours.label}
      schema={SETTINGS['screening.escalateAfterHours'].schema}
      suffix={t.settings.escalateAfterHours.suffix}
      testId="setting-field-screening.escalateAfterHours"
    />
  );
}
