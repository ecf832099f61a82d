// 编制标准: the measurement against the standards, the what-if, the versions and saving a new one.
// Types only from src/common/standards.ts (it imports zod at run time).
import type {
  Standard,
  StandardInput,
  StandardsResult,
  StandardsWhatIf,
  StoredStandard,
} from '../../../src/common/standards.ts';
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export type {
  AppliedStandard,
  InputOverride,
  KindResult,
  KindTotals,
  Rounding,
  SchoolArea,
  Standard,
  StandardInput,
  StandardKey,
  StandardsResult,
  StandardsWhatIf,
  StoredStandard,
  UnitStandardRow,
} from '../../../src/common/standards.ts';

export interface StandardVersions {
  /** The shipped national standards (version 0). */
  defaults: Standard[];
  /** The region's own versions. */
  region: StoredStandard[];
}

/** The year left out: the server picks the latest year with student numbers. */
export function getStandards(region: string, year?: number): Promise<StandardsResult> {
  return request<StandardsResult>('/api/standards' + buildQuery({ region, year }));
}

/** Computes with changed ratios or inputs; nothing is saved. */
export function runStandardsWhatIf(
  region: string,
  year: number | undefined,
  overrides: StandardsWhatIf,
): Promise<StandardsResult> {
  return request<StandardsResult>('/api/standards/what-if', {
    method: 'POST',
    body: { region, year, overrides },
  });
}

export function getStandardVersions(region: string): Promise<StandardVersions> {
  return request<StandardVersions>('/api/standards/versions' + buildQuery({ region }));
}

/** Saves the region's next version of one standard (office staff). */
export function saveStandardVersion(region: string, standard: StandardInput): Promise<StoredStandard> {
  return request<StoredStandard>('/api/standards', { method: 'POST', body: { region, standard } });
}

export async function downloadStandards(region: string, year?: number): Promise<DownloadedFile> {
  const response = await send('/api/standards/export' + buildQuery({ region, year }));
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(
    response.headers.get('Content-Disposition'),
    `编制标准测算_${year === undefined ? region : String(year)}.xlsx`,
  );
  return { blob, fileName };
}
