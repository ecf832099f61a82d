import { describe, expect, it } from 'vitest';
import type { QualityIssue } from '../../common/wire-reports.ts';
import { basicFigures, type UnitAttributes, type UnitCells } from './basic-rules.ts';
import {
  changeRange,
  chooseBase,
  decodeCells,
  encodeCells,
  patchCounty,
  shiftRows,
  tableBytes,
  tableFromBytes,
  type CountyState,
  type UnitCellRow,
} from './report-cells.ts';

const CATEGORIES = ['事业单位', '政府工作部门', '乡镇', '党委工作机关'];
const FUNDING = ['全额拨款', '差额拨款', null];

/** A deterministic pseudo-random unit row. */
function row(id: number, seed: number): UnitCellRow {
  const n = (k: number) => (id * 7919 + seed * 104729 + k * 31) % 23;
  const unit: UnitAttributes = {
    category: CATEGORIES[n(1) % CATEGORIES.length] ?? '事业单位',
    rank: n(2) % 2 ? '正科' : null,
    affiliation: n(3) % 3 ? '政府直属' : '部门所属',
    countsTowardDirectLimit: n(4) % 2 === 0,
    funding: FUNDING[n(5) % FUNDING.length] ?? null,
    type: n(6) % 4 === 0 ? '中小学' : null,
    sector: null,
  };
  const cell = (k: number) => ({
    approved: n(k),
    actual: n(k + 1),
    pending: n(k + 2) % 3,
    examPending: n(k + 3) % 2,
  });
  const cells: UnitCells = {
    unit,
    byType: { 行政编制: cell(10), 事业编制: cell(20), 聘用编制: cell(30) },
    politicalLegalApproved: n(40) % 5,
    posts: {
      正科: { approved: n(41) % 3, filled: n(42) % 4 },
      副科: { approved: n(43) % 3, filled: n(44) % 4 },
    },
  };
  return { id, cells, hasQuota: n(50) % 5 !== 0 };
}

const issue = (unitId: number, kind: string): QualityIssue => ({
  kind: kind as QualityIssue['kind'],
  message: `${unitId} ${kind}`,
  unitId,
  unitName: String(unitId),
  value: 1,
});

function state(rows: UnitCellRow[]): CountyState {
  return {
    figures: basicFigures(rows.map((r) => r.cells)),
    units: rows.flatMap((r) => [issue(r.id, 'over_quota'), issue(r.id, 'posts_over')]),
    missing: [issue(1000 + rows.length, 'people_in_missing_unit')],
    cells: encodeCells(rows),
  };
}

describe('report cells', () => {
  it('decodes what it encodes, attribute sets shared', () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i + 1, 3));
    const encoded = tableBytes(encodeCells([...rows].reverse()));
    expect(encoded.cells.byteLength).toBe(40 * 20 * 4);
    expect(decodeCells(tableFromBytes(encoded))).toEqual(rows);
    expect((JSON.parse(encoded.attrs) as unknown[]).length).toBeLessThan(40);
    // An unaligned copy (as a driver may hand it back) decodes the same.
    const shifted = Buffer.alloc(encoded.cells.byteLength + 1);
    encoded.cells.copy(shifted, 1);
    expect(decodeCells(tableFromBytes({ cells: shifted.subarray(1), attrs: encoded.attrs }))).toEqual(rows);
  });

  it('patches a county into exactly the state computed from all its rows', () => {
    const before = Array.from({ length: 30 }, (_, i) => row(i + 1, 1));
    // Units 3 and 7 change, 9 disappears, 31 appears; 12 is dirty but unchanged.
    const after = [...before.filter((r) => ![3, 7, 9].includes(r.id)), row(3, 2), row(7, 5), row(31, 1)].sort(
      (a, b) => a.id - b.id,
    );
    const dirty = new Set([3, 7, 9, 12, 31]);
    const fresh = after.filter((r) => dirty.has(r.id));
    const patched = patchCounty(state(before), dirty, {
      rows: fresh,
      units: fresh.flatMap((r) => [issue(r.id, 'over_quota'), issue(r.id, 'posts_over')]),
      missing: [issue(9, 'people_in_missing_unit')],
    });
    const expected = state(after);
    const nonZero = (f: Record<string, number>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v));
    expect(nonZero(patched.figures)).toEqual(nonZero(expected.figures));
    expect(Object.keys(patched.figures).sort()).toEqual(Object.keys(expected.figures).sort());
    expect(patched.units).toEqual(expected.units);
    expect(patched.missing.map((m) => m.unitId)).toEqual([9, 1030]);
    expect(decodeCells(patched.cells)).toEqual(after);
  });

  it('refuses a recomputed unit that was not marked dirty', () => {
    const rows = [row(1, 1), row(2, 1)];
    expect(() =>
      patchCounty(state(rows), new Set([1]), { rows: [row(2, 2)], units: [], missing: [] }),
    ).toThrow();
  });

  it('shifts units by counted head-count changes, keeping everything else of their rows', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i + 1, 4));
    const table = encodeCells(rows);
    const { rows: shifted, absent } = shiftRows(table, [
      { unitId: 5, type: '事业编制', actual: 3, leadersDivision: 1, leadersDeputy: 0 },
      { unitId: 2, type: '行政编制', actual: -2, leadersDivision: 0, leadersDeputy: -1 },
      { unitId: 5, type: '行政编制', actual: -1, leadersDivision: 0, leadersDeputy: 2 },
      { unitId: 40, type: '聘用编制', actual: 1, leadersDivision: 0, leadersDeputy: 0 },
      { unitId: 9, type: '聘用编制', actual: 0, leadersDivision: 0, leadersDeputy: 0 },
    ]);
    expect(absent).toEqual([40]);
    expect(shifted.map((r) => r.id)).toEqual([2, 5, 9]);
    const expected = (id: number) => structuredClone(rows[id - 1] ?? row(0, 0));
    const two = expected(2);
    two.cells.byType['行政编制'].actual -= 2;
    two.cells.posts['副科'].filled -= 1;
    const five = expected(5);
    five.cells.byType['事业编制'].actual += 3;
    five.cells.byType['行政编制'].actual -= 1;
    five.cells.posts['正科'].filled += 1;
    five.cells.posts['副科'].filled += 2;
    expect(shifted).toEqual([two, five, expected(9)]);
    // The table itself is left as it was.
    expect(decodeCells(table)).toEqual(rows);
    // Patching the shifted rows in gives the state computed from the shifted rows.
    const after = rows.map((r) => shifted.find((x) => x.id === r.id) ?? r);
    const patched = patchCounty(state(rows), new Set(shifted.map((r) => r.id)), {
      rows: shifted,
      units: shifted.flatMap((r) => [issue(r.id, 'over_quota'), issue(r.id, 'posts_over')]),
      missing: [],
    });
    const nonZero = (f: Record<string, number>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v));
    expect(nonZero(patched.figures)).toEqual(nonZero(state(after).figures));
    expect(decodeCells(patched.cells)).toEqual(after);
  });

  it('patches from the date itself, else the nearest stored date, the later on a tie', () => {
    expect(chooseBase([], '2024-01-01')).toBeNull();
    expect(chooseBase(['2020-12-31', '2024-01-01', '2026-06-30'], '2024-01-01')).toBe('2024-01-01');
    expect(chooseBase(['2020-12-31', '2026-06-30'], '2024-01-01')).toBe('2026-06-30');
    expect(chooseBase(['2020-12-31', '2026-06-30'], '2021-01-01')).toBe('2020-12-31');
    expect(chooseBase(['2020-01-01', '2020-01-05'], '2020-01-03')).toBe('2020-01-05');
    expect(chooseBase(['2026-06-30'], '1950-01-01')).toBe('2026-06-30');
  });

  it('orders the range of dates whose rows differ, empty for the same date', () => {
    expect(changeRange('2024-01-01', '2024-01-01')).toBeNull();
    expect(changeRange('2024-01-01', '2025-06-30')).toEqual({ lo: '2024-01-01', hi: '2025-06-30' });
    expect(changeRange('2025-06-30', '2024-01-01')).toEqual({ lo: '2024-01-01', hi: '2025-06-30' });
  });
});
