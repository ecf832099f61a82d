// `bianzhi reform baseline|compare`: a project's frozen 底数台账 or its 改革前后对比表 written to a
// file, .xlsx or .docx by the file's extension. Run on the server's shell (no account).
import fs from 'node:fs';
import type { Booted } from '../bootstrap.ts';
import { exportBaseline, exportComparison, type ReformFormat } from '../domain/reform/export-reform.ts';
import type { Out } from './commands.ts';

export const REFORM_HELP =
  '用法：bianzhi reform baseline --project 编号 --out 文件.xlsx|.docx\n' +
  '      bianzhi reform compare --project 编号 [--as-of YYYY-MM-DD] --out 文件.xlsx|.docx';

export async function reformCommand(
  b: Booted,
  opts: {
    action: string | undefined;
    project: string | undefined;
    asOf: string | undefined;
    out: string | undefined;
  },
  out: Out,
): Promise<number> {
  if ((opts.action !== 'baseline' && opts.action !== 'compare') || !opts.project || !opts.out) {
    out(REFORM_HELP);
    return 2;
  }
  if (!/^\d+$/.test(opts.project)) {
    out('--project 应为改革项目编号');
    return 2;
  }
  const format: ReformFormat | null = opts.out.endsWith('.xlsx')
    ? 'xlsx'
    : opts.out.endsWith('.docx')
      ? 'docx'
      : null;
  if (!format) {
    out('--out 文件名应以 .xlsx 或 .docx 结尾');
    return 2;
  }
  if (opts.asOf !== undefined && (opts.action !== 'compare' || !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf))) {
    out('--as-of 只用于 compare，格式为 YYYY-MM-DD');
    return 2;
  }
  const projectId = Number(opts.project);
  // An unknown project or an unfrozen baseline is an AppError: main() prints it and exits 1.
  const file =
    opts.action === 'baseline'
      ? await exportBaseline(b.ctx, { principal: null, projectId, format })
      : await exportComparison(b.ctx, { principal: null, projectId, asOf: opts.asOf, format });
  fs.writeFileSync(opts.out, file.content);
  out(`已写入 ${opts.out}（${file.fileName}）`);
  return 0;
}
