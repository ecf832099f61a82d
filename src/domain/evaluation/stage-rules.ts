// How the stages make the final score (pure). Each stage has a view of a unit's measurements:
// its own scores first, then what came before it — 自评: 测算 over 自评; 实地评估: 实地评估 over
// 测算 over 自评; 交叉互评: 交叉互评 over 实地评估 over 测算 over 自评 (a leaf a stage did not score
// keeps the score the stage before found). Without stage weights the final score is the latest
// view (交叉互评's, which is 实地评估's until an evaluator scores). With weights, every stage of a
// weight above 0 is scored in full on its view, and the final total (and each branch and leaf) is
// the weighted mean of those stages' totals, in hundredths, half up; a veto triggered in any
// weighted stage caps the grade. E.g. 自评 20, 实地评估 50, 交叉互评 30 with totals 95, 88, 90:
// (20×95 + 50×88 + 30×90) ÷ 100 = 90.
import type { EvaluationStage, Grade, ScoreSource } from '../../common/evaluation.ts';
import { EVALUATION_STAGES, GRADES } from '../../common/evaluation.ts';
import type { StageWeights } from '../../common/wire-evaluation.ts';
import {
  gradeOf,
  scoreUnit,
  type Indicator,
  type IndicatorSystem,
  type Measurement,
  type UnitResult,
} from './rules.ts';

/** The sources each stage's view reads, the most trusted first. */
export const STAGE_VIEWS: Record<EvaluationStage, readonly ScoreSource[]> = {
  self: ['computed', 'self'],
  onsite: ['onsite', 'computed', 'self'],
  cross: ['cross', 'onsite', 'computed', 'self'],
};

export interface StageView {
  measurements: Map<string, Measurement>;
  sources: Map<string, ScoreSource>;
  /** Leaf codes no source of the view has. */
  missing: string[];
}

/** A stage's view of one unit's leaves, from what each source holds. */
export function stageView(
  stage: EvaluationStage,
  leafCodes: readonly string[],
  held: (source: ScoreSource, code: string) => Measurement | undefined,
): StageView {
  const measurements = new Map<string, Measurement>();
  const sources = new Map<string, ScoreSource>();
  const missing: string[] = [];
  for (const code of leafCodes) {
    const source = STAGE_VIEWS[stage].find((s) => held(s, code) !== undefined);
    const m = source === undefined ? undefined : held(source, code);
    if (source === undefined || m === undefined) missing.push(code);
    else {
      measurements.set(code, m);
      sources.set(code, source);
    }
  }
  return { measurements, sources, missing };
}

/** The stages that count, with their weights: all weighted ones, or the latest alone. */
export function countedStages(weights: StageWeights | null): { stage: EvaluationStage; weight: number }[] {
  if (weights === null) return [{ stage: 'cross', weight: 1 }];
  return EVALUATION_STAGES.map((stage) => ({ stage, weight: weights[stage] })).filter((s) => s.weight > 0);
}

export interface CombinedResult {
  result: UnitResult;
  /** The source of each leaf in the last counted stage's view. */
  sources: Map<string, ScoreSource>;
  /** Each counted stage's own total (only with weights). */
  stages: { stage: EvaluationStage; weight: number; total: number }[] | null;
}

const hundredths = (x: number): number => Math.round(x * 100);
const worse = (a: Grade, b: Grade): Grade => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b);

function vetoCaps(indicators: readonly Indicator[], out = new Map<string, Grade>()): Map<string, Grade> {
  for (const i of indicators) {
    if (i.rule?.kind === 'veto') out.set(i.code, i.rule.cap);
    if (i.children) vetoCaps(i.children, out);
  }
  return out;
}

/**
 * One unit's final result from its views, or the leaf codes still missing (per stage when
 * weighted, `code（阶段）`) when a counted stage cannot be scored in full.
 */
export function combineStages(
  system: IndicatorSystem,
  unitId: number,
  weights: StageWeights | null,
  views: Record<EvaluationStage, StageView>,
): { combined: CombinedResult } | { missing: { code: string; stage: EvaluationStage | null }[] } {
  const counted = countedStages(weights);
  const missing = counted.flatMap(({ stage }) =>
    views[stage].missing.map((code) => ({ code, stage: weights === null ? null : stage })),
  );
  if (missing.length > 0) return { missing };
  const scored = counted.map((c) => ({
    ...c,
    result: scoreUnit(system, unitId, views[c.stage].measurements),
  }));
  const last = counted[counted.length - 1];
  const lastScored = scored[scored.length - 1];
  if (!last || !lastScored) throw new Error('各阶段权重之和应大于 0');
  if (weights === null)
    return { combined: { result: lastScored.result, sources: views[last.stage].sources, stages: null } };

  const weightSum = scored.reduce((s, x) => s + x.weight, 0);
  const mean = (pick: (r: UnitResult) => number): number =>
    Math.round(scored.reduce((s, x) => s + x.weight * hundredths(pick(x.result)), 0) / weightSum) / 100;
  const total = mean((r) => r.total);
  const branches: Record<string, number> = {};
  for (const code of Object.keys(lastScored.result.branches))
    branches[code] = mean((r) => r.branches[code] ?? 0);
  const leaves = lastScored.result.leaves.map((leaf, index) => ({
    ...leaf,
    score: mean((r) => r.leaves[index]?.score ?? 0),
    vetoed: scored.some((x) => x.result.leaves[index]?.vetoed === true),
  }));
  const caps = vetoCaps(system.indicators);
  const vetoes = leaves.filter((l) => l.vetoed && caps.has(l.code)).map((l) => l.code);
  let grade = gradeOf(total, lastScored.result.totalPoints, system.thresholds);
  for (const code of vetoes) grade = worse(grade, caps.get(code) ?? grade);
  return {
    combined: {
      result: { unitId, total, totalPoints: lastScored.result.totalPoints, grade, vetoes, leaves, branches },
      sources: views[last.stage].sources,
      stages: scored.map((x) => ({ stage: x.stage, weight: x.weight, total: x.result.total })),
    },
  };
}
