import dayjs from 'dayjs';

export const EMPTY = '—';

export function dash(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  return String(value);
}

export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return EMPTY;
  return value ? '是' : '否';
}

/** Timestamps (recordedAt, lastLoginAt) as "YYYY-MM-DD HH:mm". */
export function dateTime(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm') : value;
}

export function todayString(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** Today in China (the server's "today"), whatever the browser's time zone. */
export function todayInChina(): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
  } catch {
    return todayString();
  }
}

export function isDateString(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).isValid();
}

export function formatNumber(value: number): string {
  return value.toLocaleString('zh-CN');
}
