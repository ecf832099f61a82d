// `bianzhi report basic`: the 基本情况 report as text (standard output), JSON, Word or Excel.
import fs from 'node:fs';
import { isIsoDate } from '../common/dates.ts';
import { renderBasicText } from '../common/report-basic.ts';
import type { Booted } from '../bootstrap.ts';
import { todayInChina } from '../context.ts';
import { basicSummaryFor } from '../domain/reports/basic-summary.ts';
import { computeBasicFor } from '../domain/reports/get-basic-report.ts';
import { unitReportRows } from '../domain/reports/unit-rows.ts';
import { renderBasicDocx } from '../report/basic-docx.ts';
import { renderBasicXlsx } from '../report/basic-xlsx.ts';
import type { Out } from './commands.ts';

const FORMATS = ['text', 'json', 'docx', 'xlsx'] as const;

export async function reportBasicCommand(
  b: Booted,
  opts: { region: string; asOf: string | undefined; format: string | undefined; out: string | undefined },
  out: Out,
): Promise<number> {
  const format = opts.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    out(`--format 应为 ${FORMATS.join('、')} 之一`);
    return 2;
  }
  if (opts.asOf && !isIsoDate(opts.asOf)) {
    out('--as-of 应为存在的日期，格式 YYYY-MM-DD');
    return 2;
  }
  if ((format === 'docx' || format === 'xlsx') && !opts.out) {
    out(`--format ${format} 需要 --out 文件名`);
    return 2;
  }
  const args = { regionCode: opts.region, asOf: opts.asOf ?? todayInChina() };
  if (format === 'xlsx' && opts.out) {
    // The per-unit workbook needs every unit's cells: computed directly.
    const full = await computeBasicFor(b.ctx.db.kysely, args);
    await renderBasicXlsx({ report: full.report, units: unitReportRows(full.units) }, opts.out);
    out(`已写入 ${opts.out}`);
    return 0;
  }
  const c = await basicSummaryFor(b.ctx.db.kysely, args);
  const write = (content: string | Buffer) => {
    if (opts.out) fs.writeFileSync(opts.out, content);
    else process.stdout.write(content);
  };
  if (format === 'text') write(`${renderBasicText(c.report)}\n`);
  if (format === 'json') write(`${JSON.stringify({ ...c.report, quality: c.quality }, null, 2)}\n`);
  if (format === 'docx') write(await renderBasicDocx(c.report));
  if (opts.out) out(`已写入 ${opts.out}`);
  return 0;
}
