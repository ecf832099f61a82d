// The 底数台账 and the 改革前后对比表 as files (.xlsx or .docx), for the web and the CLI.
import type { AppContext } from '../../context.ts';
import { baselineOf } from '../../db/repositories/reform.ts';
import { AppError } from '../../errors.ts';
import { renderBaselineDocx, renderComparisonDocx } from '../../report/reform-docx.ts';
import { renderBaselineXlsx, renderComparisonXlsx } from '../../report/reform-xlsx.ts';
import type { Principal } from '../accounts/policies.ts';
import { parseBaseline } from './baseline.ts';
import { compareReform } from './compare-reform.ts';
import { loadProject } from './manage-projects.ts';

export type ReformFormat = 'xlsx' | 'docx';
export interface ReformFile {
  fileName: string;
  content: Buffer;
}

export async function exportBaseline(
  ctx: AppContext,
  opts: { principal: Principal | null; projectId: number; format: ReformFormat },
): Promise<ReformFile> {
  const project = await loadProject(ctx.db.kysely, opts.principal, opts.projectId, 'reform.read');
  const stored = await baselineOf(ctx.readDb.kysely, project.id);
  if (!stored) throw new AppError('CONFLICT', '该项目尚未冻结底数');
  const content = parseBaseline(stored.content);
  return {
    fileName: `${project.name}底数台账_${stored.asOf}.${opts.format}`,
    content:
      opts.format === 'xlsx'
        ? await renderBaselineXlsx(content, stored.hash)
        : await renderBaselineDocx(content, stored.hash),
  };
}

export async function exportComparison(
  ctx: AppContext,
  opts: { principal: Principal | null; projectId: number; asOf?: string; format: ReformFormat },
): Promise<ReformFile> {
  const c = await compareReform(ctx, opts);
  return {
    fileName: `${c.projectName}改革前后对比表_${c.asOf}.${opts.format}`,
    content: opts.format === 'xlsx' ? await renderComparisonXlsx(c) : await renderComparisonDocx(c),
  };
}
