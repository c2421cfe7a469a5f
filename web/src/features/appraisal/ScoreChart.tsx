import { useCallback, useMemo } from 'react';
import { Empty, Typography } from 'antd';
import { unitHistory } from '../../api/appraisal.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useT } from '../../i18n/locale-context.ts';
import { useECharts } from '../dashboard/use-echarts.ts';

/** A unit's (or a leader's) total over the published rounds of one scheme (a line). */
export function ScoreChart({
  unitId,
  schemeId,
  userId,
}: {
  unitId: string;
  schemeId: string;
  userId?: string | undefined;
}) {
  const t = useT();
  const a = t.appraisal;
  const history = useLoader(useCallback(() => unitHistory(unitId, schemeId, userId), [unitId, schemeId, userId]));
  const points = history.data?.points ?? [];
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => p.period) },
      yAxis: { type: 'value', name: a.total },
      series: [
        {
          type: 'line',
          name: a.total,
          data: points.map((p) => p.total),
          label: { show: true },
        },
      ],
    }),
    [points, a.total],
  );
  const ref = useECharts(option);
  return (
    <div data-testid="appraisal-history">
      <Typography.Text strong>{a.history}</Typography.Text>
      {points.length === 0 && !history.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={a.noHistory} />
      ) : null}
      <div ref={ref} style={{ height: points.length === 0 ? 0 : 200, width: '100%' }} />
    </div>
  );
}
