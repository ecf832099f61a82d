import { describe, expect, it } from 'vitest';
import type { UnitNode } from '../api/index.ts';
import { ancestorKeys, buildForest, filterForest, groupByCategory, parseUnitKey } from './unitTree.ts';

const unit = (
  id: number,
  code: string,
  name: string,
  category: UnitNode['category'],
  parentId: number | null = null,
): UnitNode => ({
  id,
  code,
  name,
  category,
  parentId,
  exists: true,
});

const UNITS: UnitNode[] = [
  unit(3, 'A03', '永宁县教育局', '政府工作部门'),
  unit(5, 'B01', '永宁县第一中学', '事业单位', 3),
  unit(4, 'A03-1', '办公室', '内设机构', 3),
  unit(1, 'A01', '中共永宁县纪律检查委员会', '纪检监察机关'),
  unit(8, 'B08', '甲', '事业单位', 9),
  unit(9, 'B09', '乙', '事业单位', 8),
];

describe('the unit tree', () => {
  it('hangs units under their parents in code order; a parent cycle becomes a root, nothing is lost', () => {
    const forest = buildForest(UNITS);
    const codes = (branches: ReturnType<typeof buildForest>): string[] =>
      branches.flatMap((b) => [b.unit.code, ...codes(b.children).map((c) => `${b.unit.code}>${c}`)]);
    expect(codes(forest)).toEqual(['A01', 'A03', 'A03>A03-1', 'A03>B01', 'B08', 'B08>B09']);
  });

  it('groups roots by category in the order of domain.md, counting sub-units', () => {
    const groups = groupByCategory(buildForest(UNITS));
    expect(groups.map((g) => [g.category, g.size])).toEqual([
      ['纪检监察机关', 1],
      ['政府工作部门', 3],
      ['事业单位', 2],
    ]);
  });

  it('keeps the branches holding a match and opens the way to it', () => {
    const expand = new Set<string>();
    const kept = filterForest(buildForest(UNITS), '一中', expand);
    expect(kept.map((b) => b.unit.code)).toEqual(['A03']);
    expect(kept[0]?.children.map((b) => b.unit.code)).toEqual(['B01']);
    expect([...expand]).toEqual(['u3']);
    expect(filterForest(buildForest(UNITS), 'b01', new Set()).length).toBe(1);
  });

  it('gives the keys from the category down to a unit’s parent', () => {
    expect(ancestorKeys(UNITS, 5)).toEqual(['c:政府工作部门', 'u3']);
    expect(ancestorKeys(UNITS, 1)).toEqual(['c:纪检监察机关']);
    expect(parseUnitKey('u5')).toBe(5);
    expect(parseUnitKey('c:乡镇')).toBeNull();
  });
});
