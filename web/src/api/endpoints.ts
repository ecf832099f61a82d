// One function per HTTP endpoint of the contract (src/common/wire.ts).
import type { ImportMappingDto } from '../../../src/common/wire-mapping.ts';
import type { PersonStatus, QuotaType } from '../../../src/common/labels.ts';
import { buildQuery, fileNameFromDisposition, request, requestNoContent, send } from './client.ts';
import type {
  AssessBody,
  BasicReportResponse,
  CheckResponse,
  DecideBody,
  ImplementBody,
  MatterDetail,
  MatterList,
  MatterState,
  ProposeBody,
  ReasonBody,
  ResubmitBody,
  WaitingCount,
  ChangePasswordBody,
  CountiesResponse,
  DrillResponse,
  HistoryResponse,
  UnitFiguresResponse,
  CreateUserBody,
  ImportJob,
  LoginBody,
  MeResponse,
  OverviewResponse,
  PasswordPolicyInfo,
  PasswordResponse,
  PeoplePage,
  TotpEnrolment,
  PersonDetail,
  RegionDto,
  RevealResponse,
  UnitDetail,
  UnitNode,
  UserSummary,
} from './types.ts';

// ---- auth ----

export function login(body: LoginBody): Promise<MeResponse> {
  return request<MeResponse>('/api/auth/login', { method: 'POST', body, skipAuthRedirect: true });
}

export function logout(): Promise<void> {
  return requestNoContent('/api/auth/logout', { method: 'POST', skipAuthRedirect: true });
}

/** The current session; rejects with ApiError status 401 when nobody is logged in (no redirect). */
export function getMe(): Promise<MeResponse> {
  return request<MeResponse>('/api/auth/me', { skipAuthRedirect: true });
}

export function changePassword(body: ChangePasswordBody): Promise<void> {
  return requestNoContent('/api/auth/change-password', { method: 'POST', body });
}

/** The password rules in one sentence, for the change-password form. */
export function getPasswordPolicy(): Promise<PasswordPolicyInfo> {
  return request<PasswordPolicyInfo>('/api/auth/password-policy');
}

/** A new TOTP secret for the caller, shown once. */
export function enrolTotp(): Promise<TotpEnrolment> {
  return request<TotpEnrolment>('/api/auth/totp/enrol', { method: 'POST' });
}

export function confirmTotp(code: string): Promise<void> {
  return requestNoContent('/api/auth/totp/confirm', { method: 'POST', body: { code } });
}

// ---- regions and overview ----

/** `quiet`: asked ahead of the session probe (session.tsx), so a 401 or 403 must not redirect. */
export function listRegions(options: { quiet?: boolean } = {}): Promise<RegionDto[]> {
  return request<RegionDto[]>('/api/regions', { quiet: options.quiet });
}

export function getOverview(region: string, asOf?: string): Promise<OverviewResponse> {
  return request<OverviewResponse>('/api/overview' + buildQuery({ region, asOf }));
}

// ---- units ----

export function listUnits(region: string, asOf?: string): Promise<UnitNode[]> {
  return request<UnitNode[]>('/api/units' + buildQuery({ region, asOf }));
}

export function getUnit(id: number, asOf?: string): Promise<UnitDetail> {
  return request<UnitDetail>(`/api/units/${encodeURIComponent(String(id))}` + buildQuery({ asOf }));
}

// ---- people ----

export interface PeopleParams {
  region: string;
  unitId?: number;
  includeSubunits?: boolean;
  q?: string;
  status?: PersonStatus;
  quotaType?: QuotaType;
  page: number;
  pageSize: number;
}

export function listPeople(params: PeopleParams): Promise<PeoplePage> {
  return request<PeoplePage>(
    '/api/people' +
      buildQuery({
        region: params.region,
        unitId: params.unitId,
        includeSubunits: params.unitId === undefined ? undefined : params.includeSubunits ? 'true' : 'false',
        q: params.q?.trim(),
        status: params.status,
        quotaType: params.quotaType,
        page: params.page,
        pageSize: params.pageSize,
      }),
  );
}

export function getPerson(id: number): Promise<PersonDetail> {
  return request<PersonDetail>(`/api/people/${encodeURIComponent(String(id))}`);
}

/** Reveals the full ID number; the server records the view in the audit log. */
export function revealIdNumber(id: number): Promise<RevealResponse> {
  return request<RevealResponse>(`/api/people/${encodeURIComponent(String(id))}/reveal-id`, {
    method: 'POST',
  });
}

// ---- import / export ----

export interface ImportOptions {
  dryRun: boolean;
  ignoreExtraColumns: boolean;
  /** The files are the office's own workbook, read through this mapping. */
  mapping?: ImportMappingDto;
}

export function startImport(files: readonly File[], options: ImportOptions): Promise<ImportJob> {
  const form = new FormData();
  form.append('dryRun', options.dryRun ? 'true' : 'false');
  form.append('ignoreExtraColumns', options.ignoreExtraColumns ? 'true' : 'false');
  if (options.mapping) form.append('mapping', JSON.stringify(options.mapping));
  for (const file of files) form.append('files', file, file.name);
  return request<ImportJob>('/api/imports', { method: 'POST', body: form });
}

export function getImportJob(id: string): Promise<ImportJob> {
  return request<ImportJob>(`/api/imports/${encodeURIComponent(id)}`);
}

/** Stops the user's running import before its commit (409 once it is committing). */
export function cancelImportJob(id: string): Promise<ImportJob> {
  return request<ImportJob>(`/api/imports/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** Downloads the region's workbook; the file name comes from Content-Disposition. */
export async function downloadExport(region: string): Promise<DownloadedFile> {
  const response = await send('/api/export' + buildQuery({ region }));
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(
    response.headers.get('Content-Disposition'),
    `编制数据_${region}.xlsx`,
  );
  return { blob, fileName };
}

// ---- reports (统计报表) ----

export function getBasicReport(region: string, asOf?: string): Promise<BasicReportResponse> {
  return request<BasicReportResponse>('/api/reports/basic' + buildQuery({ region, asOf }));
}

export interface DrillParams {
  region: string;
  asOf?: string;
  key: string;
  page: number;
  pageSize: number;
}

/** The units or people behind one figure of the report, a page at a time. */
export function getBasicDrill(params: DrillParams): Promise<DrillResponse> {
  return request<DrillResponse>(
    '/api/reports/basic/drill' +
      buildQuery({
        region: params.region,
        asOf: params.asOf,
        key: params.key,
        page: params.page,
        pageSize: params.pageSize,
      }),
  );
}

async function downloadFile(path: string, fallbackName: string): Promise<DownloadedFile> {
  const response = await send(path);
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
  return { blob, fileName };
}

/** All rows behind one figure as an Excel workbook. */
export function downloadDrillExport(region: string, key: string, asOf?: string): Promise<DownloadedFile> {
  return downloadFile(
    '/api/reports/basic/drill/export' + buildQuery({ region, asOf, key }),
    `明细_${key}_${region}.xlsx`,
  );
}

export type BasicReportFormat = 'docx' | 'xlsx';

/** The 基本情况 report as a Word document, or the 统计表 as an Excel workbook. */
export function downloadBasicReport(
  region: string,
  format: BasicReportFormat,
  asOf?: string,
): Promise<DownloadedFile> {
  const fallback =
    format === 'docx' ? `机构编制基本情况_${region}.docx` : `机构编制情况统计表_${region}.xlsx`;
  return downloadFile('/api/reports/basic/export' + buildQuery({ region, asOf, format }), fallback);
}

export function getUnitFigures(region: string, asOf?: string): Promise<UnitFiguresResponse> {
  return request<UnitFiguresResponse>('/api/reports/units' + buildQuery({ region, asOf }));
}

/** For a city or province: the main figures of each county below it. */
export function getCountiesReport(region: string, asOf?: string): Promise<CountiesResponse> {
  return request<CountiesResponse>('/api/reports/counties' + buildQuery({ region, asOf }));
}

export function getReportHistory(region: string): Promise<HistoryResponse> {
  return request<HistoryResponse>('/api/reports/history' + buildQuery({ region }));
}

// ---- users ----

export function listUsers(): Promise<UserSummary[]> {
  return request<UserSummary[]>('/api/users');
}

export function createUser(body: CreateUserBody): Promise<PasswordResponse> {
  return request<PasswordResponse>('/api/users', { method: 'POST', body });
}

export function resetUserPassword(id: number): Promise<PasswordResponse> {
  return request<PasswordResponse>(`/api/users/${encodeURIComponent(String(id))}/reset-password`, {
    method: 'POST',
  });
}

// ---- matters (事项办理) ----

export type MatterView = 'mine' | 'waiting' | 'all';

export interface MatterListParams {
  region: string;
  view: MatterView;
  state?: MatterState;
  page: number;
  pageSize: number;
}

export function listMatters(params: MatterListParams): Promise<MatterList> {
  return request<MatterList>(
    '/api/matters' +
      buildQuery({
        region: params.region,
        view: params.view,
        state: params.state,
        page: params.page,
        pageSize: params.pageSize,
      }),
  );
}

/** How many matters wait for the current user (the menu's badge). */
export function countWaitingMatters(region: string): Promise<WaitingCount> {
  return request<WaitingCount>('/api/matters/waiting' + buildQuery({ region }));
}

const matterPath = (id: number, action?: string): string =>
  `/api/matters/${encodeURIComponent(String(id))}` + (action ? `/${action}` : '');

export function proposeMatter(body: ProposeBody): Promise<MatterDetail> {
  return request<MatterDetail>('/api/matters', { method: 'POST', body });
}

export function getMatter(id: number): Promise<MatterDetail> {
  return request<MatterDetail>(matterPath(id));
}

/** Runs every rule on today's ledger without recording a step. */
export function checkMatter(id: number): Promise<CheckResponse> {
  return request<CheckResponse>(matterPath(id, 'check'));
}

export function assessMatter(id: number, body: AssessBody): Promise<MatterDetail> {
  return request<MatterDetail>(matterPath(id, 'assess'), { method: 'POST', body });
}

export function decideMatter(id: number, body: DecideBody): Promise<MatterDetail> {
  return request<MatterDetail>(matterPath(id, 'decide'), { method: 'POST', body });
}

export function implementMatter(id: number, body: ImplementBody): Promise<MatterDetail> {
  return request<MatterDetail>(matterPath(id, 'implement'), { method: 'POST', body });
}

export function returnMatter(id: number, body: ReasonBody): Promise<MatterDetail> {
  return request<MatterDetail>(matterPath(id, 'return'), { method: 'POST', body });
}

export function rejectMatter(id: number, body: ReasonBody): Promise<MatterDetail> {
  return request<MatterDetail>(matterPath(id, 'reject'), { method: 'POST', body });
}

export function resubmitMatter(id: number, body: ResubmitBody): Promise<MatterDetail> {
  return request<MatterDetail>(matterPath(id, 'resubmit'), { method: 'POST', body });
}

export function uploadMatterAttachment(id: number, file: File): Promise<MatterDetail> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<MatterDetail>(matterPath(id, 'attachments'), { method: 'POST', body: form });
}

export function downloadMatterAttachment(
  attachmentId: number,
  fallbackName: string,
): Promise<DownloadedFile> {
  return downloadFile(`/api/matters/attachments/${encodeURIComponent(String(attachmentId))}`, fallbackName);
}
