// 及时性 (domain.md §10; practice: 5 working days in Shandong, 10 in Yantai): what the office
// has not recorded in time. (a) 审议决定后未及时组织实施: decided matters not implemented within
// N working days of their decision date, with the working days overdue till today; (b) 录入不及时:
// implemented matters whose implementation was recorded after that deadline, with the days late.
import type { TimelinessItem, TimelinessResponse } from '../../common/wire-timeliness.ts';
import { todayInChina } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  decidedMattersOf,
  implementedMattersOf,
  type TimelinessMatterRow,
} from '../../db/repositories/timeliness.ts';
import { loadTimelinessSettings } from './settings.ts';
import { addWorkingDays, calendarOf, workingDaysBetween, type WorkCalendar } from './working-days.ts';

function item(
  m: TimelinessMatterRow,
  deadline: string,
  recordedOn: string | null,
  daysLate: number,
): TimelinessItem {
  return {
    matterId: m.id,
    title: m.title,
    docNo: m.docNo,
    decidedOn: m.decidedOn,
    deadline,
    effectiveOn: m.effectiveOn,
    recordedOn,
    daysLate,
  };
}

/** The overdue and late matters of a county, given its calendar and the working days allowed. */
export function timelinessOf(
  decided: readonly TimelinessMatterRow[],
  implemented: readonly TimelinessMatterRow[],
  opts: { workingDays: number; calendar: WorkCalendar; today: string },
): { overdue: TimelinessItem[]; late: TimelinessItem[] } {
  const overdue: TimelinessItem[] = [];
  for (const m of decided) {
    const deadline = addWorkingDays(m.decidedOn, opts.workingDays, opts.calendar);
    const days = workingDaysBetween(deadline, opts.today, opts.calendar);
    if (days > 0) overdue.push(item(m, deadline, null, days));
  }
  const late: TimelinessItem[] = [];
  for (const m of implemented) {
    if (m.implementedAt === null) continue;
    const recordedOn = todayInChina(new Date(m.implementedAt));
    const deadline = addWorkingDays(m.decidedOn, opts.workingDays, opts.calendar);
    const days = workingDaysBetween(deadline, recordedOn, opts.calendar);
    if (days > 0) late.push(item(m, deadline, recordedOn, days));
  }
  overdue.sort((a, b) => b.daysLate - a.daysLate || a.matterId - b.matterId);
  late.sort((a, b) => (b.recordedOn ?? '').localeCompare(a.recordedOn ?? '') || a.matterId - b.matterId);
  return { overdue, late };
}

export async function timelinessReport(
  db: Executor,
  opts: { regionCode: string; today?: string },
): Promise<TimelinessResponse> {
  const today = opts.today ?? todayInChina();
  const settings = await loadTimelinessSettings(db, opts.regionCode);
  const [decided, implemented] = await Promise.all([
    decidedMattersOf(db, opts.regionCode),
    implementedMattersOf(db, opts.regionCode),
  ]);
  const { overdue, late } = timelinessOf(decided, implemented, {
    workingDays: settings.workingDays,
    calendar: calendarOf(settings.holidays, settings.extraWorkdays),
    today,
  });
  return { ...settings, today, overdue, late };
}
