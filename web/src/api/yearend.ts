// 统计年报 (the year-end 机构编制统计). Types only from src/common/wire-yearend.ts.
import type { YearendResponse, YearendSubmissionDto } from '../../../src/common/wire-yearend.ts';
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export type {
  YearendCheck,
  YearendDifference,
  YearendResponse,
  YearendRow,
  YearendSubmissionDto,
  YearendTable,
} from '../../../src/common/wire-yearend.ts';

export function getYearend(region: string, year: number): Promise<YearendResponse> {
  return request<YearendResponse>(`/api/yearend${buildQuery({ region, year })}`);
}

export function submitYearend(region: string, year: number): Promise<YearendSubmissionDto> {
  return request<YearendSubmissionDto>('/api/yearend/submit', { method: 'POST', body: { region, year } });
}

export async function downloadYearend(region: string, year: number): Promise<DownloadedFile> {
  const response = await send(`/api/yearend/export${buildQuery({ region, year })}`);
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(
    response.headers.get('Content-Disposition'),
    `机构编制统计_${String(year)}.xlsx`,
  );
  return { blob, fileName };
}
