// A plan drafted in the sandbox: its changes are stored as a draft and never touch the ledger.
// A plan names existing people only (人员转隶); a new person's 身份证号 belongs in a matter.
import type { Change } from '../../common/matters.ts';
import type { PlanBody } from '../../common/wire-reform.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { getPlan, insertPlan, updatePlanDraft, type PlanRecord } from '../../db/repositories/reform.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import type { Action } from '../accounts/permissions.ts';
import { authorizeChanges } from '../matters/matter-access.ts';
import { loadProject } from './manage-projects.ts';

export function checkPlanChanges(changes: readonly Change[]): void {
  for (const c of changes) {
    if (c.kind === 'enter' && c.personId === null)
      throw new AppError(
        'VALIDATION',
        '改革方案中的上编只能针对已有人员（人员转隶）；新进人员请另行提出事项',
      );
  }
}

/** 404 for an unknown plan, 403 unless the principal may take `action` on its county. */
export async function loadPlan(db: Executor, p: Principal, id: number, action: Action): Promise<PlanRecord> {
  const plan = await getPlan(db, id);
  if (!plan) throw notFound('改革方案');
  await loadProject(db, p, plan.projectId, action);
  return plan;
}

export async function savePlan(
  ctx: AppContext,
  opts: { principal: Principal; projectId: number; planId: number | null; body: PlanBody },
): Promise<number> {
  const p = opts.principal;
  const project = await loadProject(ctx.db.kysely, p, opts.projectId, 'reform.write');
  const changes = opts.body.changes;
  checkPlanChanges(changes);
  await authorizeChanges(ctx, ctx.db.kysely, p, 'reform.write', { changes, regionCode: project.regionCode });
  const at = nowIso();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    let id: number;
    if (opts.planId === null) {
      id = await insertPlan(trx, {
        regionCode: project.regionCode,
        projectId: project.id,
        name: opts.body.name,
        changes: JSON.stringify(changes),
        at,
      });
    } else {
      const plan = await loadPlan(trx, p, opts.planId, 'reform.write');
      if (plan.projectId !== project.id) throw notFound('改革方案');
      if (
        !(await updatePlanDraft(trx, plan.id, { name: opts.body.name, changes: JSON.stringify(changes), at }))
      )
        throw new AppError('CONFLICT', '方案已采纳，不能再修改');
      id = plan.id;
    }
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'reform.plan',
        entityType: 'reform_plan',
        entityId: id,
        regionCode: project.regionCode,
        summary: `${opts.planId === null ? '新建' : '修改'}改革方案 ${id}《${opts.body.name}》（${changes.length} 项变更）`,
        payload: {
          before: null,
          after: { projectId: project.id, name: opts.body.name, changes: changes.length },
        },
      },
    );
    return id;
  });
}
