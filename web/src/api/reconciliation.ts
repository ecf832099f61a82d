// 数据比对: lists from 组织部, 人社 and 财政 compared with the real-name records. The shapes and
// labels come from src/common/reconciliation.ts, shared with the server.
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export {
  DIFFERENCE_KINDS,
  DIFFERENCE_LABELS,
  RECONCILIATION_SOURCES,
  SOURCE_LABELS,
} from '../../../src/common/reconciliation.ts';
export type {
  DifferenceKind,
  DifferenceView,
  ReconciliationCounts,
  ReconciliationSource,
  ReconciliationSummary,
} from '../../../src/common/reconciliation.ts';
import type {
  DifferenceKind,
  DifferenceView,
  ReconciliationSource,
  ReconciliationSummary,
} from '../../../src/common/reconciliation.ts';

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
