// Revises a recorded finding (编办): its unit, indicator, text, measure, deadline or responsible
// unit; the status and progress stay as reported. Audited with the values before and after.
import type { EvaluationFinding, FindingBody } from '../../common/wire-evaluation-findings.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { findFinding, updateFindingText } from '../../db/repositories/evaluation-findings.ts';
import { findPlan } from '../../db/repositories/evaluation.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { checkFindingTarget } from './add-evaluation-finding.ts';
import { findingRecords } from './finding-record.ts';

export async function reviseEvaluationFinding(
  ctx: AppContext,
  opts: { principal: Principal; findingId: number; body: FindingBody },
): Promise<EvaluationFinding> {
  const p = opts.principal;
  const before = await findFinding(ctx.db.kysely, opts.findingId);
  if (!before) throw notFound('问题');
  const plan = await findPlan(ctx.db.kysely, before.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(ctx.db.kysely, p, 'evaluation.findingsManage', {
    region: plan.regionCode,
    units: [before.unitId, opts.body.unitId],
  });
  const b = opts.body;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await checkFindingTarget(trx, plan, b);
    await updateFindingText(trx, before.id, { ...b, at: nowIso(), by: p.userId });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'evaluation.finding',
        entityType: 'evaluation_finding',
        entityId: before.id,
        regionCode: plan.regionCode,
        summary: `“${plan.title}”修改问题 ${before.id}：${b.finding.slice(0, 40)}`,
        payload: {
          before: {
            planId: plan.id,
            unitId: before.unitId,
            indicatorCode: before.indicatorCode,
            finding: before.finding,
            measure: before.measure,
            deadline: before.deadline,
            responsible: before.responsible,
          },
          after: { planId: plan.id, ...b },
        },
      },
    );
    const row = await findFinding(trx, before.id);
    if (!row) throw notFound('问题');
    const [record] = await findingRecords(trx, plan, [row], todayInChina());
    if (!record) throw notFound('问题');
    return record;
  });
}
