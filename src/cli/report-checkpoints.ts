// `bianzhi report checkpoints`: builds the 基本情况 report's maintained totals on the checkpoint
// dates (month-ends of the last years, year-ends before) ahead of any request, so that the first
// report of a date is patched from a stored row about half a month away. It runs in its own
// process: the web server keeps answering (on SQLite a row that meets the write lock held is
// simply not stored, as on a report; the next run stores it).
import { isIsoDate } from '../common/dates.ts';
import type { Booted } from '../bootstrap.ts';
import { todayInChina } from '../context.ts';
import { buildCheckpoints } from '../domain/reports/basic-summary.ts';
import { checkpointDates } from '../domain/reports/report-cells.ts';
import type { Out } from './commands.ts';

export async function reportCheckpointsCommand(
  b: Booted,
  opts: { region: string; asOf: string | undefined; years: string | undefined },
  out: Out,
): Promise<number> {
  if (opts.asOf && !isIsoDate(opts.asOf)) {
    out('--as-of 应为存在的日期，格式 YYYY-MM-DD');
    return 2;
  }
  const years = opts.years === undefined ? 3 : Number(opts.years);
  if (!Number.isInteger(years) || years < 0 || years > 20) {
    out('--years 应为 0 到 20 的整数（逐月末保留的年数）');
    return 2;
  }
  const dates = checkpointDates(opts.asOf ?? todayInChina(), { monthlyYears: years });
  const started = performance.now();
  await buildCheckpoints(b.ctx.db.kysely, {
    regionCode: opts.region,
    dates,
    onProgress: (p) => out(`[${p.done}/${p.total}] ${p.asOf} ${(p.ms / 1000).toFixed(1)} s`),
  });
  out(
    `已建立 ${dates.length} 个检查点（${dates[0] ?? ''} 至 ${dates[dates.length - 1] ?? ''}），用时 ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return 0;
}
