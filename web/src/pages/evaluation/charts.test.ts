import { describe, expect, it } from 'vitest';
import type { FinalUnit, PlanIndicator } from '../../api/evaluation.ts';
import {
  barChartHeight,
  CATEGORY_COLORS,
  GRADE_COLORS,
  indicatorOption,
  rankingOption,
  topLevelScore,
} from './charts.ts';

const unit = (over: Partial<FinalUnit>): FinalUnit => ({
  unitId: 1,
  unitName: '永宁县教育局',
  rank: 1,
  total: 93,
  totalPoints: 100,
  grade: 'excellent',
  vetoes: [],
  leaves: [],
  branches: {},
  ...over,
});

const ranking = [
  unit({}),
  unit({ unitId: 2, unitName: '永宁县第一中学', rank: 2, total: 80, grade: 'good' }),
  unit({ unitId: 3, unitName: '望洪镇', rank: 2, total: 80, grade: 'good' }),
];

function seriesOf(option: ReturnType<typeof rankingOption>) {
  return Array.isArray(option.series) ? option.series : [];
}

describe('the ranking chart', () => {
  it('draws the units in rank order with the server totals, one coloured series per grade', () => {
    const option = rankingOption(ranking);
    const yAxis = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis;
    expect(yAxis && 'data' in yAxis ? yAxis.data : null).toEqual([
      '第1名 永宁县教育局',
      '第2名 永宁县第一中学',
      '第2名 望洪镇',
    ]);
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['优秀', '良好']);
    expect(series.map((s) => s.data)).toEqual([
      [93, '-', '-'],
      ['-', 80, 80],
    ]);
    const colours = series.map((s) => (s.type === 'bar' ? s.itemStyle?.color : null));
    expect(colours).toEqual([GRADE_COLORS.excellent, GRADE_COLORS.good]);
  });

  it('gives every unit its own row of height', () => {
    expect(barChartHeight(2)).toBe(220);
    expect(barChartHeight(20)).toBe(70 + 20 * 34);
  });
});

describe('the indicator chart', () => {
  const indicators: PlanIndicator[] = [
    { code: 'A', name: '机构编制纪律', category: 'common', points: 40, children: [] },
    { code: 'B', name: '学校编制', category: 'specific', points: 60, rule: { kind: 'manual' } },
  ];
  const scored = unit({
    branches: { A: 36.5 },
    leaves: [{ code: 'B', points: 60, score: 55, explanation: '', vetoed: false, source: 'onsite' }],
  });

  it('reads branch scores from branches and leaf scores from leaves', () => {
    expect(topLevelScore(scored, 'A')).toBe(36.5);
    expect(topLevelScore(scored, 'B')).toBe(55);
    expect(topLevelScore(scored, 'Z')).toBeNull();
  });

  it('draws points behind the scores, coloured by 共性/个性', () => {
    const series = seriesOf(indicatorOption(scored, indicators));
    expect(series.map((s) => s.name)).toEqual(['分值', '共性指标', '个性指标']);
    expect(series.map((s) => s.data)).toEqual([
      [40, 60],
      [36.5, '-'],
      ['-', 55],
    ]);
    expect(series.slice(1).map((s) => (s.type === 'bar' ? s.itemStyle?.color : null))).toEqual([
      CATEGORY_COLORS.common,
      CATEGORY_COLORS.specific,
    ]);
  });
});
