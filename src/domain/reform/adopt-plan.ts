// Adopting a plan: one action files its changes as one matter (动议) linked back to the plan,
// in one transaction. Nothing reaches the ledger here: the matter goes through 论证, 审议决定
// and 组织实施 like any other.
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { insertMatter, insertStep } from '../../db/repositories/matters.ts';
import { getProject, linkPlanMatter, markPlanAdopted } from '../../db/repositories/reform.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorizeChanges } from '../matters/matter-access.ts';
import { prepareChanges } from '../matters/propose-matter.ts';
import { parseChanges } from '../matters/snapshot.ts';
import { checkPlanChanges, loadPlan } from './save-plan.ts';

export async function adoptPlan(
  ctx: AppContext,
  opts: { principal: Principal; planId: number; reasons: string },
): Promise<{ matterIds: number[] }> {
  const p = opts.principal;
  const plan = await loadPlan(ctx.db.kysely, p, opts.planId, 'reform.adopt');
  const project = await getProject(ctx.db.kysely, plan.projectId);
  if (!project) throw notFound('改革项目');
  const changes = parseChanges(plan.changes);
  checkPlanChanges(changes);
  await authorizeChanges(ctx, ctx.db.kysely, p, 'matter.propose', { changes, regionCode: plan.regionCode });
  const prepared = prepareChanges(ctx, changes);
  const title = `${plan.name}（机构改革：${project.name}）`;
  const reasons = opts.reasons.trim() || `根据机构改革项目《${project.name}》方案《${plan.name}》提出`;
  const at = nowIso();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await markPlanAdopted(trx, plan.id, at, p.userId))) throw new AppError('CONFLICT', '该方案已采纳');
    const matterId = await insertMatter(trx, {
      regionCode: plan.regionCode,
      title,
      reasons,
      changes: JSON.stringify(prepared),
      proposerId: p.userId,
      proposerUnitId: p.unitId,
      at,
    });
    await insertStep(trx, {
      matterId,
      action: 'propose',
      fromState: null,
      toState: 'proposed',
      actorId: p.userId,
      actorName: p.displayName,
      at,
      comment: reasons,
      ruleResults: null,
    });
    await linkPlanMatter(trx, { regionCode: plan.regionCode, planId: plan.id, matterId });
    const actor = { id: p.userId, name: p.username };
    await ctx.audit.record(trx, actor, {
      action: 'matter.step',
      entityType: 'matter',
      entityId: matterId,
      regionCode: plan.regionCode,
      summary: `提出动议：事项 ${matterId}《${title}》（由改革方案 ${plan.id} 采纳）`,
      payload: { before: null, after: { state: 'proposed', action: 'propose', comment: reasons } },
    });
    await ctx.audit.record(trx, actor, {
      action: 'reform.plan_adopt',
      entityType: 'reform_plan',
      entityId: plan.id,
      regionCode: plan.regionCode,
      summary: `采纳改革方案 ${plan.id}《${plan.name}》，提出事项 ${matterId}`,
      payload: { before: null, after: { projectId: plan.projectId, matterIds: [matterId] } },
    });
    return { matterIds: [matterId] };
  });
}
