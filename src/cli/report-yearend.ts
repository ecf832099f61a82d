// `bianzhi report yearend --region CODE --year YYYY --out FILE.xlsx`: the year-end 机构编制统计.
// The checks run first; when any fails, each is listed, no file is written and the exit code is 1.
import fs from 'node:fs';
import type { Booted } from '../bootstrap.ts';
import { getYearend } from '../domain/yearend/get-yearend.ts';
import { renderYearendXlsx } from '../report/yearend-xlsx.ts';
import type { Out } from './commands.ts';

export async function reportYearendCommand(
  b: Booted,
  opts: { region: string; year: string; out: string },
  out: Out,
): Promise<number> {
  if (!/^\d{4}$/.test(opts.year)) {
    out('--year 应为四位年份，如 2025');
    return 2;
  }
  if (!opts.out.toLowerCase().endsWith('.xlsx')) {
    out('--out 应为 .xlsx 文件');
    return 2;
  }
  const y = await getYearend(b.ctx.db.kysely, {
    principal: null,
    regionCode: opts.region,
    year: Number(opts.year),
  });
  const failed = y.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    out(`${y.regionName}${y.year}年机构编制统计校验未通过（${failed.length} 项），未导出：`);
    for (const c of failed) {
      out(`✗ [${c.kind}] ${c.name}`);
      for (const f of c.failures) out(`    ${f}`);
    }
    return 1;
  }
  fs.writeFileSync(opts.out, await renderYearendXlsx({ ...y, hash: y.submission?.hash ?? null }));
  out(`校验全部通过（${y.checks.length} 项）`);
  if (y.submission) {
    out(
      `该年度已于 ${y.submission.submittedAt} 上报并锁定${y.submission.hashValid ? '' : '（上报数据的指纹不符！）'}`,
    );
    if (y.differences.length > 0) {
      out(`上报后追溯变更导致 ${y.differences.length} 处数字与上报时不同：`);
      for (const d of y.differences) out(`    ${d.label}：上报 ${d.submitted ?? '—'}，现为 ${d.now ?? '—'}`);
    }
  }
  out(`已写入 ${opts.out}`);
  return 0;
}
