// Calendar dates on the wire and in files: 'YYYY-MM-DD' that names a day that exists.
// One schema for every date field, so that `2023-02-30` is refused everywhere with the same words.
import { z } from 'zod';

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether the text is a real calendar date 'YYYY-MM-DD' (2023-02-30 is not). */
export function isIsoDate(text: string): boolean {
  if (!SHAPE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export const DATE_FORMAT_MESSAGE = '日期格式应为 YYYY-MM-DD';

export const DateString = z
  .string()
  .max(10, DATE_FORMAT_MESSAGE)
  .regex(SHAPE, DATE_FORMAT_MESSAGE)
  .refine(isIsoDate, '日期不存在（如 2 月 30 日）');
