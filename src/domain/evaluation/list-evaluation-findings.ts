// A plan's findings and rectification list (问题清单 / 整改清单), with whether each item is
// overdue today. The office and the county's readers read the whole plan or one unit; an
// evaluated unit's liaison names their own unit and reads only its items.
import type { EvaluationFinding } from '../../common/wire-evaluation-findings.ts';
import { todayInChina } from '../../context.ts';
import { listFindings } from '../../db/repositories/evaluation-findings.ts';
import { findPlan } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { findingRecords } from './finding-record.ts';

export async function listEvaluationFindings(
  db: Executor,
  opts: { principal: Principal; planId: number; unitId?: number; today?: string },
): Promise<EvaluationFinding[]> {
  const plan = await findPlan(db, opts.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(db, opts.principal, 'evaluation.findingsRead', {
    region: plan.regionCode,
    units: opts.unitId === undefined ? [] : [opts.unitId],
  });
  const rows = await listFindings(db, plan.id, opts.unitId);
  return findingRecords(db, plan, rows, opts.today ?? todayInChina());
}
