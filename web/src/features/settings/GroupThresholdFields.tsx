import { SETTINGS } from '../../../../common/schemas/setting.ts';
import { useT } from '../../i18n/locale-context.ts';
import { IntegerField } from './IntegerField.tsx';

/** 集体访人数: a petition of at least this many people is a group petition (第20条). */
export function GroupThresholdFields() {
  const t = useT();
  return (
    <IntegerField
      name="value"
      label={t.settings.groupThreshold.label}
      schema={SETTINGS['petition.groupThreshold'].schema}
      suffix={t.settings.groupThreshold.suffix}
      testId="setting-field-petition.groupThreshold"
    />
  );
}
