// Reads evaluation plans: the county's list, and one plan with its units, timetable and
// indicator tree (a liaison reads it too: they enter their unit's 自评 against it).
import type { EvaluationPlan, EvaluationPlanSummary } from '../../common/wire-evaluation.ts';
import { EVALUATION_TYPES } from '../../common/evaluation.ts';
import { findPlan, listPlans } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { planRecord } from './plan-record.ts';

export async function getEvaluationPlan(
  db: Executor,
  opts: { principal: Principal; planId: number },
): Promise<EvaluationPlan> {
  const row = await findPlan(db, opts.planId);
  if (!row) throw notFound('评估方案');
  await authorize(db, opts.principal, 'evaluation.read', { region: row.regionCode, evaluationPlan: row.id });
  return planRecord(db, row);
}

export async function listEvaluationPlans(
  db: Executor,
  opts: { principal: Principal; regionCode: string },
): Promise<EvaluationPlanSummary[]> {
  await authorize(db, opts.principal, 'evaluation.read', { region: opts.regionCode });
  const rows = await listPlans(db, opts.regionCode);
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.regionCode,
    year: r.year,
    type: EVALUATION_TYPES.find((t) => t === r.type) ?? 'execution',
    title: r.title,
    units: r.unitCount,
  }));
}
