// Chart options of 人口与编制: population against total quota over the years (two y-axes), quota per
// 10,000 residents by township, and the counties of a city side by side.
import type { ChartOption } from '../../components/EChart.tsx';
import type { CountyPopulation, PopulationYear, TownshipPopulation } from '../../api/population.ts';

const POPULATION_COLOR = '#36a3a0';
const QUOTA_COLOR = '#1d5fb3';
const GROWTH_COLOR = '#f0a020';

export function populationQuotaOption(years: readonly PopulationYear[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['常住人口（万人）', '编制总量（名）'] },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
    yAxis: [
      { type: 'value', name: '万人', position: 'left' },
      { type: 'value', name: '名', position: 'right', minInterval: 1 },
    ],
    series: [
      {
        name: '常住人口（万人）',
        type: 'bar',
        yAxisIndex: 0,
        barMaxWidth: 40,
        itemStyle: { color: POPULATION_COLOR },
        data: years.map((y) => Math.round(y.population / 100) / 100),
        // In the middle of the bar: both axes end near their largest value, so the largest
        // year's quota point sits at its bar's top, where a label above (or inside the top of)
        // the bar met the point and its label (2023 of the fixture county: “32.2” under “266”).
        label: { show: true, position: 'inside', color: '#fff', fontSize: 11 },
      },
      {
        name: '编制总量（名）',
        type: 'line',
        yAxisIndex: 1,
        itemStyle: { color: QUOTA_COLOR },
        data: years.map((y) => y.quota),
        label: { show: true, position: 'top', fontSize: 11 },
      },
    ],
  };
}

export function townshipOption(townships: readonly TownshipPopulation[]): ChartOption {
  const rows = townships.filter((w) => w.latest !== null);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, bottom: 8, top: 28, containLabel: true },
    xAxis: { type: 'category', data: rows.map((w) => w.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', name: '每万人编制（名）' },
    series: [
      {
        name: '每万人编制',
        type: 'bar',
        barMaxWidth: 36,
        itemStyle: { color: QUOTA_COLOR },
        data: rows.map((w) => w.latest?.quotaPer10k ?? 0),
        label: { show: true, position: 'top', fontSize: 11 },
      },
    ],
  };
}

export function countiesOption(counties: readonly CountyPopulation[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['每万人编制（名）', '人口增长（%）'] },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: counties.map((c) => c.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: [
      { type: 'value', name: '名/万人', position: 'left' },
      { type: 'value', name: '%', position: 'right' },
    ],
    series: [
      {
        name: '每万人编制（名）',
        type: 'bar',
        yAxisIndex: 0,
        barMaxWidth: 32,
        itemStyle: { color: QUOTA_COLOR },
        data: counties.map((c) => c.quotaPer10k ?? 0),
      },
      {
        name: '人口增长（%）',
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 32,
        itemStyle: { color: GROWTH_COLOR },
        data: counties.map((c) => c.growthPercent ?? 0),
      },
    ],
  };
}
