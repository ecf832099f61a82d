// A thin React binding for ECharts. The library itself (echarts-core.ts) is loaded on demand when
// the first chart mounts: a page renders and asks for its data without waiting for it.
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, TreeSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption, ECharts } from 'echarts/core';
import { useEffect, useRef, type CSSProperties } from 'react';
import { FONT_FAMILY } from '../app/theme.ts';
import { prefersReducedMotion } from '../lib/motion.ts';

type Core = typeof import('./echarts-core.ts');
let core: Promise<Core> | null = null;
/** The ECharts library, loaded once. */
export function loadECharts(): Promise<Core> {
  core ??= import('./echarts-core.ts');
  return core;
}

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
  const drawn = { textStyle: { fontFamily: CHART_FONT_FAMILY }, ...option };
  // The user asked the system for less motion: the chart is drawn at once.
  return prefersReducedMotion() ? { ...drawn, animation: false } : drawn;
}

/**
 * Renders an option once, off screen, with the SVG renderer and returns the SVG document (for
 * downloads that stay sharp when printed). No DOM is needed: ECharts' server-side mode draws to a string.
 */
export async function renderSvg(option: ChartOption, width: number, height: number): Promise<string> {
  const { init } = await loadECharts();
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

  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    let instance: ECharts | null = null;
    let observer: ResizeObserver | null = null;
    let disposed = false;
    void loadECharts().then(({ init }) => {
      if (disposed) return;
      const created = init(element, undefined, { renderer, locale: 'ZH' });
      instance = created;
      chart.current = created;
      created.setOption(withFont(optionRef.current), { notMerge: true });
      onChartRef.current?.(created);
      observer = new ResizeObserver(() => created.resize());
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      if (instance) {
        onChartRef.current?.(null);
        instance.dispose();
      }
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
