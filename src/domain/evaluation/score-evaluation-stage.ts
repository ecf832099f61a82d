// Enters scores at a stage: 自评 by the evaluated unit (its liaison, or the office for it),
// 实地评估 by the county team, and 交叉互评 by an evaluator of another county whose grant covers
// the plan (authorize() finds it; the audit event names it), each only within the stage's dates
// and only for the plan's units. Each indicator's score is computed by its rule (rules.ts) from what was measured; a
// manual deduction needs its evidence. Audited with the scores before and after.
import { EVALUATION_STAGE_LABELS } from '../../common/evaluation.ts';
import type { StageScore, StageScoresBody } from '../../common/wire-evaluation.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { findPlan, planUnitIds, upsertScore, type PlanRow } from '../../db/repositories/evaluation.ts';
import { unrevokedGrant } from '../../db/repositories/evaluation-grants.ts';
import { invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Action } from '../accounts/permissions.ts';
import type { Principal } from '../accounts/policies.ts';
import { parseIndicators } from './plan-record.ts';
import { checkStageOpen, leavesOf } from './plan-rules.ts';
import { scoreIndicator } from './rules.ts';

const STAGE_ACTIONS: Record<StageScoresBody['stage'], Action> = {
  self: 'evaluation.selfScore',
  onsite: 'evaluation.onsiteScore',
  cross: 'evaluation.crossScore',
};

function windowOf(plan: PlanRow, stage: StageScoresBody['stage']): { from: string; to: string } {
  if (stage === 'self') return { from: plan.selfFrom, to: plan.selfTo };
  if (stage === 'onsite') return { from: plan.onsiteFrom, to: plan.onsiteTo };
  if (plan.crossFrom === null || plan.crossTo === null) throw invalid('本方案未安排交叉互评阶段');
  return { from: plan.crossFrom, to: plan.crossTo };
}

export async function scoreEvaluationStage(
  ctx: AppContext,
  opts: { principal: Principal; planId: number; body: StageScoresBody; today?: string },
): Promise<StageScore[]> {
  const p = opts.principal;
  const { stage, unitId, scores } = opts.body;
  const plan = await findPlan(ctx.db.kysely, opts.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(ctx.db.kysely, p, STAGE_ACTIONS[stage], {
    region: plan.regionCode,
    units: [unitId],
    evaluationPlan: plan.id,
  });
  checkStageOpen(stage, windowOf(plan, stage), opts.today ?? todayInChina());
  const leaves = new Map(leavesOf(parseIndicators(plan.indicators).indicators).map((l) => [l.code, l]));
  const codes = new Set<string>();
  const scored = scores.map(({ code, measurement }) => {
    const leaf = leaves.get(code);
    if (!leaf) throw invalid(`指标 ${code} 不是本方案的末级指标`);
    if (codes.has(code)) throw invalid(`指标 ${code} 重复评分`);
    codes.add(code);
    const s = scoreIndicator(leaf, measurement);
    return { code, measurement, score: s.score, evidence: s.explanation };
  });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await planUnitIds(trx, plan.id)).includes(unitId))
      throw invalid('该单位不在本方案的被评估单位之中');
    // The grant the 交叉互评 score was given under (authorize() found it in force).
    const grant = stage === 'cross' ? await unrevokedGrant(trx, plan.id, p.userId) : undefined;
    if (stage === 'cross' && !grant) throw invalid('交叉互评授权已撤销');
    const at = nowIso();
    const before: { code: string; score: number; evidence: string }[] = [];
    for (const s of scored) {
      const old = await upsertScore(trx, {
        planId: plan.id,
        regionCode: plan.regionCode,
        unitId,
        stage,
        code: s.code,
        measurement: JSON.stringify(s.measurement),
        score: s.score,
        evidence: s.evidence,
        scoredAt: at,
        by: p.userId,
      });
      if (old) before.push({ code: old.code, score: old.score, evidence: old.evidence });
    }
    const after = scored.map((s) => ({ code: s.code, score: s.score, evidence: s.evidence }));
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'evaluation.score',
        entityType: 'evaluation_plan',
        entityId: plan.id,
        regionCode: plan.regionCode,
        summary:
          `${EVALUATION_STAGE_LABELS[stage]}：“${plan.title}”单位 ${unitId} 评分 ${scored.length} 项` +
          (grant ? `（${p.regionCode} 用户 ${p.username}，交叉互评授权 ${grant.id}）` : ''),
        payload: {
          before: before.length === 0 ? null : { stage, unitId, scores: before },
          after: { stage, unitId, scores: after, ...(grant ? { grantId: grant.id } : {}) },
        },
      },
    );
    return scored.map((s) => ({ unitId, stage, ...s, scoredAt: at }));
  });
}
