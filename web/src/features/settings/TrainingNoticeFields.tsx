import { SETTINGS } from '../../../../common/schemas/setting.ts';
import { useT } from '../../i18n/locale-context.ts';
import { IntegerField } from './IntegerField.tsx';

/** 培训资格到期提醒: days before a qualification's expiry at which its holder is told. */
export function TrainingNoticeFields() {
  const t = useT();
  return (
    <IntegerField
      name="value"
      label={t.training.settings.noticeLabel}
      schema={SETTINGS['training.expiryNoticeDays'].schema}
      suffix={t.training.settings.noticeSuffix}
      testId="setting-field-training.expiryNoticeDays"
    />
  );
}
