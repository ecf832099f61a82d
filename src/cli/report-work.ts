// `bianzhi report work`: the 工作统计 of a period as text (standard output), JSON or a Word
// document laid out like the 基本情况 report (GB/T 9704-2012: A4, 版心 156 mm × 225 mm, title
// in 2号小标宋, body in 3号仿宋 at a fixed 28 pt pitch, page numbers "— 1 —" in 4号宋体).
import fs from 'node:fs';
import { isIsoDate } from '../common/dates.ts';
import { renderWorkText, type WorkStatistics } from '../common/report-work.ts';
import type { Booted } from '../bootstrap.ts';
import { computeWorkStatistics } from '../domain/reports/work-statistics.ts';
import { chineseDate, renderOfficialDocx } from '../report/basic-docx.ts';
import type { Out } from './commands.ts';

const FORMATS = ['text', 'json', 'docx'] as const;

/** The statistics as a Word document: title, period, the sentences of section 二, the figures. */
export async function renderWorkDocx(stats: WorkStatistics): Promise<Buffer> {
  const title = `${stats.regionName}机构编制工作统计`;
  return renderOfficialDocx({
    title,
    subtitle: `（${chineseDate(stats.from)}至${chineseDate(stats.to)}）`,
    description: `${title}，统计期 ${stats.from} 至 ${stats.to}`,
    lines: renderWorkText(stats).split('\n'),
    figures: [
      ...stats.figures.map((f) => ({ label: f.label, value: `${f.value}${f.measure}` })),
      ...stats.quotasAddedByUnit.map((l) => ({
        label: `\u3000其中：核增${l.unitName}${l.quotaType}`,
        value: `${l.amount}名`,
      })),
    ],
  });
}

export async function reportWorkCommand(
  b: Booted,
  opts: { region: string; from: string; to: string; format: string | undefined; out: string | undefined },
  out: Out,
): Promise<number> {
  const format = opts.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    out(`--format 应为 ${FORMATS.join('、')} 之一`);
    return 2;
  }
  if (!isIsoDate(opts.from) || !isIsoDate(opts.to)) {
    out('--from、--to 应为存在的日期，格式 YYYY-MM-DD');
    return 2;
  }
  if (opts.from > opts.to) {
    out('--from 不能晚于 --to');
    return 2;
  }
  if (format === 'docx' && !opts.out) {
    out('--format docx 需要 --out 文件名');
    return 2;
  }
  const stats = await computeWorkStatistics(b.ctx.db.kysely, {
    regionCode: opts.region,
    from: opts.from,
    to: opts.to,
  });
  const write = (content: string | Buffer) => {
    if (opts.out) fs.writeFileSync(opts.out, content);
    else process.stdout.write(content);
  };
  if (format === 'text') write(`${renderWorkText(stats)}\n`);
  if (format === 'json') write(`${JSON.stringify({ ...stats, text: renderWorkText(stats) }, null, 2)}\n`);
  if (format === 'docx') write(await renderWorkDocx(stats));
  if (opts.out) out(`已写入 ${opts.out}`);
  return 0;
}
