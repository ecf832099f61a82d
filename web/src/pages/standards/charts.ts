import type { BarSeriesOption } from 'echarts/charts';
import type { ChartOption } from '../../components/EChart.tsx';
import type { UnitStandardRow } from '../../api/standards.ts';

const REQUIREMENT_COLOR = '#c8102e';
const APPROVED_COLOR = '#1d5fb3';
const WHAT_IF_COLOR = '#f0a020';
export const CHART_TOP = 20;

/** Drops the county's name before a unit's name ("永宁县第一中学" → "第一中学") to keep labels short. */
function shortName(name: string, regionName: string): string {
  return name.startsWith(regionName) && name.length > regionName.length + 1
    ? name.slice(regionName.length)
    : name;
}

/** The units with the largest gaps first (then the largest requirements), at most CHART_TOP. */
export function chartRows(rows: readonly UnitStandardRow[]): UnitStandardRow[] {
  return [...rows]
    .sort(
      (a, b) => b.shortfall - a.shortfall || b.requirement - a.requirement || a.code.localeCompare(b.code),
    )
    .slice(0, CHART_TOP);
}

export function chartHeight(count: number): number {
  return Math.max(220, count * 26 + 70);
}

/** 应配 vs 核定 per unit as horizontal bars (the largest gap at the top); 测算应配 beside them. */
export function requirementBarOption(
  rows: readonly UnitStandardRow[],
  regionName: string,
  whatIf: ReadonlyMap<string, UnitStandardRow> | null,
): ChartOption {
  const shown = chartRows(rows).reverse();
  const series: BarSeriesOption[] = [
    {
      name: '应配',
      type: 'bar',
      data: shown.map((r) => r.requirement),
      itemStyle: { color: REQUIREMENT_COLOR },
      barMaxWidth: 12,
      label: { show: true, position: 'right', fontSize: 10 },
    },
    {
      name: '核定',
      type: 'bar',
      data: shown.map((r) => r.approved),
      itemStyle: { color: APPROVED_COLOR },
      barMaxWidth: 12,
      label: { show: true, position: 'right', fontSize: 10 },
    },
  ];
  if (whatIf) {
    series.push({
      name: '测算应配（未保存）',
      type: 'bar',
      data: shown.map((r) => whatIf.get(r.code)?.requirement ?? 0),
      itemStyle: { color: WHAT_IF_COLOR },
      barMaxWidth: 12,
      label: { show: true, position: 'right', fontSize: 10 },
    });
  }
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 40, bottom: 8, top: 30, containLabel: true },
    xAxis: { type: 'value', name: '名', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: shown.map((r) => shortName(r.name, regionName)),
      axisLabel: { fontSize: 11, width: 150, overflow: 'truncate' },
      axisTick: { alignWithLabel: true },
    },
    series,
  };
}
