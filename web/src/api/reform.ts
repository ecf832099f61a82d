// 机构改革: projects, the frozen baseline, sandbox plans, adoption and the comparison.
// Types only from src/common/wire-reform.ts (it imports zod at run time).
import type { Change } from '../../../src/common/matters.ts';
import type {
  Comparison,
  LimitInfo,
  ProjectDetail,
  ProjectSummary,
  SandboxResult,
} from '../../../src/common/wire-reform.ts';
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export type {
  Breach,
  Comparison,
  ComparisonRow,
  LimitInfo,
  PlanSummary,
  ProjectDetail,
  ProjectMatter,
  ProjectSummary,
  SandboxResult,
  UnitDiff,
  UnitMapping,
} from '../../../src/common/wire-reform.ts';

export interface NewProject {
  regionCode: string;
  name: string;
  scopeUnitIds: number[] | null;
  baselineDate: string;
}

export function listReformProjects(region: string): Promise<ProjectSummary[]> {
  return request<ProjectSummary[]>('/api/reform/projects' + buildQuery({ region }));
}

export function createReformProject(body: NewProject): Promise<{ id: number }> {
  return request<{ id: number }>('/api/reform/projects', { method: 'POST', body });
}

export function getReformProject(id: number): Promise<ProjectDetail> {
  return request<ProjectDetail>(`/api/reform/projects/${String(id)}`);
}

export function freezeReformBaseline(id: number): Promise<{ hash: string; units: number }> {
  return request<{ hash: string; units: number }>(`/api/reform/projects/${String(id)}/freeze`, {
    method: 'POST',
  });
}

export function createReformPlan(
  projectId: number,
  name: string,
  changes: Change[],
): Promise<{ id: number }> {
  return request<{ id: number }>(`/api/reform/projects/${String(projectId)}/plans`, {
    method: 'POST',
    body: { name, changes },
  });
}

export function updateReformPlan(planId: number, name: string, changes: Change[]): Promise<void> {
  return request<undefined>(`/api/reform/plans/${String(planId)}`, {
    method: 'PUT',
    body: { name, changes },
  }).then(() => undefined);
}

export function runReformPlan(planId: number): Promise<SandboxResult> {
  return request<SandboxResult>(`/api/reform/plans/${String(planId)}/sandbox`);
}

export function compareReformPlans(
  projectId: number,
): Promise<{ plans: { id: number; name: string; result: SandboxResult }[] }> {
  return request(`/api/reform/projects/${String(projectId)}/plans/compare`);
}

export function adoptReformPlan(planId: number, reasons: string): Promise<{ matterIds: number[] }> {
  return request<{ matterIds: number[] }>(`/api/reform/plans/${String(planId)}/adopt`, {
    method: 'POST',
    body: { reasons },
  });
}

export function getReformComparison(projectId: number, asOf?: string): Promise<Comparison> {
  return request<Comparison>(`/api/reform/projects/${String(projectId)}/comparison` + buildQuery({ asOf }));
}

export function getInstitutionLimits(region: string): Promise<LimitInfo[]> {
  return request<LimitInfo[]>('/api/reform/limits' + buildQuery({ region }));
}

export function setInstitutionLimit(body: {
  regionCode: string;
  kind: '党政机构' | '直属事业单位';
  cap: number;
  sourceDocument: string;
  effectiveFrom: string;
}): Promise<void> {
  return request<undefined>('/api/reform/limits', { method: 'POST', body }).then(() => undefined);
}

async function download(path: string, fallback: string): Promise<DownloadedFile> {
  const response = await send(path);
  const blob = await response.blob();
  return { blob, fileName: fileNameFromDisposition(response.headers.get('Content-Disposition'), fallback) };
}

export function downloadBaseline(projectId: number, format: 'xlsx' | 'docx'): Promise<DownloadedFile> {
  return download(
    `/api/reform/projects/${String(projectId)}/baseline/export` + buildQuery({ format }),
    `底数台账.${format}`,
  );
}

export function downloadComparison(
  projectId: number,
  format: 'xlsx' | 'docx',
  asOf?: string,
): Promise<DownloadedFile> {
  return download(
    `/api/reform/projects/${String(projectId)}/comparison/export` + buildQuery({ format, asOf }),
    `改革前后对比表.${format}`,
  );
}
