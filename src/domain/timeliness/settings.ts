// The county's timeliness settings: the working days allowed (default 5), its holidays and its
// 调休 working days. Only the office's administrator changes them, with an audit event.
import { TimelinessSettingsInput, type TimelinessSettings } from '../../common/wire-timeliness.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { putSetting, settingsOf } from '../../db/repositories/settings.ts';
import { invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { DEFAULT_WORKING_DAYS, isIsoDate } from './working-days.ts';

export const SETTING_KEYS = {
  workingDays: 'timeliness.working_days',
  holidays: 'timeliness.holidays',
  extraWorkdays: 'timeliness.extra_workdays',
} as const;

function dates(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string' && isIsoDate(d)) : [];
  } catch {
    return [];
  }
}

export async function loadTimelinessSettings(db: Executor, regionCode: string): Promise<TimelinessSettings> {
  const s = await settingsOf(db, regionCode, Object.values(SETTING_KEYS));
  const n = Number(s.get(SETTING_KEYS.workingDays));
  return {
    regionCode,
    workingDays: Number.isInteger(n) && n > 0 ? n : DEFAULT_WORKING_DAYS,
    holidays: dates(s.get(SETTING_KEYS.holidays)),
    extraWorkdays: dates(s.get(SETTING_KEYS.extraWorkdays)),
  };
}

const sortedUnique = (ds: readonly string[]) => [...new Set(ds)].sort();

export async function setTimelinessSettings(
  ctx: AppContext,
  opts: {
    principal: Principal;
    regionCode: string;
    workingDays: number;
    holidays: string[];
    extraWorkdays: string[];
  },
): Promise<TimelinessSettings> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'timeliness.configure', { region: opts.regionCode, wholeRegion: true });
  const parsed = TimelinessSettingsInput.safeParse({
    region: opts.regionCode,
    workingDays: opts.workingDays,
    holidays: opts.holidays,
    extraWorkdays: opts.extraWorkdays,
  });
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? '及时性设置无效');
  const bad = [...opts.holidays, ...opts.extraWorkdays].find((d) => !isIsoDate(d));
  if (bad !== undefined) throw invalid(`不是有效的日期：${bad}`);
  const holidays = sortedUnique(opts.holidays);
  const extraWorkdays = sortedUnique(opts.extraWorkdays);
  const both = holidays.find((d) => extraWorkdays.includes(d));
  if (both !== undefined) throw invalid(`${both} 不能既是节假日又是调休工作日`);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await findRegion(trx, opts.regionCode))) throw notFound(`行政区划 ${opts.regionCode} `);
    const before = await loadTimelinessSettings(trx, opts.regionCode);
    const at = nowIso();
    const put = (key: string, value: string) =>
      putSetting(trx, { regionCode: opts.regionCode, key, value, at, by: p.userId });
    await put(SETTING_KEYS.workingDays, String(opts.workingDays));
    await put(SETTING_KEYS.holidays, JSON.stringify(holidays));
    await put(SETTING_KEYS.extraWorkdays, JSON.stringify(extraWorkdays));
    const after = { workingDays: opts.workingDays, holidays, extraWorkdays };
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'timeliness.settings',
        entityType: 'settings',
        entityId: opts.regionCode,
        regionCode: opts.regionCode,
        summary: `设置及时性要求：${opts.workingDays} 个工作日，节假日 ${holidays.length} 天，调休工作日 ${extraWorkdays.length} 天`,
        payload: {
          before: {
            workingDays: before.workingDays,
            holidays: before.holidays,
            extraWorkdays: before.extraWorkdays,
          },
          after,
        },
      },
    );
    return { regionCode: opts.regionCode, ...after };
  });
}
