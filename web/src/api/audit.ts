// 审计日志 and 工作统计: one function per endpoint, like endpoints.ts.
import type { AuditEventDto, AuditPage } from '../../../src/common/wire.ts';
import type { WorkStatisticsResponse } from '../../../src/common/wire-reports.ts';
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export type AuditEvent = AuditEventDto;
export type AuditEventsPage = AuditPage;
export type WorkStatistics = WorkStatisticsResponse;
export type WorkFigureRow = WorkStatistics['stats']['figures'][number];
export type WorkMatterRow = WorkFigureRow['matters'][number];
export type QuotaAddedRow = WorkStatistics['stats']['quotasAddedByUnit'][number];
export type TownshipUnitRow = WorkStatistics['stats']['townshipUnits'][number];

// ---- 审计日志 ----

export interface AuditFilters {
  region: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
}

const auditQuery = (f: AuditFilters) => ({
  region: f.region,
  action: f.action,
  entityType: f.entityType,
  entityId: f.entityId?.trim(),
  actor: f.actor?.trim(),
});

/** A page of the audit log (newest first) and the verification of the whole hash chain. */
export function listAuditEvents(
  filters: AuditFilters,
  page: number,
  pageSize: number,
): Promise<AuditEventsPage> {
  return request<AuditEventsPage>('/api/audit' + buildQuery({ ...auditQuery(filters), page, pageSize }));
}

/** Every event matching the filters as an Excel workbook. */
export async function downloadAuditExport(filters: AuditFilters): Promise<DownloadedFile> {
  const response = await send('/api/audit/export' + buildQuery(auditQuery(filters)));
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(
    response.headers.get('Content-Disposition'),
    `审计日志_${filters.region}.xlsx`,
  );
  return { blob, fileName };
}

// ---- 工作统计 ----

/** The figures of section 二 over a period (inclusive ISO dates) and their sentences. */
export function getWorkStatistics(region: string, from: string, to: string): Promise<WorkStatistics> {
  return request<WorkStatistics>('/api/reports/work' + buildQuery({ region, from, to }));
}
