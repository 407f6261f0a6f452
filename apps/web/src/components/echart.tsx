import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, type EChartsCoreOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// only the pieces the app's charts draw (the whole of ECharts is ~1 MB); a chart of another type
// is registered here, once, for every page
use([
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

type Props = {
  /** The chart as ECharts describes it; a new object redraws it. */
  option: EChartsCoreOption;
  /** What the chart shows, for screen readers (it is a picture to them). */
  label: string;
  height?: number;
};

/**
 * The one ECharts wrapper of the app: draws `option` into a box as wide as its container, follows
 * the container's size, and frees the chart when it goes. Theme-neutral: colours come from the option
 * (or ECharts' defaults).
 */
export function EChart({ option, label, height = 300 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const instance = init(box.current);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // the whole option each time: series that are gone must not linger
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
