// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
// (odd for men), check character by ISO 7064 MOD 11-2.

import { isKnownProvinceCode } from './regions.ts';
import { fail, OK, okWithWarning, type CheckResult } from './result.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
// Older than this is possible under the standard (its own specimen was born in 1880) but not
// plausible for a staffing roster: a warning, never a refusal.
const PLAUSIBLE_AGE_YEARS = 120;

/** Trims and upper-cases the check character: '11010519491231002x ' → '11010519491231002X'. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('身份证号本体码应为17位数字');
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17.charAt(i)), 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function localDateDigits(date: Date): string {
  return `${pad(date.getFullYear(), 4)}${pad(date.getMonth() + 1, 2)}${pad(date.getDate(), 2)}`;
}

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isExistingDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

/** The birth date must exist and not lie in the future (the standard); a great age is only a warning. */
function checkBirthDate(yyyymmdd: string, today: Date): CheckResult {
  if (!isExistingDate(yyyymmdd)) return fail(`出生日期 ${yyyymmdd} 不存在`);
  // Same-length digit strings compare like the dates they spell.
  const todayDigits = localDateDigits(today);
  if (yyyymmdd > todayDigits) return fail('出生日期晚于今天');
  const age = Number(todayDigits.slice(0, 4)) - Number(yyyymmdd.slice(0, 4));
  if (age > PLAUSIBLE_AGE_YEARS) {
    return okWithWarning(`出生于 ${yyyymmdd.slice(0, 4)} 年，年龄超过 ${PLAUSIBLE_AGE_YEARS} 岁，请核对`);
  }
  return OK;
}

/**
 * Checks an 18-character ID number (lower-case x accepted) as GB 11643 defines it: the check
 * character, an address code whose province exists, a birth date that exists and is not in the
 * future. The check character is tested before the parts, because a single mistyped digit
 * always breaks it and "应为 X" is the most useful message then. Only the province part of the
 * address code is checked: county codes retired since the number was issued stay valid for
 * life. Plausibility (an age over 120) is a warning on a valid result, not a refusal.
 */
export function checkIdNumber(value: string, today: Date = new Date()): CheckResult {
  const id = normalizeIdNumber(value);
  if (id.length !== 18) return fail(`长度应为18位，实际为${id.length}位`);
  if (!SHAPE.test(id)) return fail('前17位应为数字，第18位应为数字或 X');
  const expected = idNumberCheckChar(id.slice(0, 17));
  if (id.charAt(17) !== expected) return fail(`校验码错误，应为 ${expected}`);
  const province = id.slice(0, 2);
  if (!isKnownProvinceCode(province)) return fail(`省级行政区划代码 ${province} 不存在`);
  return checkBirthDate(id.slice(6, 14), today);
}

function requireShape(value: string): string {
  const id = normalizeIdNumber(value);
  if (!SHAPE.test(id)) throw new Error('不是18位身份证号');
  return id;
}

/** 'YYYY-MM-DD' of a checked ID number. */
export function idNumberBirthDate(value: string): string {
  const id = requireShape(value);
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** The 17th digit is odd for men, even for women. */
export function idNumberGender(value: string): '男' | '女' {
  const id = requireShape(value);
  return Number(id.charAt(16)) % 2 === 1 ? '男' : '女';
}

/**
 * '64012119900101123X' → '6401**********123X'. Other lengths keep at most the first and
 * last 4 characters and never show more than half of the value.
 */
export function maskIdNumber(value: string): string {
  const id = normalizeIdNumber(value);
  const keep = Math.min(4, Math.floor(id.length / 4));
  return id.slice(0, keep) + '*'.repeat(id.length - 2 * keep) + id.slice(id.length - keep);
}

const EXCEL_NUMBER_REASON = '身份证号被 Excel 存成了数字，后几位已丢失精度，请将该列设为文本后重新录入';
// A double holds every integer only up to 2^53 ≈ 9.0e15, an 18-digit ID is ≥ 1e17: any number
// from 1e16 on is an ID (or similar) whose last digits are gone.
const PRECISION_LIMIT = 1e16;
const SCIENTIFIC = /^\d(\.\d+)?E\+(\d+)$/i;

function looksLikeLostString(text: string): boolean {
  const scientific = SCIENTIFIC.exec(text);
  if (scientific) return Number(scientific[2]) >= 16;
  // Excel keeps 15 significant digits, so an 18-digit number comes back ending in 000.
  return (
    /^\d{18}$/.test(text) &&
    text.endsWith('000') &&
    idNumberCheckChar(text.slice(0, 17)) !== text.charAt(17) &&
    !Number.isSafeInteger(Number(text))
  );
}

/**
 * A reason when a spreadsheet cell looks like an ID number that Excel stored as a number
 * and thereby lost its last digits (precision or scientific notation); null otherwise.
 */
export function detectExcelNumberId(raw: unknown): string | null {
  const lost =
    (typeof raw === 'number' && Number.isFinite(raw) && Math.abs(raw) >= PRECISION_LIMIT) ||
    (typeof raw === 'string' && looksLikeLostString(raw.trim()));
  return lost ? EXCEL_NUMBER_REASON : null;
}
