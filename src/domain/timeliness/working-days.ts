// Working days (工作日) for the timeliness rule (domain.md §10): Monday to Friday, minus the
// county's holidays, plus its 调休 working days (a Saturday or Sunday worked in their place).
// Dates are 'YYYY-MM-DD' text; all arithmetic is on UTC calendar days, so no time zone moves them.

export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  extraWorkdays: ReadonlySet<string>;
}

export const DEFAULT_WORKING_DAYS = 5;

export function calendarOf(holidays: readonly string[], extraWorkdays: readonly string[]): WorkCalendar {
  return { holidays: new Set(holidays), extraWorkdays: new Set(extraWorkdays) };
}

import { isIsoDate } from '../../common/dates.ts';

export { isIsoDate };

function parse(date: string): Date {
  if (!isIsoDate(date)) throw new Error(`不是有效的日期：${date}`);
  return new Date(`${date}T00:00:00Z`);
}

const format = (d: Date): string => d.toISOString().slice(0, 10);

/** The calendar day `days` after the date (negative: before). */
export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.extraWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = parse(date).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after the date (the date itself never counts); n = 0 gives the date. */
export function addWorkingDays(date: string, n: number, cal: WorkCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`工作日数应为非负整数：${n}`);
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left -= 1;
  }
  return d;
}

/** The working days d with from < d ≤ to; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n += 1;
  return n;
}
