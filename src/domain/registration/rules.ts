// Pure rules of 事业单位登记管理: the application state machine, working-day deadlines,
// certificate validity, the composition of a 统一社会信用代码, and the annual-report window.
import {
  REQUIRED_MATERIALS,
  USCC_CATEGORIES,
  CERTIFICATE_VALID_YEARS,
  type ApplicationAction,
  type ApplicationKind,
  type ApplicationState,
  type UsccCategoryName,
} from '../../common/registration.ts';
import { organizationCodeCheckChar, usccCheckChar } from '../../common/codes/uscc.ts';
import {
  addDays,
  addWorkingDays,
  workingDaysBetween,
  type WorkCalendar,
} from '../timeliness/working-days.ts';

/** Working days allowed (configurable per county): 受理 within 3, 核准 within 30. */
export const DEFAULT_ACCEPT_DAYS = 3;
export const DEFAULT_DECIDE_DAYS = 30;
/** After an implemented matter: 变更 within 30 working days of the change, 注销 within 15. */
export const CHANGE_DUE_DAYS = 30;
export const CANCEL_DUE_DAYS = 15;

const FROM: Record<ApplicationAction, readonly ApplicationState[]> = {
  file: ['待申请', '材料不全', '已退回'],
  accept: ['待受理'],
  review: ['待审核'],
  approve: ['待核准'],
  return: ['待受理', '待审核', '待核准'],
};

/** The state an action leads to, or an error message when it is not allowed from `state`. */
export function nextState(
  state: ApplicationState,
  action: ApplicationAction,
  opts: { missingMaterials?: readonly string[] } = {},
): { ok: true; state: ApplicationState } | { ok: false; reason: string } {
  if (!FROM[action].includes(state))
    return { ok: false, reason: `“${state}”的申请不能${action === 'file' ? '提交' : ''}${labelOf(action)}` };
  switch (action) {
    case 'file':
      return { ok: true, state: '待受理' };
    case 'accept':
      return { ok: true, state: (opts.missingMaterials ?? []).length > 0 ? '材料不全' : '待审核' };
    case 'review':
      return { ok: true, state: '待核准' };
    case 'approve':
      return { ok: true, state: '已核准' };
    case 'return':
      return { ok: true, state: '已退回' };
  }
}

function labelOf(action: ApplicationAction): string {
  return { file: '', accept: '受理', review: '审核', approve: '核准', return: '退回' }[action];
}

/** Required materials of the kind not among those handed in. */
export function missingMaterials(kind: ApplicationKind, handedIn: readonly string[]): string[] {
  const have = new Set(handedIn.map((m) => m.trim()));
  return REQUIRED_MATERIALS[kind].filter((m) => !have.has(m));
}

export function acceptDue(filedOn: string, days: number, cal: WorkCalendar): string {
  return addWorkingDays(filedOn, days, cal);
}

export function decideDue(acceptedOn: string, days: number, cal: WorkCalendar): string {
  return addWorkingDays(acceptedOn, days, cal);
}

/** The deadline an application is running against now, or null when it is finished. */
export function currentDue(a: {
  state: ApplicationState;
  statutoryDue: string | null;
  acceptDue: string | null;
  decideDue: string | null;
}): string | null {
  switch (a.state) {
    case '待申请':
    case '材料不全':
    case '已退回':
      return a.statutoryDue;
    case '待受理':
      return a.acceptDue;
    case '待审核':
    case '待核准':
      return a.decideDue;
    case '已核准':
      return null;
  }
}

/** Working days past the due date on `today` (0 when not overdue or finished). */
export function workingDaysOverdue(due: string | null, today: string, cal: WorkCalendar): number {
  return due === null ? 0 : workingDaysBetween(due, today, cal);
}

/** A certificate issued on a date is valid for five years: up to the day before the anniversary. */
export function certificateValidUntil(issuedOn: string): string {
  const [y, m, d] = issuedOn.split('-');
  const anniversary = `${Number(y) + CERTIFICATE_VALID_YEARS}-${m}-${m === '02' && d === '29' ? '28' : d}`;
  return addDays(anniversary, -1);
}

/** The certificate number: 事证第 + region + 6-digit sequence (unique in the database). */
export function certificateNumber(regionCode: string, sequence: number): string {
  return `事证第${regionCode}${String(sequence).padStart(6, '0')}号`;
}

// ---- 统一社会信用代码 ----

/** The office's serial range of 主体标识码: prefix + zero-padded number, 8 characters in all. */
export interface UsccSerialRange {
  prefix: string;
  from: number;
  to: number;
}

const USCC_ALPHABET = /^[0-9ABCDEFGHJKLMNPQRTUWXY]*$/;

export function checkSerialRange(r: UsccSerialRange): string | null {
  if (r.prefix.length > 4 || !USCC_ALPHABET.test(r.prefix))
    return '号段前缀最多4位，只能是数字或大写字母（不含 I、O、Z、S、V）';
  const digits = 8 - r.prefix.length;
  if (!Number.isInteger(r.from) || !Number.isInteger(r.to) || r.from < 0 || r.from > r.to)
    return '号段起止应为非负整数且起号不大于止号';
  if (r.to >= 10 ** digits) return `号段止号超过 ${digits} 位数字`;
  return null;
}

/** The 18-character code for serial `serial` of the range in a region. */
export function composeUscc(
  category: UsccCategoryName,
  regionCode: string,
  range: UsccSerialRange,
  serial: number,
): { uscc: string; organizationCode: string } {
  if (serial < range.from || serial > range.to) throw new Error(`序号 ${serial} 不在号段内`);
  const body8 = range.prefix + String(serial).padStart(8 - range.prefix.length, '0');
  const organizationCode = body8 + organizationCodeCheckChar(body8);
  const first17 = `1${USCC_CATEGORIES[category]}${regionCode}${organizationCode}`;
  return { uscc: first17 + usccCheckChar(first17), organizationCode };
}

// ---- 年度报告 ----

/** The filing window for the report on `year`: by default 1 January – 31 March of the next year. */
export function annualWindow(
  year: number,
  window: { from: string; to: string },
): { from: string; to: string } {
  return { from: `${year + 1}-${window.from}`, to: `${year + 1}-${window.to}` };
}

export const DEFAULT_ANNUAL_WINDOW = { from: '01-01', to: '03-31' } as const;

/** A report filed after the window closes is accepted and marked 逾期. */
export function isLate(submittedOn: string, window: { to: string }): boolean {
  return submittedOn > window.to;
}

/** Whether an institution must file the report on `year`: registered by its end, not cancelled by then. */
export function expectedToFile(
  r: { registeredOn: string; cancelledOn: string | null },
  year: number,
): boolean {
  const end = `${year}-12-31`;
  return r.registeredOn <= end && (r.cancelledOn === null || r.cancelledOn > end);
}

/** On-time rate of a year: reports filed within the window over the registered institutions. */
export function onTimeRate(onTime: number, expected: number): number | null {
  return expected === 0 ? null : Math.round((onTime / expected) * 10000) / 100;
}
