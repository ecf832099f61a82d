// Names a user of another county 交叉互评 evaluator of a plan (the evaluated county's office).
// The grant lets them read the plan, its units, measures and scores, and score the units in the
// 交叉互评 stage, until the stage's last day (authorize() checks it on every request against the
// date: no job ends it) or until revoked. Recorded in the audit chain with who, of which county,
// which units and until when.
import type { CrossEvaluator } from '../../common/wire-evaluation.ts';
import { ROLE_LABELS } from '../../common/labels.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { findUser } from '../../db/repositories/accounts.ts';
import { findPlan, planUnitIds } from '../../db/repositories/evaluation.ts';
import { insertCrossGrant, unrevokedGrant } from '../../db/repositories/evaluation-grants.ts';
import { invalid, notFound } from '../../errors.ts';
import type { UserRow } from '../../db/repositories/accounts.ts';
import { authorize } from '../accounts/authorize.ts';
import { CROSS_EVALUATOR_ROLES } from '../accounts/permissions.ts';
import type { Principal } from '../accounts/policies.ts';
import { regionWithin } from '../../common/region-code.ts';
import { crossEvaluatorOf } from './list-cross-evaluators.ts';

const CROSS_EVALUATOR_REFUSED =
  `不能授权该用户：交叉互评人员应为其他县（市、区）未停用的` +
  `${CROSS_EVALUATOR_ROLES.map((r) => ROLE_LABELS[r]).join('、')}账号，不能是被评估县或其上级的用户`;

/** Whether the user may be named evaluator of a plan of the county: an enabled evaluator role, of another county. */
function mayEvaluateAcross(user: UserRow, planRegion: string): boolean {
  // Another county: not the evaluated county, nor a region above it that reads it anyway.
  return (
    (CROSS_EVALUATOR_ROLES as readonly string[]).includes(user.role) &&
    !regionWithin(planRegion, user.region_code) &&
    user.disabled === 0
  );
}

export async function grantCrossEvaluator(
  ctx: AppContext,
  opts: { principal: Principal; planId: number; userId: number; today?: string },
): Promise<CrossEvaluator> {
  const p = opts.principal;
  const today = opts.today ?? todayInChina();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, opts.planId);
    if (!plan) throw notFound('评估方案');
    await authorize(trx, p, 'evaluation.manage', { region: plan.regionCode, wholeRegion: true });
    if (plan.crossFrom === null || plan.crossTo === null)
      throw invalid('本方案未安排交叉互评阶段，请先在方案中填写交叉互评的起止日期');
    if (today > plan.crossTo) throw invalid(`交叉互评阶段已于 ${plan.crossTo} 结束，不能再授权`);
    // One refusal for a user id that does not exist and for a user who may not be granted: the
    // answer never tells the office whether an id of another county exists.
    const user = await findUser(trx, opts.userId);
    if (!user || !mayEvaluateAcross(user, plan.regionCode)) throw invalid(CROSS_EVALUATOR_REFUSED);
    if (await unrevokedGrant(trx, plan.id, user.id))
      throw invalid(`用户 ${user.username} 已是本方案的交叉互评人员`);
    const at = nowIso();
    const grantId = await insertCrossGrant(trx, {
      regionCode: plan.regionCode,
      planId: plan.id,
      evaluatorId: user.id,
      evaluatorRegion: user.region_code,
      at,
      by: p.userId,
    });
    const unitIds = await planUnitIds(trx, plan.id);
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'evaluation.cross_grant',
        entityType: 'evaluation_plan',
        entityId: plan.id,
        regionCode: plan.regionCode,
        summary:
          `授权 ${user.region_code} 用户 ${user.username}（${user.display_name}）为“${plan.title}”的交叉互评人员：` +
          `只读查看被评估单位 ${unitIds.length} 个，${plan.crossFrom} 至 ${plan.crossTo} 交叉互评打分，${plan.crossTo} 后自动失效`,
        payload: {
          before: null,
          after: {
            grantId,
            evaluatorId: user.id,
            username: user.username,
            evaluatorRegion: user.region_code,
            planId: plan.id,
            unitIds,
            validFrom: at.slice(0, 10),
            validUntil: plan.crossTo,
          },
        },
      },
    );
    return crossEvaluatorOf(
      {
        id: grantId,
        planId: plan.id,
        regionCode: plan.regionCode,
        evaluatorId: user.id,
        evaluatorRegion: user.region_code,
        grantedAt: at,
        revokedAt: null,
        crossFrom: plan.crossFrom,
        crossTo: plan.crossTo,
        username: user.username,
        displayName: user.display_name,
      },
      today,
    );
  });
}
