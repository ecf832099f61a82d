// `bianzhi report standards`: a county's schools, kindergartens and health centres measured
// against the staffing standards of a year, as text (standard output), JSON or an Excel
// workbook with one sheet per kind (per-unit rows, totals, the county's 缺配).
import fs from 'node:fs';
import { renderStandardsText } from '../common/standards.ts';
import type { Booted } from '../bootstrap.ts';
import { computeStandards, defaultStandardsYear } from '../domain/standards/compute-standards.ts';
import { renderStandardsXlsx } from '../report/standards-xlsx.ts';
import type { Out } from './commands.ts';

const FORMATS = ['text', 'json', 'xlsx'] as const;

export async function reportStandardsCommand(
  b: Booted,
  opts: { region: string; year: string | undefined; format: string | undefined; out: string | undefined },
  out: Out,
): Promise<number> {
  const format = opts.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    out(`--format 应为 ${FORMATS.join('、')} 之一`);
    return 2;
  }
  if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) {
    out('--year 应为四位年份，如 2022');
    return 2;
  }
  if (format === 'xlsx' && !opts.out) {
    out('--format xlsx 需要 --out 文件名');
    return 2;
  }
  const db = b.ctx.db.kysely;
  const year = opts.year === undefined ? await defaultStandardsYear(db, opts.region) : Number(opts.year);
  // An unknown region or a year out of range is an AppError: main() prints it and exits 1.
  const result = await computeStandards(db, { regionCode: opts.region, year });
  const write = (content: string | Buffer) => {
    if (opts.out) fs.writeFileSync(opts.out, content);
    else process.stdout.write(content);
  };
  if (format === 'text') write(`${renderStandardsText(result)}\n`);
  if (format === 'json') write(`${JSON.stringify(result, null, 2)}\n`);
  if (format === 'xlsx') write(await renderStandardsXlsx(result));
  if (opts.out) out(`已写入 ${opts.out}`);
  return 0;
}
