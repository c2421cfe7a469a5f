/** The dashboard's ECharts charts; a click on a bar or slice opens the petitions behind it. */
import { useMemo } from 'react';
import { Card } from 'antd';
import type { DashboardBucket, DashboardView, DrillDown } from '../../../../common/schemas/dashboard.ts';
import type { Catalog } from '../../../../common/i18n/index.ts';
import { useT } from '../../i18n/locale-context.ts';
import type { EChartsCoreOption } from 'echarts/core';
import { useECharts, type ChartClick } from './use-echarts.ts';

type Drill = (drill: DrillDown | null) => void;

function toolbox(t: Catalog) {
  return { right: 8, feature: { saveAsImage: { title: t.dashboard.saveImage, pixelRatio: 2 } } };
}

function Chart({
  title,
  option,
  onClick,
  testId,
}: {
  title: string;
  option: EChartsCoreOption;
  onClick?: (e: ChartClick) => void;
  testId: string;
}) {
  const ref = useECharts(option, onClick);
  return (
    <Card size="small" title={title}>
      <div ref={ref} className="dashboard-chart" data-testid={testId} />
    </Card>
  );
}

export function bucketLabel(
  t: Catalog,
  list: 'byChannel' | 'byType' | 'byCategory' | 'byUnit',
  b: DashboardBucket,
): string {
  if (list === 'byChannel') return (t.petitions.channels as Record<string, string | undefined>)[b.key] ?? b.key;
  if (list === 'byType') return (t.petitions.types as Record<string, string | undefined>)[b.key] ?? b.key;
  if (list === 'byCategory' && b.key === '') return t.dashboard.uncategorised;
  return b.label;
}

function bars(t: Catalog, buckets: DashboardBucket[], horizontal: boolean, labels: string[]) {
  const category = {
    type: 'category',
    data: labels,
    axisLabel: { interval: 0, width: 90, overflow: 'truncate' },
    inverse: horizontal,
  };
  const value = { type: 'value', minInterval: 1 };
  return {
    toolbox: toolbox(t),
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        data: buckets.map((b) => b.count),
        itemStyle: { color: '#1677ff' },
        barMaxWidth: 28,
        cursor: 'pointer',
      },
    ],
  };
}

function pie(t: Catalog, buckets: DashboardBucket[], labels: string[]) {
  return {
    toolbox: toolbox(t),
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        data: buckets.map((b, i) => ({ name: labels[i], value: b.count })),
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}

/** The limits whose on-time figures the chart shows: 受理告知, 办结, and reports owed to higher bodies. */
const ON_TIME_KINDS = ['acceptance', 'conclusion', 'referral'] as const;

export function DashboardCharts({ view, onDrill }: { view: DashboardView; onDrill: Drill }) {
  const t = useT();
  const options = useMemo(() => {
    const labels = (list: 'byChannel' | 'byType' | 'byCategory' | 'byUnit') =>
      view[list].map((b) => bucketLabel(t, list, b));
    const statuses = ['met', 'metLate', 'overdue', 'open'] as const;
    const colours = { met: '#52c41a', metLate: '#faad14', overdue: '#f5222d', open: '#bfbfbf' };
    return {
      volume: {
        toolbox: toolbox(t),
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: view.series.map((b) => (view.granularity === 'day' ? b.key.slice(5) : b.key)),
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: view.granularity === 'day' ? 'line' : 'bar',
            data: view.series.map((b) => b.count),
            smooth: true,
            areaStyle: { opacity: 0.15 },
            itemStyle: { color: '#1677ff' },
          },
        ],
      },
      byUnit: bars(t, view.byUnit, true, labels('byUnit')),
      byCategory: pie(t, view.byCategory, labels('byCategory')),
      byChannel: pie(t, view.byChannel, labels('byChannel')),
      byType: bars(t, view.byType, false, labels('byType')),
      onTime: {
        toolbox: toolbox(t),
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 8, right: 24, top: 36, bottom: 32, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          data: ON_TIME_KINDS.map((kind) => t.dashboard.onTime[kind]),
        },
        series: statuses.map((s) => ({
          name: t.dashboard.onTime[s],
          type: 'bar',
          stack: 'all',
          itemStyle: { color: colours[s] },
          data: ON_TIME_KINDS.map((kind) => view.onTime[kind][s].value),
        })),
      },
      satisfaction: {
        toolbox: toolbox(t),
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: view.satisfaction.distribution.map((d) => t.dashboard.score.replace('{score}', String(d.score))),
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            data: view.satisfaction.distribution.map((d) => d.count),
            itemStyle: { color: '#13c2c2' },
            barMaxWidth: 36,
          },
        ],
      },
    };
  }, [view, t]);

  const at = (list: DashboardBucket[]) => (e: ChartClick) => onDrill(list[e.dataIndex]?.drill ?? null);
  const statusAt = (e: ChartClick) => {
    const kind = view.onTime[ON_TIME_KINDS[e.dataIndex] ?? 'acceptance'];
    const status = (['met', 'metLate', 'overdue', 'open'] as const)[e.seriesIndex ?? 0] ?? 'met';
    onDrill(kind[status].drill);
  };
  return (
    <div className="dashboard-charts">
      <Chart
        testId="chart-volume"
        title={t.dashboard.charts.volume}
        option={options.volume}
        onClick={at(view.series)}
      />
      <Chart testId="chart-unit" title={t.dashboard.charts.byUnit} option={options.byUnit} onClick={at(view.byUnit)} />
      <Chart
        testId="chart-category"
        title={t.dashboard.charts.byCategory}
        option={options.byCategory}
        onClick={at(view.byCategory)}
      />
      <Chart
        testId="chart-channel"
        title={t.dashboard.charts.byChannel}
        option={options.byChannel}
        onClick={at(view.byChannel)}
      />
      <Chart testId="chart-ontime" title={t.dashboard.charts.onTime} option={options.onTime} onClick={statusAt} />
      <Chart testId="chart-type" title={t.dashboard.charts.byType} option={options.byType} onClick={at(view.byType)} />
      <Chart testId="chart-satisfaction" title={t.dashboard.charts.satisfaction} option={options.satisfaction} />
    </div>
  );
}
