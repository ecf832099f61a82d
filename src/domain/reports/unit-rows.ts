// The per-unit rows of the statistics workbook (逐单位 sheet).
import { REPORTING_TYPES, figure } from '../establishment/rules.ts';
import type { UnitReportRow } from '../../report/types.ts';
import type { UnitEntry } from './compute-basic.ts';

export function unitReportRows(entries: readonly UnitEntry[]): UnitReportRow[] {
  const names = new Map(entries.map((e) => [e.unit.id, e.unit.name]));
  return entries.map(({ unit, cells }) => {
    const figures = Object.fromEntries(
      REPORTING_TYPES.map((t) => {
        const c = cells.byType[t];
        const used = c.approved > 0 || c.actual > 0 || c.pending > 0;
        return [t, used ? figure(c.approved, c.actual, c.pending) : null];
      }),
    ) as UnitReportRow['figures'];
    const post = (level: '正科' | '副科') => {
      const p = cells.posts[level];
      if (p.approved === 0 && p.filled === 0) return null;
      return { approved: p.approved, filled: p.filled, unfilled: Math.max(0, p.approved - p.filled) };
    };
    return {
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      category: unit.category,
      parentName: unit.parentUnitId === null ? null : (names.get(unit.parentUnitId) ?? null),
      figures,
      posts: { 正科: post('正科'), 副科: post('副科') },
    };
  });
}
