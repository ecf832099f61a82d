// Creates or revises an evaluation plan (编办): type, year, units evaluated, leading group,
// timetable and indicator system (the default 共性 template when none is given). Audited with
// the values before and after, in the same transaction.
import { EVALUATION_TYPE_LABELS } from '../../common/evaluation.ts';
import type { EvaluationPlan, PlanInput } from '../../common/wire-evaluation.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { findPlan, insertPlan, setPlanUnits, updatePlan } from '../../db/repositories/evaluation.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { notFound, invalid } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { parseIndicators, parseStageWeights, planRecord } from './plan-record.ts';
import { checkedSystem, defaultIndicators } from './plan-rules.ts';

function checkDates(p: PlanInput): void {
  const pairs: [string, string, string][] = [
    ['测算期间', p.periodFrom, p.periodTo],
    ['自评阶段', p.selfFrom, p.selfTo],
    ['实地评估阶段', p.onsiteFrom, p.onsiteTo],
  ];
  if ((p.crossFrom === null) !== (p.crossTo === null)) throw invalid('交叉互评阶段应同时填写起止日期');
  if (p.crossFrom !== null && p.crossTo !== null) pairs.push(['交叉互评阶段', p.crossFrom, p.crossTo]);
  for (const [label, from, to] of pairs) if (from > to) throw invalid(`${label}的开始日期晚于结束日期`);
  if (p.selfTo > p.onsiteFrom) throw invalid('实地评估应在自评结束后开始');
  if (p.crossFrom !== null && p.crossFrom < p.onsiteTo) throw invalid('交叉互评应在实地评估结束后开始');
  if (p.crossFrom === null && (p.stageWeights?.cross ?? 0) > 0)
    throw invalid('未安排交叉互评阶段时，交叉互评的权重应为 0');
}

export async function saveEvaluationPlan(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; planId?: number; plan: PlanInput },
): Promise<EvaluationPlan> {
  const p = opts.principal;
  const { unitIds: rawUnits, indicators, stageWeights, ...fields } = opts.plan;
  const unitIds = [...new Set(rawUnits)].sort((a, b) => a - b);
  await authorize(ctx.db.kysely, p, 'evaluation.manage', {
    region: opts.regionCode,
    units: unitIds,
    wholeRegion: true,
  });
  checkDates(opts.plan);
  const system = checkedSystem(indicators ?? defaultIndicators());
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await findRegion(trx, opts.regionCode))) throw notFound(`行政区划 ${opts.regionCode} `);
    const before = opts.planId === undefined ? undefined : await findPlan(trx, opts.planId);
    if (opts.planId !== undefined && (!before || before.regionCode !== opts.regionCode))
      throw notFound('评估方案');
    const values = {
      ...fields,
      regionCode: opts.regionCode,
      indicators: JSON.stringify(system),
      stageWeights: stageWeights ? JSON.stringify(stageWeights) : null,
    };
    const at = nowIso();
    let id: number;
    if (before) {
      id = before.id;
      await updatePlan(trx, id, { ...values, at, by: p.userId });
    } else {
      id = await insertPlan(trx, { ...values, at, by: p.userId });
    }
    await setPlanUnits(trx, id, opts.regionCode, unitIds);
    const saved = await findPlan(trx, id);
    if (!saved) throw notFound('评估方案');
    const record = await planRecord(trx, saved);
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'evaluation.plan',
        entityType: 'evaluation_plan',
        entityId: id,
        regionCode: opts.regionCode,
        summary: `${before ? '修改' : '制定'}${fields.year}年${EVALUATION_TYPE_LABELS[fields.type]}方案“${fields.title}”，被评估单位 ${unitIds.length} 个`,
        payload: {
          before: before
            ? {
                ...before,
                indicators: parseIndicators(before.indicators),
                stageWeights: parseStageWeights(before.stageWeights),
              }
            : null,
          after: { ...values, indicators: system, stageWeights: stageWeights ?? null, unitIds },
        },
      },
    );
    return record;
  });
}
