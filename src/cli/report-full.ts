// `bianzhi report full`: the county's 全年汇报 rendered on an as-of date as one GB/T 9704 .docx,
// its figures live from the system; lists the figures changed since the previous rendering.
import fs from 'node:fs';
import { isIsoDate } from '../common/dates.ts';
import type { Booted } from '../bootstrap.ts';
import { renderFullReport } from '../domain/full-report/render-full-report.ts';
import type { Out } from './commands.ts';

export async function reportFullCommand(
  b: Booted,
  opts: { region: string; asOf: string | undefined; year: string | undefined; out: string },
  out: Out,
): Promise<number> {
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
    out('--as-of 应为存在的日期，格式 YYYY-MM-DD');
    return 2;
  }
  const year = opts.year === undefined ? undefined : Number(opts.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
    out('--year 应为四位年份');
    return 2;
  }
  if (!opts.out.toLowerCase().endsWith('.docx')) {
    out('--out 应为 .docx 文件');
    return 2;
  }
  const r = await renderFullReport(b.ctx, {
    principal: null,
    actor: { id: null, name: '命令行' },
    regionCode: opts.region,
    year,
    asOf: opts.asOf,
  });
  fs.writeFileSync(opts.out, r.file);
  out(`已写入 ${opts.out}（引用 ${Object.keys(r.figures).length} 个数字）`);
  if (r.changes.length > 0) {
    out(`自上次生成以来变化的数字（${r.changes.length} 个）：`);
    for (const c of r.changes) out(`  ${c.label}：${c.before} → ${c.after}`);
  }
  return 0;
}
