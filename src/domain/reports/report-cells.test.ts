import { describe, expect, it } from 'vitest';
import type { QualityIssue } from '../../common/wire-reports.ts';
import { basicFigures, CONTRIBUTIONS, type UnitAttributes, type UnitCells } from './basic-rules.ts';
import { unitQuality } from './compute-basic.ts';
import {
  changeRange,
  chooseBase,
  decodeCells,
  encodeCells,
  patchCounty,
  nameShifted,
  shiftCounty,
  checkpointDates,
  SHIFT_KEYS,
  type CellShift,
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

/** The state of a county computed from all its rows, with the real findings (units named 单位id). */
function realState(rows: UnitCellRow[]): CountyState {
  return {
    figures: basicFigures(rows.map((r) => r.cells)),
    units: unitQuality(
      rows.map((r) => ({ unit: { id: r.id, name: `单位${r.id}` }, cells: r.cells, hasQuota: r.hasQuota })),
    ),
    missing: [],
    cells: encodeCells(rows),
  };
}

const nonZero = (f: Record<string, number>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v));

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

  it('shifts units by counted head-count changes into exactly the state computed from the shifted rows', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i + 1, 4));
    const internal = rows[6];
    if (internal) internal.cells.unit = { ...internal.cells.unit, category: '内设机构' };
    const base = realState(rows);
    const table = base.cells.rows.slice();
    const shifts: CellShift[] = [
      { unitId: 5, type: '事业编制', actual: 3, leadersDivision: 1, leadersDeputy: 0 },
      { unitId: 2, type: '行政编制', actual: -2, leadersDivision: 0, leadersDeputy: -1 },
      { unitId: 5, type: '行政编制', actual: -1, leadersDivision: 0, leadersDeputy: 2 },
      { unitId: 40, type: '聘用编制', actual: 1, leadersDivision: 0, leadersDeputy: 0 },
      { unitId: 9, type: '聘用编制', actual: 0, leadersDivision: 0, leadersDeputy: 0 },
      { unitId: 7, type: '事业编制', actual: 30, leadersDivision: 0, leadersDeputy: 0 },
      { unitId: 11, type: '行政编制', actual: 40, leadersDivision: 3, leadersDeputy: 0 },
    ];
    const after = structuredClone(rows);
    const at = (id: number) => after.find((r) => r.id === id)?.cells ?? row(0, 0).cells;
    at(2).byType['行政编制'].actual -= 2;
    at(2).posts['副科'].filled -= 1;
    at(5).byType['事业编制'].actual += 3;
    at(5).byType['行政编制'].actual -= 1;
    at(5).posts['正科'].filled += 1;
    at(5).posts['副科'].filled += 2;
    at(7).byType['事业编制'].actual += 30;
    at(11).byType['行政编制'].actual += 40;
    at(11).posts['正科'].filled += 3;
    // Names only from the base's findings: a unit with a new finding and none before is unnamed —
    // shifted, its findings left for nameShifted; named, the state is the one shifted with names.
    const withoutNames = realState(rows.filter((r) => r.id !== 11));
    const first = shiftCounty({ ...base, units: withoutNames.units }, shifts, unitQuality);
    expect(first.absent).toEqual([40]);
    expect(first.unnamed.map((u) => u.id)).toEqual([11]);
    expect(decodeCells(first.state.cells).find((r) => r.id === 11)).toEqual(after[10]);
    expect(first.state.units.some((q) => q.unitId === 11)).toBe(false);
    const unknown = nameShifted(first.state, first.unnamed, new Map(), unitQuality);
    expect(unknown.unknown).toEqual([11]);
    expect(unknown.state.units).toEqual(first.state.units);
    const named = nameShifted(first.state, first.unnamed, new Map([[11, '单位11']]), unitQuality);
    expect(named.unknown).toEqual([]);
    const r = shiftCounty(base, shifts, unitQuality, new Map([[11, '单位11']]));
    expect(named.state.units).toEqual(r.state.units);
    expect(named.state.figures).toEqual(r.state.figures);
    expect(r.absent).toEqual([40]);
    expect(r.unnamed).toEqual([]);
    expect(r.shifted).toBe(5);
    const expected = realState(after);
    expect(nonZero(r.state.figures)).toEqual(nonZero(expected.figures));
    expect(r.state.units).toEqual(expected.units);
    expect(decodeCells(r.state.cells)).toEqual(after);
    // The base's table is left as it was.
    expect(base.cells.rows).toEqual(table);
  });

  it('figures a shifted unit only through the contributions that can move, on random rows', () => {
    let a = 20261203;
    const rnd = () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n: number) => Math.floor(rnd() * n);
    const types = ['行政编制', '事业编制', '聘用编制'] as const;
    // Every contribution outside SHIFT_KEYS is unchanged when only 实有 and filled posts change.
    const moved = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const x = row(i + 1, int(50)).cells;
      if (i % 5 === 0) x.unit = { ...x.unit, sector: '卫生健康', type: i % 2 ? '幼儿园' : null };
      const y = structuredClone(x);
      y.byType[types[int(3)] ?? '行政编制'].actual += int(41) - 20;
      y.posts['正科'].filled += int(5) - 2;
      y.posts['副科'].filled += int(5) - 2;
      for (const [k, f] of Object.entries(CONTRIBUTIONS))
        if (!SHIFT_KEYS.includes(k) && f(y) !== f(x)) moved.add(k);
    }
    expect([...moved]).toEqual([]);
    // Random shifts of random counties equal the state computed from the shifted rows.
    for (let round = 0; round < 20; round++) {
      const rows = Array.from({ length: 60 }, (_, i) => row(i * 3 + 1, round));
      // Kindergartens, health centres and 内设机构 among them (figures of their own).
      for (const [i, r] of rows.entries()) {
        const u = r.cells.unit;
        if (i % 7 === 1) r.cells.unit = { ...u, category: '事业单位', type: '幼儿园' };
        if (i % 7 === 2) r.cells.unit = { ...u, category: '事业单位', sector: '卫生健康' };
        if (i % 11 === 3) r.cells.unit = { ...u, category: '内设机构' };
      }
      const shifts: CellShift[] = Array.from({ length: 80 }, () => ({
        unitId: int(70) * 3 + 1,
        type: types[int(3)] ?? '行政编制',
        actual: int(11) - 5,
        leadersDivision: int(3) - 1,
        leadersDeputy: int(3) - 1,
      }));
      const names = new Map(rows.map((r) => [r.id, `单位${r.id}`]));
      const r = shiftCounty(realState(rows), shifts, unitQuality, names);
      const after = structuredClone(rows);
      for (const s of shifts) {
        const c = after.find((x) => x.id === s.unitId)?.cells;
        if (!c) continue;
        c.byType[s.type].actual += s.actual;
        c.posts['正科'].filled += s.leadersDivision;
        c.posts['副科'].filled += s.leadersDeputy;
      }
      const expected = realState(after);
      expect(r.absent).toEqual(
        [...new Set(shifts.map((s) => s.unitId))].filter((id) => id > 180).sort((p, q) => p - q),
      );
      expect(nonZero(r.state.figures)).toEqual(nonZero(expected.figures));
      expect(r.state.units).toEqual(expected.units);
      expect(decodeCells(r.state.cells)).toEqual(after);
    }
  });

  it('keeps month-ends of the last years and the statistics date, year-ends before', () => {
    const dates = checkpointDates('2026-06-30');
    expect(dates.slice(0, 4)).toEqual(['2019-12-31', '2020-12-31', '2021-12-31', '2022-12-31']);
    expect(dates.slice(4, 7)).toEqual(['2023-01-31', '2023-02-28', '2023-03-31']);
    expect(dates).toContain('2024-02-29');
    expect(dates[dates.length - 1]).toBe('2026-06-30');
    expect(dates).toHaveLength(4 + 36 + 6);
    expect([...dates].sort()).toEqual(dates);
    const mid = checkpointDates('2026-06-15', { monthlyYears: 1, yearEndsFrom: 2023 });
    expect(mid).toEqual([
      '2023-12-31',
      '2024-12-31',
      ...[
        '01-31',
        '02-28',
        '03-31',
        '04-30',
        '05-31',
        '06-30',
        '07-31',
        '08-31',
        '09-30',
        '10-31',
        '11-30',
        '12-31',
      ].map((d) => `2025-${d}`),
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-15',
    ]);
    // Every date of the monthly years is at most 16 days from a checkpoint.
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    for (let d = day('2023-01-01'); d <= day('2026-06-30'); d++) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      const base = chooseBase(dates, iso) ?? '';
      expect(Math.abs(day(base) - d), iso).toBeLessThanOrEqual(16);
    }
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
