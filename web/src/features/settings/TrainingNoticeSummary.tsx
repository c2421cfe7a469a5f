import { Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { useT } from '../../i18n/locale-context.ts';

export function TrainingNoticeSummary({ value }: { value: number }) {
  const t = useT();
  return <Typography.Text strong>{format(t.training.settings.noticeSummary, { days: value })}</Typography.Text>;
}
