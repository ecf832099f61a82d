import type { ChartOption } from '../../components/EChart.tsx';
import type { OverviewResponse, QuotaFigure } from '../../api/index.ts';
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

export function categoryPieOption(unitsByCategory: OverviewResponse['unitsByCategory']): ChartOption {
  const data = unitsByCategory.filter((c) => c.count > 0).map((c) => ({ name: c.category, value: c.count }));
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
        data,
      },
    ],
  };
}
