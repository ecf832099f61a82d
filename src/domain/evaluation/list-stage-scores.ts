// The scores given at each stage (自评, 实地评估, 交叉互评) to a plan's units, or to one of them:
// what the county team and a 交叉互评 evaluator read before scoring. Only the plan's current units
// (a unit taken out of the plan keeps its scores, unread).
import type { EvaluationStage } from '../../common/evaluation.ts';
import { EVALUATION_STAGES } from '../../common/evaluation.ts';
import type { StageScore } from '../../common/wire-evaluation.ts';
import { findPlan, listScores, planUnitIds } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { parseMeasurement } from './plan-rules.ts';

const stageOf = (v: string): EvaluationStage | undefined => EVALUATION_STAGES.find((s) => s === v);

export async function listStageScores(
  db: Executor,
  opts: { principal: Principal; planId: number; unitId?: number | undefined },
): Promise<StageScore[]> {
  const plan = await findPlan(db, opts.planId);
  if (!plan) throw notFound('评估方案');
  const one = opts.unitId;
  await authorize(db, opts.principal, 'evaluation.results', {
    region: plan.regionCode,
    evaluationPlan: plan.id,
    ...(one === undefined ? { wholeRegion: true } : { units: [one] }),
  });
  const units = new Set(await planUnitIds(db, plan.id));
  if (one !== undefined && !units.has(one)) throw invalid('该单位不在本方案的被评估单位之中');
  const out: StageScore[] = [];
  for (const s of await listScores(db, plan.id)) {
    const stage = stageOf(s.stage);
    if (!stage || !units.has(s.unitId) || (one !== undefined && s.unitId !== one)) continue;
    out.push({
      unitId: s.unitId,
      stage,
      code: s.code,
      measurement: parseMeasurement(s.measurement),
      score: s.score,
      evidence: s.evidence,
      scoredAt: s.scoredAt,
    });
  }
  return out;
}
