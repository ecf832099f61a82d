// 数据比对: lists from 组织部, 人社 and 财政 compared with the real-name records. The wire types
// mirror src/domain/reconciliation (compare.ts, list-reconciliations.ts), which the browser
// cannot import (they reach the database layer).
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export const RECONCILIATION_SOURCES = ['组织', '人社', '财政'] as const;
export type ReconciliationSource = (typeof RECONCILIATION_SOURCES)[number];

export const DIFFERENCE_KINDS = [
  'not_on_establishment',
  'not_on_list',
  'other_unit',
  'other_quota_type',
  'invalid_row',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface ReconciliationCounts {
  /** Data rows of the list (invalid ones included). */
  listRows: number;
  /** People on the establishment on the date. */
  ledgerPeople: number;
  /** List rows that agree with the ledger in every compared respect. */
  matched: number;
  not_on_establishment: number;
  not_on_list: number;
  other_unit: number;
  other_quota_type: number;
  invalid_row: number;
}

export interface ReconciliationSummary {
  id: number;
  regionCode: string;
  source: ReconciliationSource;
  sourceLabel: string;
  fileName: string;
  comparedOn: string;
  createdAt: string;
  createdByName: string;
  counts: ReconciliationCounts;
}

export interface DifferenceView {
  kind: DifferenceKind;
  kindLabel: string;
  /** The list's row number (header = 1); null for people missing from the list. */
  rowNumber: number | null;
  name: string;
  idMasked: string;
  listUnit: string | null;
  ledgerUnitId: number | null;
  ledgerUnitName: string | null;
  listQuotaType: string | null;
  ledgerQuotaType: string | null;
  note: string | null;
}

export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface ReconcileUpload {
  file: File;
  source: ReconciliationSource;
  /** YYYY-MM-DD */
  comparedOn: string;
}

/** Uploads a list and compares it; a list that cannot be read answers 422 IMPORT_REJECTED. */
export function uploadReconciliation(input: ReconcileUpload): Promise<ReconciliationSummary> {
  const form = new FormData();
  // Fields before the file: the server reads the parts in order.
  form.append('source', input.source);
  form.append('comparedOn', input.comparedOn);
  form.append('file', input.file, input.file.name);
  return request<ReconciliationSummary>('/api/reconciliations', { method: 'POST', body: form });
}

export function listReconciliations(
  region: string,
  page: number,
  pageSize: number,
): Promise<Paged<ReconciliationSummary>> {
  return request<Paged<ReconciliationSummary>>(
    '/api/reconciliations' + buildQuery({ region, page, pageSize }),
  );
}

export function getReconciliation(id: number): Promise<ReconciliationSummary> {
  return request<ReconciliationSummary>(`/api/reconciliations/${encodeURIComponent(String(id))}`);
}

export function listReconciliationItems(
  id: number,
  kind: DifferenceKind | undefined,
  page: number,
  pageSize: number,
): Promise<Paged<DifferenceView>> {
  return request<Paged<DifferenceView>>(
    `/api/reconciliations/${encodeURIComponent(String(id))}/items` + buildQuery({ kind, page, pageSize }),
  );
}

export async function downloadReconciliation(id: number): Promise<DownloadedFile> {
  const response = await send(`/api/reconciliations/${encodeURIComponent(String(id))}/export`);
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(
    response.headers.get('Content-Disposition'),
    `数据比对差异_${String(id)}.xlsx`,
  );
  return { blob, fileName };
}
