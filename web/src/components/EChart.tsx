// A thin React binding for ECharts built from the tree-shakable core: only the chart types the pages
// use (bar, line, pie, tree), their components and the canvas and SVG renderers are bundled.
import { BarChart, LineChart, PieChart, TreeChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, TreeSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';
import { FONT_FAMILY } from '../app/theme.ts';

use([
  BarChart,
  LineChart,
  PieChart,
  TreeChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | TreeSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export type { ECharts };

// Single quotes: the SVG renderer writes the family into a double-quoted style attribute unescaped.
const CHART_FONT_FAMILY = FONT_FAMILY.replaceAll('"', "'");

function withFont(option: ChartOption): ChartOption {
  return { textStyle: { fontFamily: CHART_FONT_FAMILY }, ...option };
}

/**
 * Renders an option once, off screen, with the SVG renderer and returns the SVG document (for
 * downloads that stay sharp when printed). No DOM is needed: ECharts' server-side mode draws to a string.
 */
export function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width, height, locale: 'ZH' });
  try {
    chart.setOption({ ...withFont(option), animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function EChart({
  option,
  style,
  ariaLabel,
  onChart,
  testId,
  renderer = 'canvas',
}: {
  option: ChartOption;
  style?: CSSProperties;
  ariaLabel?: string;
  /** Receives the chart instance once it exists (and null when it is disposed), e.g. for exports. */
  onChart?: (chart: ECharts | null) => void;
  testId?: string;
  /** 'svg' keeps the text of the drawing in the page (full names searchable, sharp when zoomed). */
  renderer?: 'canvas' | 'svg';
}) {
  const container = useRef<HTMLDivElement | null>(null);
  const chart = useRef<ECharts | null>(null);
  const onChartRef = useRef(onChart);
  onChartRef.current = onChart;

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const instance = init(element, undefined, { renderer, locale: 'ZH' });
    chart.current = instance;
    onChartRef.current?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      onChartRef.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    chart.current?.setOption(withFont(option), { notMerge: true });
  }, [option]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height: 300, ...style }}
    />
  );
}
