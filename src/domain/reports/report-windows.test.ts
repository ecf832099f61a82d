import { describe, expect, it } from 'vitest';
import {
  cheapestBase,
  decodeWindow,
  encodeWindow,
  windowsBetween,
  windowChanged,
  windowShifts,
  type DayDelta,
} from './report-windows.ts';

const delta = (
  day: string,
  unitId: number,
  actual: number,
  quotaType = '事业编制',
  division = 0,
  deputy = 0,
): DayDelta => ({
  unitId,
  quotaType,
  day,
  actual,
  leadersDivision: division,
  leadersDeputy: deputy,
});

/** A window read back, which must be one. */
function read(json: string) {
  const w = decodeWindow(json);
  if (!w) throw new Error('a window expected');
  return w;
}

describe('report windows', () => {
  const deltas = [
    delta('2024-06-03', 7, 2),
    delta('2024-06-03', 7, 1, '行政编制', 1, 0),
    delta('2024-06-10', 7, -2),
    delta('2024-06-10', 9, 1, '事业编制', 0, 1),
    delta('2024-06-30', 9, -1, '事业编制', 0, -1),
    delta('2024-06-12', 11, 0),
  ];
  const w = read(
    encodeWindow(
      deltas,
      new Map([
        [7, '甲'],
        [9, '乙'],
      ]),
    ),
  );
  const line = (d: ReturnType<typeof windowShifts>[number]) =>
    [d.unitId, d.quotaType, d.actual, d.leadersDivision, d.leadersDeputy].join(' ');

  it('adds up the days after the earlier date up to the later one, leaving out what cancels', () => {
    expect(windowShifts(w, '2024-05-31', '2024-06-03').map(line).sort()).toEqual([
      '7 事业编制 2 0 0',
      '7 行政编制 1 1 0',
    ]);
    // Unit 7's 事业编制 enters and leaves inside the span; unit 9 enters and leaves too.
    expect(windowShifts(w, '2024-05-31', '2024-06-30').map(line).sort()).toEqual(['7 行政编制 1 1 0']);
    // The day of the earlier date is not counted, the later one is.
    expect(windowShifts(w, '2024-06-03', '2024-06-10').map(line).sort()).toEqual([
      '7 事业编制 -2 0 0',
      '9 事业编制 1 0 1',
    ]);
  });

  it('counts backwards with the signs turned: the count on the earlier date minus the later one', () => {
    expect(windowShifts(w, '2024-06-10', '2024-06-03').map(line).sort()).toEqual([
      '7 事业编制 2 0 0',
      '9 事业编制 -1 0 -1',
    ]);
    expect(windowShifts(w, '2024-06-10', '2024-06-10')).toEqual([]);
  });

  it('keeps rows with no change out of the stored form and the names it was given', () => {
    expect(w.rows.length / 6).toBe(5);
    expect([...w.names()]).toEqual([
      [7, '甲'],
      [9, '乙'],
    ]);
  });

  it('lists the units changed otherwise between two dates, and patches from the stored date with the fewest', () => {
    const changes = [
      { unitId: 21, day: '2024-06-01' },
      { unitId: 22, day: '2024-06-01' },
      { unitId: 23, day: '2024-06-20' },
    ];
    const c = {
      ...read(encodeWindow(deltas, new Map(), changes)),
      lo: '2024-05-31',
      hi: '2024-06-30',
    };
    expect([...windowChanged(c, '2024-05-31', '2024-06-10')].sort()).toEqual([21, 22]);
    expect([...windowChanged(c, '2024-06-30', '2024-06-10')]).toEqual([23]);
    expect([...windowChanged(c, '2024-06-01', '2024-06-19')]).toEqual([]);
    // 06-12 is nearer to 05-31 than to 06-30, but two units changed on 06-01 and one on 06-20.
    const nearest = (dates: readonly string[], asOf: string) =>
      [...dates].sort(
        (a, b) => Math.abs(Date.parse(a) - Date.parse(asOf)) - Math.abs(Date.parse(b) - Date.parse(asOf)),
      )[0] ?? null;
    expect(cheapestBase(c, ['2024-05-31', '2024-06-30', '2024-04-30'], '2024-06-12', nearest)).toBe(
      '2024-06-30',
    );
    expect(cheapestBase(c, ['2024-05-31', '2024-06-30'], '2024-06-25', nearest)).toBe('2024-06-30');
    // Equal counts (none): the nearest.
    expect(cheapestBase(c, ['2024-06-05', '2024-06-14'], '2024-06-12', nearest)).toBe('2024-06-14');
    expect(cheapestBase(c, ['2024-06-05', '2024-06-30'], '2024-06-12', nearest)).toBe('2024-06-05');
    expect(cheapestBase(c, ['2024-04-30'], '2024-06-12', nearest)).toBeNull();
  });

  it('reads a damaged window, or one of another form, as none', () => {
    expect(decodeWindow('{')).toBeNull();
    expect(decodeWindow('null')).toBeNull();
    // Names that cannot be read read as none (the units are then named from the ledger).
    const damaged = JSON.parse(encodeWindow(deltas, new Map([[7, '甲']]))) as Record<string, unknown>;
    expect([...read(JSON.stringify({ ...damaged, names: '[' })).names()]).toEqual([]);
    expect(decodeWindow('{"days":[],"types":[],"rows":[1,2,3],"changed":"","names":"[]"}')).toBeNull();
    expect(decodeWindow('{"days":[],"types":[],"rows":"AAAA","changed":"","names":"[]"}')).toBeNull();
    expect(read(encodeWindow([], new Map())).rows).toHaveLength(0);
  });

  it('lists the windows between consecutive checkpoints', () => {
    expect(windowsBetween(['2024-06-30', '2024-05-31', '2024-07-31', '2024-06-30'])).toEqual([
      { lo: '2024-05-31', hi: '2024-06-30' },
      { lo: '2024-06-30', hi: '2024-07-31' },
    ]);
  });
});
