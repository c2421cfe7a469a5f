import { useMemo } from 'react';
import { Typography } from 'antd';
import type { AppraisalResultView } from '../../../../common/schemas/appraisal.ts';
import { useT } from '../../i18n/locale-context.ts';
import { useECharts } from '../dashboard/use-echarts.ts';

/**
 * 指标得分构成: each indicator's weighted points against its maximum (the weight), one bar pair per
 * indicator, and the bonus/deduction rules as their own bars — where a unit or a leader lost points.
 */
export function IndicatorChart({ result }: { result: AppraisalResultView }) {
  const t = useT();
  const a = t.appraisal;
  const rows = useMemo(
    () => [
      ...result.items.map((i) => ({ name: t.figures.keys[i.key], max: i.weight, got: i.points })),
      ...result.rules.map((r) => ({ name: r.label ?? t.figures.keys[r.key], max: 0, got: r.points })),
    ],
    [result, t],
  );
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [a.maxPoints, a.gotPoints], top: 0 },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.name),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: a.maxPoints,
          data: rows.map((r) => r.max),
          itemStyle: { color: '#d9d9d9' },
          barGap: '-100%',
        },
        {
          type: 'bar',
          name: a.gotPoints,
          data: rows.map((r) => ({ value: r.got, itemStyle: { color: r.got < 0 ? '#cf1322' : '#1677ff' } })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => p.value.toFixed(2) },
        },
      ],
    }),
    [rows, a.maxPoints, a.gotPoints],
  );
  const ref = useECharts(option);
  return (
    <div data-testid="appraisal-breakdown-chart">
      <Typography.Text strong>{a.breakdown}</Typography.Text>
      <div ref={ref} style={{ height: 40 + rows.length * 36, width: '100%' }} />
    </div>
  );
}
