// Freezing a project's 底数: the units concerned as of the baseline date, stored once (the table
// is insert-only and a project has at most one baseline) and sealed: the SM3 hash of the stored
// text is kept beside it and in the audit event, which the hash chain protects.
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { baselineOf, insertBaseline } from '../../db/repositories/reform.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { baselineText, sealHash } from './baseline.ts';
import { baselineContent } from './county-state.ts';
import { loadProject } from './manage-projects.ts';

export async function freezeBaseline(
  ctx: AppContext,
  opts: { principal: Principal; projectId: number },
): Promise<{ baselineId: number; hash: string; units: number }> {
  const p = opts.principal;
  const project = await loadProject(ctx.db.kysely, p, opts.projectId, 'reform.write');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (await baselineOf(trx, project.id))
      throw new AppError('CONFLICT', '该项目的底数已冻结，不能重新冻结或修改');
    const content = await baselineContent(trx, project);
    if (content.units.length === 0)
      throw new AppError('VALIDATION', '底数日期时项目范围内没有机构，不能冻结');
    const text = baselineText(content);
    const hash = sealHash(text);
    const frozenAt = nowIso();
    const baselineId = await insertBaseline(trx, {
      regionCode: project.regionCode,
      projectId: project.id,
      asOf: project.baselineDate,
      content: text,
      hash,
      frozenAt,
      by: p.userId,
    });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'reform.baseline_freeze',
        entityType: 'reform_baseline',
        entityId: baselineId,
        regionCode: project.regionCode,
        summary: `冻结机构改革项目 ${project.id}《${project.name}》底数（${project.baselineDate}，${content.units.length} 个机构），SM3 ${hash}`,
        payload: {
          before: null,
          after: { projectId: project.id, asOf: project.baselineDate, units: content.units.length, hash },
        },
      },
    );
    return { baselineId, hash, units: content.units.length };
  });
}
