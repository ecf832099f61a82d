import { describe, expect, it } from 'vitest';
import { UNIT_CATEGORIES } from '../../../../src/common/labels.ts';
import { CATEGORY_COLORS, categoryPieOption, countiesBarOption } from './charts.ts';

describe('home charts', () => {
  it('gives every unit category its own colour', () => {
    expect(new Set(CATEGORY_COLORS.slice(0, UNIT_CATEGORIES.length)).size).toBe(
      Math.min(UNIT_CATEGORIES.length, CATEGORY_COLORS.length),
    );
    const option = categoryPieOption(
      UNIT_CATEGORIES.map((category) => ({ category, count: 1, figures: [] })),
    ) as { series: { data: { itemStyle: { color: string } }[] }[] };
    const colours = option.series[0]?.data.map((d) => d.itemStyle.color) ?? [];
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('compares only the counties with data, with the server’s figures', () => {
    const option = countiesBarOption({
      regionCode: '640100',
      regionName: '银川市',
      asOf: '2026-06-30',
      counties: [
        {
          code: '640121',
          name: '永宁县',
          hasData: true,
          figures: { quotaTotal: 10, totalActual: 8, totalRealVacant: 1 },
        },
        { code: '640122', name: '贺兰县', hasData: false, figures: {} },
      ],
      total: { quotaTotal: 10 },
    }) as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] };
    expect(option.xAxis.data).toEqual(['永宁县']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['核定', [10]],
      ['实有', [8]],
      ['实际空编', [1]],
    ]);
  });
});
