// The saved scores of one unit at one stage, so that the stage's form opens with what was
// entered: a liaison reads their own unit's 自评 only; the office any unit's 自评 and 实地评估.
// Later stages are read as 实地评估 is: by those who may score them.
import { stageScoresReadDenied, type EvaluationStage } from '../../common/evaluation.ts';
import type { StageScore } from '../../common/wire-evaluation.ts';
import { findPlan, listUnitStageScores, planUnitIds } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import { roleMay } from '../accounts/permissions.ts';
import type { Principal } from '../accounts/policies.ts';
import { parseMeasurement } from './plan-rules.ts';

export async function getStageScores(
  db: Executor,
  opts: { principal: Principal; planId: number; stage: EvaluationStage; unitId: number },
): Promise<StageScore[]> {
  const plan = await findPlan(db, opts.planId);
  if (!plan) throw notFound('评估方案');
  const target = { region: plan.regionCode, units: [opts.unitId] };
  await authorize(db, opts.principal, 'evaluation.scoresRead', target);
  if (opts.stage !== 'self') {
    // Refused by role with the stage asked for named (the table's wording names 实地评估 only).
    if (!roleMay(opts.principal.role, 'evaluation.onsiteScore'))
      throw forbidden(stageScoresReadDenied(opts.stage));
    await authorize(db, opts.principal, 'evaluation.onsiteScore', target);
  }
  if (!(await planUnitIds(db, plan.id)).includes(opts.unitId))
    throw invalid('该单位不在本方案的被评估单位之中');
  const rows = await listUnitStageScores(db, { planId: plan.id, unitId: opts.unitId, stage: opts.stage });
  return rows.map((r) => ({
    unitId: r.unitId,
    stage: opts.stage,
    code: r.code,
    measurement: parseMeasurement(r.measurement),
    score: r.score,
    evidence: r.evidence,
    scoredAt: r.scoredAt,
  }));
}
