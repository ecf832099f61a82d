import { describe, expect, it } from 'vitest';
import type { UnitNode } from '../../api/index.ts';
import {
  allExpanded,
  buildOrgTree,
  chartSize,
  departments,
  expandedTo,
  fitView,
  initialExpanded,
  labelText,
  labelWidth,
  orgChartOption,
  READABLE_ROWS,
  subtree,
  visibleExtent,
  zoomView,
} from './orgTree.ts';

const unit = (
  id: number,
  code: string,
  name: string,
  category: UnitNode['category'],
  parentId: number | null = null,
  exists = true,
): UnitNode => ({ id, code, name, category, parentId, exists });

// A small county like the test fixture: the 教育局 with a school and an office below it.
const COUNTY: UnitNode[] = [
  unit(1, 'A01', '中共永宁县纪律检查委员会', '纪检监察机关'),
  unit(2, 'A02', '中共永宁县委组织部', '党委工作机关'),
  unit(3, 'A03', '永宁县教育局', '政府工作部门'),
  unit(4, 'A03-1', '办公室', '内设机构', 3),
  unit(5, 'B01', '永宁县第一中学', '事业单位', 3),
  unit(6, 'B02', '永宁县职业教育学校', '事业单位', 3),
  unit(7, 'B04', '永宁县农机推广站', '事业单位', null, false),
];

describe('the 基本框架图 tree', () => {
  it('puts the region at the root, categories below, units by parent, abolished units left out', () => {
    const root = buildOrgTree(COUNTY, '永宁县');
    expect(root).toMatchObject({ key: 'root', name: '永宁县', kind: 'root', size: 6 });
    expect(root.children.map((c) => `${c.name}:${String(c.size)}`)).toEqual([
      '纪检监察机关:1',
      '党委工作机关:1',
      '政府工作部门:4',
    ]);
    const bureau = root.children[2]?.children[0];
    expect(bureau?.name).toBe('永宁县教育局');
    // Labels count on the server's basis: the 内设机构 is drawn but not counted.
    expect(root.counted).toBe(5);
    expect(labelText(root)).toBe('永宁县（5）');
    expect(bureau?.children.map((c) => c.name)).toEqual(['办公室', '永宁县第一中学', '永宁县职业教育学校']);
    expect(JSON.stringify(root)).not.toContain('农机推广站');
  });

  it('opens to the units with their sub-units folded, or only to the categories when that is too long', () => {
    const root = buildOrgTree(COUNTY, '永宁县');
    expect([...initialExpanded(root)].sort()).toEqual([
      'c:党委工作机关',
      'c:政府工作部门',
      'c:纪检监察机关',
      'root',
    ]);
    // Three units in three categories, the 教育局 folded: a row each, a gap between categories.
    expect(visibleExtent(root, initialExpanded(root))).toMatchObject({ rows: 5, levels: 3 });

    const many = Array.from({ length: READABLE_ROWS + 5 }, (_, i) =>
      unit(100 + i, `X${String(i).padStart(3, '0')}`, `单位${String(i)}`, '事业单位'),
    );
    const big = buildOrgTree(many, '大县');
    expect([...initialExpanded(big)]).toEqual(['root']);
    expect(visibleExtent(big, initialExpanded(big)).rows).toBe(1);
  });

  it('draws one department as its own tree', () => {
    const root = buildOrgTree(COUNTY, '永宁县');
    expect(departments(root)).toEqual([{ key: 'u3', name: '永宁县教育局', size: 4 }]);
    const bureau = subtree(root, 'u3');
    expect(bureau).toMatchObject({ key: 'u3', kind: 'unit', depth: 0, size: 4 });
    expect(bureau?.children.map((c) => c.depth)).toEqual([1, 1, 1]);
    expect(subtree(root, 'c:事业单位')).toBeNull();
    expect(subtree(root, 'u999')).toBeNull();
    // The department's chart is drawn from the unit down, with its full name at the root.
    const option = orgChartOption(bureau ?? root, expandedTo(bureau ?? root, 1), {});
    const series = Array.isArray(option.series) ? option.series[0] : option.series;
    const data = series && 'data' in series && Array.isArray(series.data) ? series.data[0] : undefined;
    expect(data).toMatchObject({ name: '永宁县教育局', value: 'u3', collapsed: false });
  });

  it('never cuts a name: columns are as wide as the longest visible label', () => {
    const long = '永宁县乡村振兴与农业农村综合行政执法服务中心（永宁县农业技术推广中心）';
    const root = buildOrgTree([...COUNTY, unit(9, 'B09', long, '事业单位')], '永宁县');
    const expanded = allExpanded(root);
    const extent = visibleExtent(root, expanded);
    const longBranch = root.children.find((c) => c.name === '事业单位')?.children[0];
    expect(longBranch?.name).toBe(long);
    expect(extent.labelWidth).toBe(labelWidth(longBranch ?? root));
    expect(extent.labelWidth).toBeGreaterThan(long.length * 12);
    const size = chartSize(extent);
    // The last column's labels fit in the right margin.
    expect(size.right).toBeGreaterThan(extent.labelWidth);
    // No label option asks ECharts to truncate.
    expect(JSON.stringify(orgChartOption(root, expanded, {}))).not.toContain('truncate');
    // Digits and Latin letters take less room than Chinese characters.
    const latin = buildOrgTree([unit(1, 'A', 'ABCDEFGHIJ', '乡镇')], 'x').children[0]?.children[0];
    const chinese = buildOrgTree([unit(1, 'A', '一二三四五六七八九十', '乡镇')], 'x').children[0]
      ?.children[0];
    expect(labelWidth(latin ?? root)).toBeLessThan(labelWidth(chinese ?? root));
  });
});

describe('the view of the chart', () => {
  it('fits a small drawing whole and centred, never enlarged', () => {
    expect(fitView({ width: 400, height: 200 }, { width: 1000, height: 600 })).toEqual({
      scale: 1,
      x: 300,
      y: 200,
    });
    expect(fitView({ width: 1600, height: 600 }, { width: 1000, height: 600 })).toEqual({
      scale: 0.625,
      x: 0,
      y: 112.5,
    });
    // Not below the readable scale (0.6 by default): then the drawing overflows and is panned.
    const wide = fitView({ width: 2000, height: 600 }, { width: 1000, height: 600 });
    expect(wide.scale).toBe(0.6);
    expect(wide.y).toBe(120);
  });

  it('keeps a very tall drawing readable with its root (at mid-height) in the middle of the frame', () => {
    const view = fitView({ width: 800, height: 6000 }, { width: 1000, height: 600 }, 0.4);
    expect(view.scale).toBe(0.4);
    const rootY = view.y + (6000 / 2) * view.scale;
    expect(rootY).toBe(300);
  });

  it('zooms about the pointer, within limits', () => {
    const view = { scale: 1, x: 0, y: 0 };
    const zoomed = zoomView(view, 2, { x: 100, y: 50 });
    expect(zoomed).toEqual({ scale: 2, x: -100, y: -50 });
    // The point under the pointer stays put: drawing point (100, 50) maps to the same frame point.
    expect(100 * zoomed.scale + zoomed.x).toBe(100);
    expect(zoomView(view, 100, { x: 0, y: 0 }).scale).toBe(3);
    expect(zoomView(view, 0.001, { x: 0, y: 0 }).scale).toBe(0.1);
  });
});
