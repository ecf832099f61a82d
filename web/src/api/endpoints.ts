// One function per HTTP endpoint of the contract (src/common/wire.ts).
import type { PersonStatus, QuotaType } from '../../../src/common/labels.ts';
import { buildQuery, fileNameFromDisposition, request, requestNoContent, send } from './client.ts';
import type {
  ChangePasswordBody,
  CreateUserBody,
  ImportJob,
  LoginBody,
  MeResponse,
  OverviewResponse,
  PasswordResponse,
  PeoplePage,
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

// ---- regions and overview ----

export function listRegions(): Promise<RegionDto[]> {
  return request<RegionDto[]>('/api/regions');
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
}

export function startImport(files: readonly File[], options: ImportOptions): Promise<ImportJob> {
  const form = new FormData();
  form.append('dryRun', options.dryRun ? 'true' : 'false');
  form.append('ignoreExtraColumns', options.ignoreExtraColumns ? 'true' : 'false');
  for (const file of files) form.append('files', file, file.name);
  return request<ImportJob>('/api/imports', { method: 'POST', body: form });
}

export function getImportJob(id: string): Promise<ImportJob> {
  return request<ImportJob>(`/api/imports/${encodeURIComponent(id)}`);
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
