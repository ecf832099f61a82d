// Reports progress on a rectification item: 未整改 / 整改中 / 已整改 (with the date done) and a
// note. The evaluated unit's liaison reports on their own unit's items, the office on any of
// its county. Audited with the status before and after.
import {
  FINDING_STATUS_LABELS,
  type EvaluationFinding,
  type FindingProgressBody,
} from '../../common/wire-evaluation-findings.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { findFinding, updateFindingProgress } from '../../db/repositories/evaluation-findings.ts';
import { findPlan } from '../../db/repositories/evaluation.ts';
import { invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { findingRecords } from './finding-record.ts';
import { progressProblem } from './finding-rules.ts';

export async function reportFindingProgress(
  ctx: AppContext,
  opts: { principal: Principal; findingId: number; body: FindingProgressBody; today?: string },
): Promise<EvaluationFinding> {
  const p = opts.principal;
  const today = opts.today ?? todayInChina();
  const before = await findFinding(ctx.db.kysely, opts.findingId);
  if (!before) throw notFound('问题');
  const plan = await findPlan(ctx.db.kysely, before.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(ctx.db.kysely, p, 'evaluation.findingsProgress', {
    region: plan.regionCode,
    units: [before.unitId],
  });
  const b = opts.body;
  const problem = progressProblem(b, today);
  if (problem) throw invalid(problem);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await updateFindingProgress(trx, before.id, { ...b, at: nowIso(), by: p.userId });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'evaluation.finding_progress',
        entityType: 'evaluation_finding',
        entityId: before.id,
        regionCode: plan.regionCode,
        summary: `“${plan.title}”问题 ${before.id} 整改进展：${FINDING_STATUS_LABELS[b.status]}`,
        payload: {
          before: { status: before.status, progress: before.progress, doneOn: before.doneOn },
          after: { status: b.status, progress: b.progress, doneOn: b.doneOn },
        },
      },
    );
    const row = await findFinding(trx, before.id);
    if (!row) throw notFound('问题');
    const [record] = await findingRecords(trx, plan, [row], today);
    if (!record) throw notFound('问题');
    return record;
  });
}
