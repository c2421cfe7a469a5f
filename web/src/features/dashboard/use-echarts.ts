/**
 * A small ECharts binding: one chart per element, options replaced on change, resized with its
 * box, disposed on unmount. Only the chart types and components the dashboard uses are registered
 * (echarts/core), which keeps the lazy chunk small.
 */
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, ToolboxComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  ToolboxComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartClick = { dataIndex: number; seriesIndex: number | undefined };

export function useECharts(option: EChartsCoreOption, onClick?: (event: ChartClick) => void) {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const p = params as { dataIndex: number; seriesIndex?: number };
      click.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
