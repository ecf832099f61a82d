import { describe, expect, it } from 'vitest';
import {
  coveringWindow,
  decodeWindow,
  encodeWindow,
  windowsBetween,
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

describe('report windows', () => {
  const deltas = [
    delta('2024-06-03', 7, 2),
    delta('2024-06-03', 7, 1, '行政编制', 1, 0),
    delta('2024-06-10', 7, -2),
    delta('2024-06-10', 9, 1, '事业编制', 0, 1),
    delta('2024-06-30', 9, -1, '事业编制', 0, -1),
    delta('2024-06-12', 11, 0),
  ];
  const w = decodeWindow(
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

  it('finds the narrowest stored window holding both dates, and the windows between checkpoints', () => {
    const windows = [
      { lo: '2024-01-01', hi: '2024-12-31' },
      { lo: '2024-05-31', hi: '2024-06-30' },
    ];
    expect(coveringWindow(windows, '2024-06-03', '2024-06-30')).toEqual(windows[1]);
    expect(coveringWindow(windows, '2024-05-30', '2024-06-30')).toEqual(windows[0]);
    expect(coveringWindow(windows, '2023-12-31', '2024-06-30')).toBeUndefined();
    expect(windowsBetween(['2024-06-30', '2024-05-31', '2024-07-31', '2024-06-30'])).toEqual([
      { lo: '2024-05-31', hi: '2024-06-30' },
      { lo: '2024-06-30', hi: '2024-07-31' },
    ]);
  });
});
