// 法规制度 library and training records. Types only from src/common/wire-library.ts.
import type { DocumentValidity } from '../../../src/common/evaluation.ts';
import type {
  CreateLibraryDocumentBody,
  LibraryDocument,
  LibraryDocumentSummary,
  Training,
  TrainingInput,
  TrainingYearCount,
} from '../../../src/common/wire-library.ts';
import { buildQuery, request } from './client.ts';

export type {
  CreateLibraryDocumentBody,
  LibraryDocument,
  LibraryDocumentSummary,
  Training,
  TrainingInput,
  TrainingYearCount,
} from '../../../src/common/wire-library.ts';

export function searchLibrary(
  region: string,
  q: string,
  validity?: DocumentValidity,
): Promise<LibraryDocumentSummary[]> {
  return request<LibraryDocumentSummary[]>(
    `/api/library/documents${buildQuery({ region, q: q === '' ? undefined : q, validity })}`,
  );
}

export function getLibraryDocument(id: number): Promise<LibraryDocument> {
  return request<LibraryDocument>(`/api/library/documents/${String(id)}`);
}

export function addLibraryDocument(body: CreateLibraryDocumentBody): Promise<LibraryDocument> {
  return request<LibraryDocument>('/api/library/documents', { method: 'POST', body });
}

export function getTrainings(region: string): Promise<Training[]> {
  return request<Training[]>(`/api/library/trainings${buildQuery({ region })}`);
}

export function getTrainingCounts(region: string): Promise<TrainingYearCount[]> {
  return request<TrainingYearCount[]>(`/api/library/trainings/counts${buildQuery({ region })}`);
}

export function recordTraining(body: TrainingInput): Promise<Training> {
  return request<Training>('/api/library/trainings', { method: 'POST', body });
}
