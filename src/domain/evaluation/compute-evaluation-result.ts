// The final scores and ranking of a plan: for each leaf of each unit the 实地评估 score when the
// county team gave one, else the ledger's measurement for a computed indicator, else the 自评;
// rules.ts adds them up, applies vetoes and grades, and ranks the fully scored units. Units with
// indicators still unscored are listed with what is missing, not ranked.
import type {
  ComputedIndicator,
  EvaluationResult,
  FinalLeaf,
  FinalUnit,
  MeasurementInput,
} from '../../common/wire-evaluation.ts';
import { todayInChina } from '../../context.ts';
import { findPlan, listScores, planUnitIds, type PlanRow } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { measurePlan } from './measure-indicators.ts';
import { parseIndicators } from './plan-record.ts';
import { checkedSystem, leavesOf, parseMeasurement } from './plan-rules.ts';
import { rankUnits, scoreUnit, type UnitResult } from './rules.ts';

type Source = FinalLeaf['source'];

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

  const results: { result: UnitResult; sources: Map<string, Source> }[] = [];
  const incomplete: EvaluationResult['incomplete'] = [];
  const nameOf = (id: number) => names.get(id)?.name ?? `机构 ${id}`;
  for (const unitId of unitIds) {
    const measurements = new Map<string, MeasurementInput>();
    const sources = new Map<string, Source>();
    const missing: string[] = [];
    for (const leaf of leaves) {
      const onsite = stored.get(`${unitId}|onsite|${leaf.code}`);
      const auto = computedOf.get(`${unitId}|${leaf.code}`);
      const self = stored.get(`${unitId}|self|${leaf.code}`);
      if (onsite) {
        measurements.set(leaf.code, parseMeasurement(onsite.measurement));
        sources.set(leaf.code, 'onsite');
      } else if (auto) {
        measurements.set(leaf.code, auto.measurement);
        sources.set(leaf.code, 'computed');
      } else if (self) {
        measurements.set(leaf.code, parseMeasurement(self.measurement));
        sources.set(leaf.code, 'self');
      } else {
        missing.push(`${leaf.code} ${leaf.name}`);
      }
    }
    if (missing.length > 0) {
      incomplete.push({ unitId, unitName: nameOf(unitId), missing });
      continue;
    }
    results.push({ result: scoreUnit(system, unitId, measurements), sources });
  }
  const sourcesOf = new Map(results.map((r) => [r.result.unitId, r.sources]));
  const ranking: FinalUnit[] = rankUnits(results.map((r) => r.result)).map((r) => ({
    unitId: r.unitId,
    unitName: nameOf(r.unitId),
    rank: r.rank,
    total: r.total,
    totalPoints: r.totalPoints,
    grade: r.grade,
    vetoes: r.vetoes,
    branches: r.branches,
    leaves: r.leaves.map((l) => ({ ...l, source: sourcesOf.get(r.unitId)?.get(l.code) ?? 'self' })),
  }));
  return { planId: plan.id, title: plan.title, ranking, incomplete, computed };
}

/** The final scores and ranking of a plan, for the county's readers. */
export async function computeEvaluationResult(
  db: Executor,
  opts: { principal: Principal; planId: number; today?: string },
): Promise<EvaluationResult> {
  const plan = await findPlan(db, opts.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(db, opts.principal, 'evaluation.results', { region: plan.regionCode, wholeRegion: true });
  return evaluationResult(db, plan, opts.today);
}
