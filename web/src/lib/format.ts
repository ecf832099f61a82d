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

const CHINA_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Timestamps (recordedAt, lastLoginAt) as "YYYY-MM-DD HH:mm" in China time, as the office reads them. */
export function dateTime(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const parsed = dayjs(value);
  if (!parsed.isValid()) return value;
  const parts = Object.fromEntries(CHINA_TIME.formatToParts(parsed.toDate()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
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
