// 登记管理, 年度报告, 抽查 and 中文域名. Shapes and labels from src/common/wire-registration.ts and
// src/common/registration.ts, shared with the server.
import type {
  AnnualOverviewView,
  AnnualReportInput,
  ApplicationStepView,
  ApplicationView,
  DomainChangeView,
  DomainInput,
  DomainOperationInput,
  DomainView,
  NewApplicationInput,
  RegistrationDetailView,
  RegistrationView,
  SpotCheckAdvanceInput,
  SpotCheckInput,
  SpotCheckUnitView,
  SpotCheckView,
} from '../../../src/common/wire-registration.ts';
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export type {
  AnnualOverviewView,
  AnnualReportInput,
  ApplicationStepView,
  ApplicationView,
  CertificateView,
  DomainChangeView,
  DomainView,
  RegistrationDetailView,
  RegistrationView,
  SpotCheckUnitView,
  SpotCheckView,
} from '../../../src/common/wire-registration.ts';
export {
  APPLICATION_KINDS,
  REQUIRED_MATERIALS,
  ANNUAL_REPORT_ATTACHMENTS,
  ANNUAL_REPORT_ITEMS,
  APPLICATION_STATES,
  DEFAULT_SPOT_CHECK_ITEMS,
  DOMAIN_OPERATIONS,
  USCC_CATEGORIES,
  type AnnualReportItemKey,
} from '../../../src/common/registration.ts';

export function listRegistrations(region: string, q?: string): Promise<RegistrationView[]> {
  return request(`/api/registrations${buildQuery({ region, q: q || undefined })}`);
}
export function getRegistration(id: number): Promise<RegistrationDetailView> {
  return request(`/api/registrations/${id}`);
}
export async function downloadCertificate(id: number, copy: '正本' | '副本'): Promise<DownloadedFile> {
  const res = await send(`/api/registrations/certificates/${id}${buildQuery({ copy })}`);
  return {
    blob: await res.blob(),
    fileName: fileNameFromDisposition(
      res.headers.get('Content-Disposition'),
      `事业单位法人证书_${copy}.docx`,
    ),
  };
}
export function listApplications(region: string, overdue: boolean): Promise<ApplicationView[]> {
  return request(
    `/api/registration/applications${buildQuery({ region, overdue: overdue ? '1' : undefined })}`,
  );
}
export function getApplication(id: number): Promise<ApplicationView & { steps: ApplicationStepView[] }> {
  return request(`/api/registration/applications/${id}`);
}
export function applicationStep(
  id: number,
  step: 'accept' | 'review' | 'approve',
  comment: string,
): Promise<unknown> {
  return request(`/api/registration/applications/${id}/${step}`, { method: 'POST', body: { comment } });
}
export function fileApplication(body: NewApplicationInput): Promise<{ id: number }> {
  return request('/api/registration/applications', { method: 'POST', body });
}
export function refileApplication(id: number, materials: string[]): Promise<{ id: number }> {
  return request(`/api/registration/applications/${id}/file`, {
    method: 'POST',
    body: { details: {}, materials },
  });
}
export function returnApplication(id: number, reason: string): Promise<unknown> {
  return request(`/api/registration/applications/${id}/return`, { method: 'POST', body: { reason } });
}
export function issueUscc(
  region: string,
  category: string,
  unitId: number | null,
): Promise<{ uscc: string }> {
  return request('/api/uscc/issue', { method: 'POST', body: { region, category, unitId } });
}

export function annualOverview(region: string, year: number): Promise<AnnualOverviewView> {
  return request(`/api/annual-reports${buildQuery({ region, year })}`);
}
export function fileAnnualReport(body: AnnualReportInput): Promise<{ id: number; late: boolean }> {
  return request('/api/annual-reports', { method: 'POST', body });
}
export function signOffAnnualReport(id: number): Promise<unknown> {
  return request(`/api/annual-reports/${id}/sign-off`, { method: 'POST', body: {} });
}
export function reviewAnnualReport(
  id: number,
  decision: '通过' | '退回修改',
  comment: string,
): Promise<unknown> {
  return request(`/api/annual-reports/${id}/review`, { method: 'POST', body: { decision, comment } });
}

export function listSpotChecks(region: string): Promise<SpotCheckView[]> {
  return request(`/api/spot-checks${buildQuery({ region })}`);
}
export function getSpotCheck(id: number): Promise<SpotCheckView & { units: SpotCheckUnitView[] }> {
  return request(`/api/spot-checks/${id}`);
}
export function drawSpotCheck(body: SpotCheckInput): Promise<{ id: number }> {
  return request('/api/spot-checks', { method: 'POST', body });
}
export function advanceSpotCheck(unitRowId: number, body: SpotCheckAdvanceInput): Promise<unknown> {
  return request(`/api/spot-checks/units/${unitRowId}/advance`, { method: 'POST', body });
}
export function publishSpotCheck(id: number): Promise<unknown> {
  return request(`/api/spot-checks/${id}/publish`, { method: 'POST', body: {} });
}

export function listDomains(region: string, dueWithinDays?: number): Promise<DomainView[]> {
  return request(`/api/domains${buildQuery({ region, dueWithinDays })}`);
}
export function domainChanges(region: string): Promise<DomainChangeView[]> {
  return request(`/api/domains/changes${buildQuery({ region })}`);
}
export function registerDomain(body: DomainInput): Promise<{ id: number }> {
  return request('/api/domains', { method: 'POST', body });
}
export function domainOperation(id: number, body: DomainOperationInput): Promise<unknown> {
  return request(`/api/domains/${id}/operations`, { method: 'POST', body });
}
