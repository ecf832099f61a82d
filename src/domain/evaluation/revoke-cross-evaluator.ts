// Ends a 交叉互评 evaluator's grant before the stage does (the evaluated county's office): from
// the next request on they read and score nothing of the county. Audited with the grant revoked.
import type { CrossEvaluator } from '../../common/wire-evaluation.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { findUser } from '../../db/repositories/accounts.ts';
import { findPlan, planUnitIds } from '../../db/repositories/evaluation.ts';
import { revokeCrossGrant, unrevokedGrant } from '../../db/repositories/evaluation-grants.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { crossEvaluatorOf } from './list-cross-evaluators.ts';

export async function revokeCrossEvaluator(
  ctx: AppContext,
  opts: { principal: Principal; planId: number; userId: number; today?: string },
): Promise<CrossEvaluator> {
  const p = opts.principal;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, opts.planId);
    if (!plan) throw notFound('评估方案');
    await authorize(trx, p, 'evaluation.manage', { region: plan.regionCode, wholeRegion: true });
    const grant = await unrevokedGrant(trx, plan.id, opts.userId);
    const user = await findUser(trx, opts.userId);
    if (!grant || !user) throw notFound('交叉互评授权');
    const at = nowIso();
    await revokeCrossGrant(trx, grant.id, at, p.userId);
    const payload = {
      grantId: grant.id,
      evaluatorId: user.id,
      username: user.username,
      evaluatorRegion: grant.evaluatorRegion,
      planId: plan.id,
      unitIds: await planUnitIds(trx, plan.id),
      validFrom: grant.grantedAt.slice(0, 10),
      validUntil: grant.crossTo,
    };
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'evaluation.cross_revoke',
        entityType: 'evaluation_plan',
        entityId: plan.id,
        regionCode: plan.regionCode,
        summary: `撤销 ${grant.evaluatorRegion} 用户 ${user.username} 对“${plan.title}”的交叉互评授权`,
        payload: { before: payload, after: { ...payload, revokedAt: at } },
      },
    );
    return crossEvaluatorOf(
      { ...grant, revokedAt: at, username: user.username, displayName: user.display_name },
      opts.today ?? todayInChina(),
    );
  });
}
