// 全年汇报 (the county's yearly report). Types only from src/common/wire-full-report.ts.
import type { FullReportResponse, SaveFullReportBody } from '../../../src/common/wire-full-report.ts';
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export type {
  FullReportChange,
  FullReportFigure,
  FullReportResponse,
  SaveFullReportBody,
} from '../../../src/common/wire-full-report.ts';

export function getFullReport(region: string, asOf: string | undefined): Promise<FullReportResponse> {
  return request<FullReportResponse>(`/api/full-report${buildQuery({ region, asOf })}`);
}

export function saveFullReport(body: SaveFullReportBody): Promise<{ version: number }> {
  return request<{ version: number }>('/api/full-report', { method: 'PUT', body });
}

/** Renders the .docx on the date (the server keeps the figures it printed). */
export async function renderFullReport(region: string, year: number, asOf: string): Promise<DownloadedFile> {
  const response = await send('/api/full-report/render', { method: 'POST', body: { region, year, asOf } });
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(
    response.headers.get('Content-Disposition'),
    `全年汇报_${asOf}.docx`,
  );
  return { blob, fileName };
}
