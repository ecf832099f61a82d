import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarOf, isIsoDate, isWorkingDay, workingDaysBetween } from './working-days.ts';

const plain = calendarOf([], []);

describe('working days', () => {
  it('counts Monday to Friday only', () => {
    expect(isWorkingDay('2026-03-06', plain)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', plain)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', plain)).toBe(false); // Sunday
  });

  it('5 working days after a Friday is the next Friday', () => {
    expect(addWorkingDays('2026-03-06', 5, plain)).toBe('2026-03-13');
    expect(addWorkingDays('2026-03-07', 5, plain)).toBe('2026-03-13'); // from a Saturday too
    expect(addWorkingDays('2026-03-06', 0, plain)).toBe('2026-03-06');
    expect(addWorkingDays('2026-03-06', 10, plain)).toBe('2026-03-20');
  });

  it('a holiday in between pushes the deadline a day', () => {
    expect(addWorkingDays('2026-03-06', 5, calendarOf(['2026-03-10'], []))).toBe('2026-03-16');
  });

  it('a 调休 working day on a weekend counts', () => {
    const cal = calendarOf(['2026-10-01', '2026-10-02', '2026-10-05'], ['2026-10-10']);
    expect(isWorkingDay('2026-10-10', cal)).toBe(true);
    // From 30 Sep: 6, 7, 8, 9 October, then Saturday the 10th (调休).
    expect(addWorkingDays('2026-09-30', 5, cal)).toBe('2026-10-10');
  });

  it('counts the working days between two dates', () => {
    expect(workingDaysBetween('2026-03-06', '2026-03-13', plain)).toBe(5);
    expect(workingDaysBetween('2026-03-13', '2026-03-06', plain)).toBe(0);
    expect(workingDaysBetween('2026-03-06', '2026-03-09', plain)).toBe(1);
    expect(workingDaysBetween('2026-03-06', '2026-03-13', calendarOf(['2026-03-10'], []))).toBe(4);
  });

  it('accepts only real dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
  });
});
