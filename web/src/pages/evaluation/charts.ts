// Chart options of the 评估问效 result: the units by final score in rank order, coloured by
// grade, and one unit's scores by top-level indicator against their points, coloured by
// 共性/个性. Every number is the server's (GET …/result); nothing is recomputed here.
import type { BarSeriesOption } from 'echarts/charts';
import {
  GRADES,
  GRADE_LABELS,
  INDICATOR_CATEGORIES,
  INDICATOR_CATEGORY_LABELS,
  type Grade,
  type IndicatorCategory,
} from '../../../../src/common/evaluation.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import type { FinalUnit, PlanIndicator } from '../../api/evaluation.ts';

export const GRADE_COLORS: Record<Grade, string> = {
  excellent: '#2e8b57',
  good: '#1d5fb3',
  pass: '#f0a020',
  fail: '#d9363e',
};

export const CATEGORY_COLORS: Record<IndicatorCategory, string> = {
  common: '#1d5fb3',
  specific: '#e8833a',
};

const POINTS_COLOR = '#e4e8ef';
const ROW_HEIGHT = 34;

/** A horizontal bar chart's height for its rows: every label keeps its own line. */
export function barChartHeight(rows: number): number {
  return Math.max(220, 70 + rows * ROW_HEIGHT);
}

/** The category label of a unit in the ranking chart. */
export function rankLabel(unit: FinalUnit): string {
  return `第${String(unit.rank)}名 ${unit.unitName}`;
}

/**
 * The units in rank order (first at the top), one bar each with its total; one series per grade
 * so the legend names the colours.
 */
export function rankingOption(ranking: readonly FinalUnit[]): ChartOption {
  const grades = GRADES.filter((g) => ranking.some((u) => u.grade === g));
  const series: BarSeriesOption[] = grades.map((g) => ({
    name: GRADE_LABELS[g],
    type: 'bar',
    stack: 'total',
    barMaxWidth: 22,
    itemStyle: { color: GRADE_COLORS[g] },
    label: {
      show: true,
      position: 'right',
      fontSize: 12,
      formatter: (p) => (typeof p.value === 'number' ? String(p.value) : ''),
    },
    data: ranking.map((u) => (u.grade === g ? u.total : '-')),
  }));
  const full = ranking.reduce((m, u) => Math.max(m, u.totalPoints), 0);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: grades.map((g) => GRADE_LABELS[g]) },
    grid: { left: 8, right: 48, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'value', name: '得分', min: 0, max: full > 0 ? full : undefined },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranking.map(rankLabel),
      axisLabel: { interval: 0 },
      axisTick: { show: false },
    },
    series,
  };
}

/** The server's score of a top-level indicator: a branch's from `branches`, a leaf's from `leaves`. */
export function topLevelScore(unit: FinalUnit, code: string): number | null {
  const branch = unit.branches[code];
  if (branch !== undefined) return branch;
  return unit.leaves.find((l) => l.code === code)?.score ?? null;
}

/**
 * One unit's score on each top-level indicator (first at the top), drawn over a grey bar of
 * the indicator's points; the bar's colour says 共性 or 个性.
 */
export function indicatorOption(unit: FinalUnit, indicators: readonly PlanIndicator[]): ChartOption {
  const label = (i: PlanIndicator) => `${i.code} ${i.name}`;
  const categories = INDICATOR_CATEGORIES.filter((c) => indicators.some((i) => i.category === c));
  const scored: BarSeriesOption[] = categories.map((c) => ({
    name: INDICATOR_CATEGORY_LABELS[c],
    type: 'bar',
    stack: 'score',
    barGap: '-100%',
    barMaxWidth: 22,
    z: 3,
    itemStyle: { color: CATEGORY_COLORS[c] },
    label: {
      show: true,
      position: 'right',
      fontSize: 12,
      formatter: (p) => {
        const i = indicators[p.dataIndex];
        return typeof p.value === 'number' && i !== undefined
          ? `${String(p.value)} / ${String(i.points)}`
          : '';
      },
    },
    data: indicators.map((i) => (i.category === c ? (topLevelScore(unit, i.code) ?? 0) : '-')),
  }));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [...categories.map((c) => INDICATOR_CATEGORY_LABELS[c]), '分值'] },
    grid: { left: 8, right: 72, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'value', name: '分', min: 0 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: indicators.map(label),
      axisLabel: { interval: 0 },
      axisTick: { show: false },
    },
    series: [
      {
        name: '分值',
        type: 'bar',
        barGap: '-100%',
        barMaxWidth: 22,
        z: 1,
        itemStyle: { color: POINTS_COLOR },
        data: indicators.map((i) => i.points),
      },
      ...scored,
    ],
  };
}
