import { describe, expect, it } from 'vitest';
import type { UnitStandardRow } from '../../api/standards.ts';
import { CHART_TOP, chartRows, requirementBarOption } from './charts.ts';

const row = (code: string, name: string, requirement: number, approved: number): UnitStandardRow =>
  ({ code, name, requirement, approved, shortfall: Math.max(0, requirement - approved) }) as UnitStandardRow;

describe('the 编制标准 chart', () => {
  it('shows the largest gaps first, at most CHART_TOP units', () => {
    const rows = Array.from({ length: CHART_TOP + 5 }, (_, i) =>
      row(`B${String(i).padStart(2, '0')}`, `学校${String(i)}`, 100, 100 - i),
    );
    const shown = chartRows(rows);
    expect(shown.length).toBe(CHART_TOP);
    expect(shown[0]?.shortfall).toBe(CHART_TOP + 4);
    expect(shown.map((r) => r.shortfall)).toEqual([...shown.map((r) => r.shortfall)].sort((a, b) => b - a));
  });

  it('labels bars with the unit’s name without the county’s, the largest gap at the top', () => {
    const option = requirementBarOption(
      [row('B01', '永宁县第一中学', 259, 155), row('B02', '永宁县职业教育学校', 50, 40)],
      '永宁县',
      null,
    );
    const axis = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis;
    const labels = axis && 'data' in axis ? axis.data : undefined;
    expect(labels).toEqual(['职业教育学校', '第一中学']);
  });
});
