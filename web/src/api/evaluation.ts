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
import type {
  EvaluationFinding,
  FindingBody,
  FindingProgressBody,
} from '../../../src/common/wire-evaluation-findings.ts';
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

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
export type {
  EvaluationFinding,
  FindingBody,
  FindingProgressBody,
  FindingStatus,
} from '../../../src/common/wire-evaluation-findings.ts';

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

/**
 * A unit's saved scores at a stage: the stage's form opens with them. 交叉互评 is read through the
 * stages' view (…/scores), which a grant holder may read; the others through …/unit-scores.
 */
export async function getStageScores(
  id: number,
  stage: 'self' | 'onsite' | 'cross',
  unitId: number,
): Promise<StageScore[]> {
  if (stage === 'cross') {
    const all = await request<StageScore[]>(
      `/api/evaluation/plans/${String(id)}/scores${buildQuery({ unitId: String(unitId) })}`,
    );
    return all.filter((s) => s.stage === 'cross');
  }
  return request<StageScore[]>(
    `/api/evaluation/plans/${String(id)}/unit-scores${buildQuery({ stage, unit: String(unitId) })}`,
  );
}

/** 问题清单和整改清单: the whole plan for the office; a liaison names their own unit. */
export function listEvaluationFindings(id: number, unitId?: number): Promise<EvaluationFinding[]> {
  const unit = unitId === undefined ? undefined : String(unitId);
  return request<EvaluationFinding[]>(`/api/evaluation/plans/${String(id)}/findings${buildQuery({ unit })}`);
}

export function addEvaluationFinding(id: number, body: FindingBody): Promise<EvaluationFinding> {
  return request<EvaluationFinding>(`/api/evaluation/plans/${String(id)}/findings`, { method: 'POST', body });
}

export function reviseEvaluationFinding(findingId: number, body: FindingBody): Promise<EvaluationFinding> {
  return request<EvaluationFinding>(`/api/evaluation/findings/${String(findingId)}`, { method: 'PUT', body });
}

export function reportFindingProgress(
  findingId: number,
  body: FindingProgressBody,
): Promise<EvaluationFinding> {
  return request<EvaluationFinding>(`/api/evaluation/findings/${String(findingId)}/progress`, {
    method: 'POST',
    body,
  });
}

async function download(path: string, fallback: string): Promise<DownloadedFile> {
  const response = await send(path);
  const blob = await response.blob();
  return { blob, fileName: fileNameFromDisposition(response.headers.get('Content-Disposition'), fallback) };
}

/** 评估总结报告 (.docx) of the plan. */
export function downloadEvaluationSummary(id: number): Promise<DownloadedFile> {
  return download(`/api/evaluation/plans/${String(id)}/summary.docx`, '评估总结报告.docx');
}

/** 得分表 (.xlsx): 得分汇总, 得分明细, 问题整改清单. */
export function downloadEvaluationScores(id: number): Promise<DownloadedFile> {
  return download(`/api/evaluation/plans/${String(id)}/scores.xlsx`, '评估得分表.xlsx');
}

/** 单位评估报告 (.docx) of one fully scored unit. */
export function downloadUnitEvaluationReport(id: number, unitId: number): Promise<DownloadedFile> {
  return download(
    `/api/evaluation/plans/${String(id)}/report.docx${buildQuery({ unit: String(unitId) })}`,
    '单位评估报告.docx',
  );
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
