// Records a finding of an evaluation for one evaluated unit, with its rectification measure,
// deadline and responsible unit (编办). It starts 未整改. The unit must be one of the plan's and
// the indicator, when named, one of the plan's system. Audited in the same transaction.
import type { EvaluationFinding, FindingBody } from '../../common/wire-evaluation-findings.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { findFinding, insertFinding } from '../../db/repositories/evaluation-findings.ts';
import { findPlan, planUnitIds, type PlanRow } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { findingRecords } from './finding-record.ts';
import { indicatorNames } from './finding-rules.ts';
import { parseIndicators } from './plan-record.ts';

/** Refuses a finding whose unit is not evaluated under the plan or whose indicator is not the plan's. */
export async function checkFindingTarget(db: Executor, plan: PlanRow, body: FindingBody): Promise<void> {
  if (!(await planUnitIds(db, plan.id)).includes(body.unitId))
    throw invalid('该单位不在本方案的被评估单位之中');
  if (
    body.indicatorCode !== null &&
    !indicatorNames(parseIndicators(plan.indicators).indicators).has(body.indicatorCode)
  )
    throw invalid(`指标 ${body.indicatorCode} 不是本方案的指标`);
}

export async function addEvaluationFinding(
  ctx: AppContext,
  opts: { principal: Principal; planId: number; body: FindingBody },
): Promise<EvaluationFinding> {
  const p = opts.principal;
  const plan = await findPlan(ctx.db.kysely, opts.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(ctx.db.kysely, p, 'evaluation.findingsManage', {
    region: plan.regionCode,
    units: [opts.body.unitId],
  });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await checkFindingTarget(trx, plan, opts.body);
    const b = opts.body;
    const id = await insertFinding(trx, {
      regionCode: plan.regionCode,
      planId: plan.id,
      unitId: b.unitId,
      indicatorCode: b.indicatorCode,
      finding: b.finding,
      measure: b.measure,
      deadline: b.deadline,
      responsible: b.responsible,
      status: 'open',
      progress: '',
      doneOn: null,
      at: nowIso(),
      by: p.userId,
    });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'evaluation.finding',
        entityType: 'evaluation_finding',
        entityId: id,
        regionCode: plan.regionCode,
        summary: `“${plan.title}”单位 ${b.unitId} 登记问题：${b.finding.slice(0, 40)}，整改时限 ${b.deadline}`,
        payload: { before: null, after: { planId: plan.id, ...b } },
      },
    );
    const row = await findFinding(trx, id);
    if (!row) throw notFound('问题');
    const [record] = await findingRecords(trx, plan, [row], todayInChina());
    if (!record) throw notFound('问题');
    return record;
  });
}
