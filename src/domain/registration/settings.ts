// The county's registration settings: working days for 受理 and 核准, the office's serial range
// of 主体标识码, and the annual-report window. Stored in the settings table; defaults apply
// until the office's administrator sets them.
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { putSetting, settingsOf } from '../../db/repositories/settings.ts';
import { invalid } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { loadTimelinessSettings } from '../timeliness/settings.ts';
import { calendarOf, type WorkCalendar } from '../timeliness/working-days.ts';
import { authorize } from '../accounts/authorize.ts';
import {
  checkSerialRange,
  DEFAULT_ACCEPT_DAYS,
  DEFAULT_ANNUAL_WINDOW,
  DEFAULT_DECIDE_DAYS,
  type UsccSerialRange,
} from './rules.ts';

export interface RegistrationSettings {
  acceptDays: number;
  decideDays: number;
  /** Null until the office configures its range: no code can be issued before. */
  usccRange: UsccSerialRange | null;
  annualWindow: { from: string; to: string };
}

const KEYS = {
  acceptDays: 'registration.accept_days',
  decideDays: 'registration.decide_days',
  usccRange: 'registration.uscc_range',
  annualWindow: 'registration.annual_window',
} as const;

const positive = (text: string | undefined, fallback: number) => {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

function json<T>(text: string | undefined): T | null {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export async function loadRegistrationSettings(
  db: Executor,
  regionCode: string,
): Promise<RegistrationSettings> {
  const s = await settingsOf(db, regionCode, Object.values(KEYS));
  const range = json<UsccSerialRange>(s.get(KEYS.usccRange));
  const window = json<{ from: string; to: string }>(s.get(KEYS.annualWindow));
  return {
    acceptDays: positive(s.get(KEYS.acceptDays), DEFAULT_ACCEPT_DAYS),
    decideDays: positive(s.get(KEYS.decideDays), DEFAULT_DECIDE_DAYS),
    usccRange: range && checkSerialRange(range) === null ? range : null,
    annualWindow: window ?? { ...DEFAULT_ANNUAL_WINDOW },
  };
}

/** The county's working-day calendar (the timeliness holidays and 调休 days). */
export async function workCalendar(db: Executor, regionCode: string): Promise<WorkCalendar> {
  const t = await loadTimelinessSettings(db, regionCode);
  return calendarOf(t.holidays, t.extraWorkdays);
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Sets the county's registration settings (编办管理员), audited with before and after. */
export async function setRegistrationSettings(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; settings: RegistrationSettings },
): Promise<RegistrationSettings> {
  await authorize(ctx.db.kysely, opts.principal, 'registration.configure', { region: opts.regionCode });
  const s = opts.settings;
  if (
    !Number.isInteger(s.acceptDays) ||
    s.acceptDays < 1 ||
    !Number.isInteger(s.decideDays) ||
    s.decideDays < 1
  )
    throw invalid('受理、核准时限应为正整数个工作日');
  if (s.usccRange) {
    const problem = checkSerialRange(s.usccRange);
    if (problem) throw invalid(problem);
  }
  if (
    !MONTH_DAY.test(s.annualWindow.from) ||
    !MONTH_DAY.test(s.annualWindow.to) ||
    s.annualWindow.from > s.annualWindow.to
  )
    throw invalid('年度报告报送期应为 MM-DD 至 MM-DD');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadRegistrationSettings(trx, opts.regionCode);
    const at = nowIso();
    const put = (key: string, value: string) =>
      putSetting(trx, { regionCode: opts.regionCode, key, value, at, by: opts.principal.userId });
    await put(KEYS.acceptDays, String(s.acceptDays));
    await put(KEYS.decideDays, String(s.decideDays));
    if (s.usccRange) await put(KEYS.usccRange, JSON.stringify(s.usccRange));
    await put(KEYS.annualWindow, JSON.stringify(s.annualWindow));
    const after = await loadRegistrationSettings(trx, opts.regionCode);
    await ctx.audit.record(
      trx,
      { id: opts.principal.userId, name: opts.principal.username },
      {
        action: 'registration.settings',
        entityType: 'settings',
        entityId: opts.regionCode,
        regionCode: opts.regionCode,
        summary: `设置登记管理参数：受理 ${after.acceptDays} 个工作日，核准 ${after.decideDays} 个工作日`,
        payload: { before: { ...before }, after: { ...after } },
      },
    );
    return after;
  });
}
