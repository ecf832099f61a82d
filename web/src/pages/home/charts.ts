import type { BarSeriesOption } from 'echarts/charts';
import { UNIT_CATEGORIES } from '../../../../src/common/labels.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import type {
  CountiesResponse,
  HistoryResponse,
  OverviewResponse,
  QuotaFigure,
  UnitFiguresResponse,
} from '../../api/index.ts';
import { sortFigures } from '../../lib/figures.ts';

const APPROVED_COLOR = '#1d5fb3';
const ACTUAL_COLOR = '#36a3a0';
const PENDING_COLOR = '#f0a020';

export function quotaBarOption(figures: readonly QuotaFigure[]): ChartOption {
  const sorted = sortFigures(figures);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['核定', '实有', '待入编'] },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: sorted.map((f) => (f.quotaType === '政法专项编制' ? '其中：政法专项' : f.quotaType)),
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', name: '名', minInterval: 1 },
    series: [
      {
        name: '核定',
        type: 'bar',
        data: sorted.map((f) => f.approved),
        itemStyle: { color: APPROVED_COLOR },
        barMaxWidth: 36,
        label: { show: true, position: 'top', fontSize: 11 },
      },
      {
        name: '实有',
        type: 'bar',
        data: sorted.map((f) => f.actual),
        itemStyle: { color: ACTUAL_COLOR },
        barMaxWidth: 36,
        label: { show: true, position: 'top', fontSize: 11 },
      },
      {
        name: '待入编',
        type: 'bar',
        data: sorted.map((f) => f.pending),
        itemStyle: { color: PENDING_COLOR },
        barMaxWidth: 36,
      },
    ],
  };
}

/** One distinct colour per unit category (ECharts' default palette repeats after nine). */
export const CATEGORY_COLORS: readonly string[] = [
  '#1d5fb3',
  '#36a3a0',
  '#f0a020',
  '#cf1322',
  '#722ed1',
  '#52c41a',
  '#eb2f96',
  '#8c6e3f',
  '#13c2c2',
  '#fa8c16',
  '#2f54eb',
  '#a0d911',
  '#595959',
];

export function categoryPieOption(unitsByCategory: OverviewResponse['unitsByCategory']): ChartOption {
  const data = UNIT_CATEGORIES.flatMap((category, i) => {
    const c = unitsByCategory.find((x) => x.category === category);
    return c && c.count > 0
      ? [
          {
            name: category,
            value: c.count,
            itemStyle: { color: CATEGORY_COLORS[i % CATEGORY_COLORS.length] },
          },
        ]
      : [];
  });
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
    legend: { type: 'scroll', orient: 'horizontal', bottom: 0, left: 'center' },
    series: [
      {
        name: '机构类别',
        type: 'pie',
        radius: ['34%', '60%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b} {c}', fontSize: 11 },
        labelLayout: { hideOverlap: true },
        labelLine: { length: 8, length2: 8 },
        data,
      },
    ],
  };
}

// ---- charts fed by /api/reports/units and /api/reports/history ----

type UnitFigures = UnitFiguresResponse['units'][number];

const TYPE_ORDER = ['行政编制', '事业编制', '聘用编制'] as const;
const OVER_COLOR = '#cf1322';
const APPROVED_SHADES = ['#0f3d7a', '#1d5fb3', '#6c9bd8'];
const ACTUAL_SHADES = ['#1f7a77', '#36a3a0', '#8fd0cd'];

/** 核定 and 实有 per unit category, each stacked by quota type (the server's sums per category). */
export function categoryStackOption(unitsByCategory: OverviewResponse['unitsByCategory']): ChartOption {
  const byName = new Map(unitsByCategory.map((c) => [c.category, c]));
  const categories = UNIT_CATEGORIES.filter((category) =>
    (byName.get(category)?.figures ?? []).some((f) => f.approved > 0 || f.actual > 0),
  );
  const value = (category: string, type: string, field: 'approved' | 'actual') =>
    byName.get(category)?.figures.find((f) => f.quotaType === type)?.[field] ?? 0;
  const series = (field: 'approved' | 'actual'): BarSeriesOption[] =>
    TYPE_ORDER.map((type, i) => ({
      name: `${field === 'approved' ? '核定' : '实有'}·${type.replace('编制', '')}`,
      type: 'bar' as const,
      stack: field,
      barMaxWidth: 22,
      itemStyle: { color: (field === 'approved' ? APPROVED_SHADES : ACTUAL_SHADES)[i] },
      emphasis: { focus: 'series' as const },
      data: categories.map((category) => value(category, type, field)),
    }));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0, fontSize: 11, rotate: categories.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: '名', minInterval: 1 },
    series: [...series('approved'), ...series('actual')],
  };
}

/** A city's or province's counties side by side: 核定 and 实有 of each county with data. */
export function countiesBarOption(data: CountiesResponse): ChartOption {
  const counties = data.counties.filter((c) => c.hasData);
  const bar = (name: string, key: string, color: string): BarSeriesOption => ({
    name,
    type: 'bar',
    barMaxWidth: 28,
    itemStyle: { color },
    label: { show: true, position: 'top', fontSize: 10 },
    data: counties.map((c) => c.figures[key] ?? 0),
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['核定', '实有', '实际空编'] },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: counties.map((c) => c.name),
      axisLabel: { interval: 0, fontSize: 11, rotate: counties.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: '名', minInterval: 1 },
    series: [
      bar('核定', 'quotaTotal', APPROVED_COLOR),
      bar('实有', 'totalActual', ACTUAL_COLOR),
      bar('实际空编', 'totalRealVacant', PENDING_COLOR),
    ],
  };
}

/** The 15 units with the most approved quota: 核定 vs 实有, over-quota units in red. */
export function topUnitsOption(units: readonly UnitFigures[], count = 15): ChartOption {
  const top = units
    .map((unit) => ({ unit, ...unit.total }))
    .filter((row) => row.approved > 0)
    .sort((a, b) => b.approved - a.approved || a.unit.code.localeCompare(b.unit.code))
    .slice(0, count)
    .reverse(); // the largest at the top of a horizontal bar chart
  const over = (row: (typeof top)[number]) => row.over > 0;
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const first = list[0];
        const row = first ? top[first.dataIndex] : undefined;
        if (!row) return '';
        const lines = [
          escapeHtml(row.unit.name),
          `核定：${String(row.approved)} 名`,
          `实有：${String(row.actual)} 名`,
          `待入编：${String(row.pending)} 名`,
        ];
        if (row.over > 0) lines.push(`<span style="color:${OVER_COLOR}">超编：${String(row.over)} 名</span>`);
        return lines.join('<br/>');
      },
    },
    legend: { top: 0, data: ['核定', '实有', '实有（超编）'] },
    grid: { left: 8, right: 40, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'value', name: '名', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: top.map((row) => row.unit.name),
      axisLabel: {
        width: 150,
        overflow: 'truncate',
        fontSize: 11,
        formatter: (value: string, index: number) => {
          const row = top[index];
          return row && over(row) ? `{over|${value}}` : value;
        },
        rich: { over: { color: OVER_COLOR, fontWeight: 'bold', fontSize: 11 } },
      },
    },
    series: [
      {
        name: '核定',
        type: 'bar',
        barMaxWidth: 12,
        itemStyle: { color: APPROVED_COLOR },
        label: { show: true, position: 'right', fontSize: 10 },
        data: top.map((row) => row.approved),
      },
      {
        name: '实有',
        type: 'bar',
        barMaxWidth: 12,
        itemStyle: { color: ACTUAL_COLOR },
        label: { show: true, position: 'right', fontSize: 10 },
        data: top.map((row) =>
          over(row)
            ? { value: row.actual, itemStyle: { color: OVER_COLOR }, label: { color: OVER_COLOR } }
            : row.actual,
        ),
      },
      // Legend entry only: explains the red bars.
      { name: '实有（超编）', type: 'bar', itemStyle: { color: OVER_COLOR }, data: [] },
    ],
  };
}

/** Year-end 核定 per quota type and 实有 over the years. */
export function historyLineOption(history: HistoryResponse): ChartOption {
  const years = [...history.years].sort((a, b) => a.year - b.year);
  const line = (name: string, color: string, data: number[], dashed = false) => ({
    name,
    type: 'line' as const,
    smooth: false,
    symbolSize: 6,
    itemStyle: { color },
    lineStyle: { color, width: 2, type: dashed ? ('dashed' as const) : ('solid' as const) },
    data,
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemWidth: 16, itemGap: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: years.map((y) =>
        y.asOf.endsWith('-12-31') ? `${String(y.year)}年` : `${String(y.year)}年（至今）`,
      ),
    },
    yAxis: { type: 'value', name: '名', minInterval: 1 },
    series: [
      line(
        '行政编制核定',
        '#0f3d7a',
        years.map((y) => y.adminQuota),
      ),
      line(
        '事业编制核定',
        '#1d5fb3',
        years.map((y) => y.institutionQuota),
      ),
      line(
        '聘用编制核定',
        '#6c9bd8',
        years.map((y) => y.contractQuota),
      ),
      line(
        '核定合计',
        '#8c8c8c',
        years.map((y) => y.quotaTotal),
        true,
      ),
      line(
        '实有人员',
        '#36a3a0',
        years.map((y) => y.totalActual),
      ),
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}
