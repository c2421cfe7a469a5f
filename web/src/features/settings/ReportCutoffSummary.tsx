import { Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { useT } from '../../i18n/locale-context.ts';

export function ReportCutoffSummary({ value }: { value: string }) {
  const t = useT();
  return <Typography.Text strong>{format(t.settings.dailyReport.cutoffSummary, { cutoff: value })}</Typography.Text>;
}
