// The final scores and ranking of a plan. Without stage weights, for each leaf of each unit the
// 交叉互评 score when an evaluator gave one, else the 实地评估 score, else the ledger's measurement
// for a computed indicator, else the 自评; with weights, the weighted mean of the stages' totals
// (stage-rules.ts). rules.ts adds them up, applies vetoes and grades, and ranks the fully scored
// units. Units with indicators still unscored are listed with what is missing, not ranked.
import { EVALUATION_STAGE_LABELS, type ScoreSource } from '../../common/evaluation.ts';
import type {
  ComputedIndicator,
  EvaluationResult,
  FinalUnit,
  MeasurementInput,
} from '../../common/wire-evaluation.ts';
import { todayInChina } from '../../context.ts';
import { findPlan, listScores, planUnitIds, type PlanRow } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import { regionWithin } from '../../common/region-code.ts';
import type { Principal } from '../accounts/policies.ts';
import { measurePlan } from './measure-indicators.ts';
import { parseIndicators, parseStageWeights } from './plan-record.ts';
import { checkedSystem, leavesOf, parseMeasurement, withoutPersonalNames } from './plan-rules.ts';
import { rankUnits } from './rules.ts';
import { combineStages, stageView, type CombinedResult } from './stage-rules.ts';

const withStages = (stages: FinalUnit['stages'] | null): Pick<FinalUnit, 'stages'> =>
  stages ? { stages } : {};

/** The result of a plan (no authorization: the callers check). */
export async function evaluationResult(
  db: Executor,
  plan: PlanRow,
  today: string = todayInChina(),
): Promise<EvaluationResult> {
  const system = checkedSystem(parseIndicators(plan.indicators));
  const leaves = leavesOf(system.indicators);
  const unitIds = await planUnitIds(db, plan.id);
  const names = await unitNamesAsOf(db, unitIds, plan.periodTo < today ? plan.periodTo : today);
  const scores = await listScores(db, plan.id);
  const { computed } = await measurePlan(db, plan, today);
  const computedOf = new Map<string, ComputedIndicator>(computed.map((c) => [`${c.unitId}|${c.code}`, c]));
  const stored = new Map(scores.map((s) => [`${s.unitId}|${s.stage}|${s.code}`, s]));

  const weights = parseStageWeights(plan.stageWeights);
  const leafNames = new Map(leaves.map((l) => [l.code, l.name]));
  const results: CombinedResult[] = [];
  const incomplete: EvaluationResult['incomplete'] = [];
  const nameOf = (id: number) => names.get(id)?.name ?? `机构 ${id}`;
  for (const unitId of unitIds) {
    const held = (source: ScoreSource, code: string): MeasurementInput | undefined => {
      if (source === 'computed') return computedOf.get(`${unitId}|${code}`)?.measurement;
      const s = stored.get(`${unitId}|${source}|${code}`);
      return s && parseMeasurement(s.measurement);
    };
    const codes = leaves.map((l) => l.code);
    const views = {
      self: stageView('self', codes, held),
      onsite: stageView('onsite', codes, held),
      cross: stageView('cross', codes, held),
    };
    const answer = combineStages(system, unitId, weights, views);
    if ('missing' in answer) {
      incomplete.push({
        unitId,
        unitName: nameOf(unitId),
        missing: answer.missing.map(
          (m) =>
            `${m.code} ${leafNames.get(m.code) ?? ''}${m.stage === null ? '' : `（${EVALUATION_STAGE_LABELS[m.stage]}）`}`,
        ),
      });
      continue;
    }
    results.push(answer.combined);
  }
  const byUnit = new Map(results.map((r) => [r.result.unitId, r]));
  const ranking: FinalUnit[] = rankUnits(results.map((r) => r.result)).map((r) => ({
    unitId: r.unitId,
    unitName: nameOf(r.unitId),
    rank: r.rank,
    total: r.total,
    totalPoints: r.totalPoints,
    grade: r.grade,
    vetoes: r.vetoes,
    branches: r.branches,
    leaves: r.leaves.map((l) => ({ ...l, source: byUnit.get(r.unitId)?.sources.get(l.code) ?? 'self' })),
    ...withStages(byUnit.get(r.unitId)?.stages ?? null),
  }));
  return { planId: plan.id, title: plan.title, stageWeights: weights, ranking, incomplete, computed };
}

/** The final scores and ranking of a plan, for the county's readers. */
export async function computeEvaluationResult(
  db: Executor,
  opts: { principal: Principal; planId: number; today?: string },
): Promise<EvaluationResult> {
  const plan = await findPlan(db, opts.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(db, opts.principal, 'evaluation.results', {
    region: plan.regionCode,
    wholeRegion: true,
    evaluationPlan: plan.id,
  });
  const result = await evaluationResult(db, plan, opts.today);
  // An evaluator of another county (交叉互评) reads the figures, not the staff behind them.
  return regionWithin(plan.regionCode, opts.principal.regionCode)
    ? result
    : { ...result, computed: withoutPersonalNames(result.computed) };
}
