import { Flex, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { useT } from '../../i18n/locale-context.ts';
import { statisticsMonthExample } from './statistics-month.ts';

export function StatisticsMonthSummary({ value }: { value: number }) {
  const t = useT();
  return (
    <Flex vertical>
      <Typography.Text strong>{format(t.settings.statisticsMonth.summary, { day: value })}</Typography.Text>
      <Typography.Text type="secondary">{statisticsMonthExample(t, value)}</Typography.Text>
    </Flex>
  );
}
