// 评估问效: plans with their indicator trees, the measured indicators, 自评 and 实地评估 scores,
// and the final ranking. Types only from src/common/wire-evaluation.ts (it imports zod at run time).
import type {
  ComputedIndicator,
  CreatePlanBody,
  CrossEvaluator,
  CrossGrantSummary,
  EvaluationPlan,
  EvaluationPlanSummary,
  EvaluationResult,
  StageScore,
  UnitScoresBody,
} from '../../../src/common/wire-evaluation.ts';
import { buildQuery, request } from './client.ts';

export type {
  ComputedIndicator,
  CreatePlanBody,
  EvaluationPlan,
  EvaluationPlanSummary,
  EvaluationResult,
  FinalLeaf,
  FinalUnit,
  IndicatorSystemInput,
  MeasureRow,
  MeasurementInput,
  PlanIndicator,
  ScoringRuleInput,
  StageScore,
  UnitScoresBody,
} from '../../../src/common/wire-evaluation.ts';

export interface PlanMeasures {
  computed: ComputedIndicator[];
  /** Why an indicator was not measured (e.g. no 中小学编制标准 for the year). */
  notes: string[];
}

export function listEvaluationPlans(region: string): Promise<EvaluationPlanSummary[]> {
  return request<EvaluationPlanSummary[]>(`/api/evaluation/plans${buildQuery({ region })}`);
}

export function getEvaluationPlan(id: number): Promise<EvaluationPlan> {
  return request<EvaluationPlan>(`/api/evaluation/plans/${String(id)}`);
}

export function createEvaluationPlan(body: CreatePlanBody): Promise<EvaluationPlan> {
  return request<EvaluationPlan>('/api/evaluation/plans', { method: 'POST', body });
}

export function reviseEvaluationPlan(id: number, body: CreatePlanBody): Promise<EvaluationPlan> {
  return request<EvaluationPlan>(`/api/evaluation/plans/${String(id)}`, { method: 'PUT', body });
}

export function getPlanMeasures(id: number): Promise<PlanMeasures> {
  return request<PlanMeasures>(`/api/evaluation/plans/${String(id)}/measures`);
}

const STAGE_PATHS = { self: 'self-scores', onsite: 'onsite-scores', cross: 'cross-scores' } as const;

export function scoreStage(
  id: number,
  stage: keyof typeof STAGE_PATHS,
  body: UnitScoresBody,
): Promise<StageScore[]> {
  const path = STAGE_PATHS[stage];
  return request<StageScore[]>(`/api/evaluation/plans/${String(id)}/${path}`, { method: 'POST', body });
}

export function getEvaluationResult(id: number): Promise<EvaluationResult> {
  return request<EvaluationResult>(`/api/evaluation/plans/${String(id)}/result`);
}

// 交叉互评: the evaluated county's office names and revokes evaluators of another county; an
// evaluator lists their grants in force.
export type { CrossEvaluator, CrossGrantSummary, StageWeights } from '../../../src/common/wire-evaluation.ts';

export function listCrossEvaluators(planId: number): Promise<CrossEvaluator[]> {
  return request<CrossEvaluator[]>(`/api/evaluation/plans/${String(planId)}/cross-evaluators`);
}

export function grantCrossEvaluator(planId: number, userId: number): Promise<CrossEvaluator> {
  return request<CrossEvaluator>(`/api/evaluation/plans/${String(planId)}/cross-evaluators`, {
    method: 'POST',
    body: { userId },
  });
}

export function revokeCrossEvaluator(planId: number, userId: number): Promise<CrossEvaluator> {
  return request<CrossEvaluator>(
    `/api/evaluation/plans/${String(planId)}/cross-evaluators/${String(userId)}`,
    { method: 'DELETE' },
  );
}

export function listCrossGrants(): Promise<CrossGrantSummary[]> {
  return request<CrossGrantSummary[]>('/api/evaluation/cross-grants');
}
