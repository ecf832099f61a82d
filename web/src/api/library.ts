// 法规制度 library and training records. Types only from src/common/wire-library.ts.
import type { DocumentValidity } from '../../../src/common/evaluation.ts';
import type {
  CreateLibraryDocumentBody,
  LibraryAttachment,
  LibraryDocument,
  LibraryDocumentDetail,
  LibraryDocumentSummary,
  Training,
  TrainingInput,
  TrainingWithAttachments,
  TrainingYearCount,
} from '../../../src/common/wire-library.ts';
import { buildQuery, fileNameFromDisposition, request, send } from './client.ts';
import type { DownloadedFile } from './endpoints.ts';

export type {
  CreateLibraryDocumentBody,
  LibraryAttachment,
  LibraryDocument,
  LibraryDocumentDetail,
  LibraryDocumentSummary,
  TrainingWithAttachments,
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

export function getLibraryDocument(id: number): Promise<LibraryDocumentDetail> {
  return request<LibraryDocumentDetail>(`/api/library/documents/${String(id)}`);
}

export function addLibraryDocument(body: CreateLibraryDocumentBody): Promise<LibraryDocument> {
  return request<LibraryDocument>('/api/library/documents', { method: 'POST', body });
}

export function getTrainings(region: string): Promise<TrainingWithAttachments[]> {
  return request<TrainingWithAttachments[]>(`/api/library/trainings${buildQuery({ region })}`);
}

export function getTrainingCounts(region: string): Promise<TrainingYearCount[]> {
  return request<TrainingYearCount[]>(`/api/library/trainings/counts${buildQuery({ region })}`);
}

export function recordTraining(body: TrainingInput): Promise<Training> {
  return request<Training>('/api/library/trainings', { method: 'POST', body });
}

/** Where a library file belongs: a document or a training record (its materials). */
export type AttachmentOwner = { documentId: number } | { trainingId: number };

/** Uploads a file; the answer is the owner's attachments after it. */
export function uploadLibraryAttachment(owner: AttachmentOwner, file: File): Promise<LibraryAttachment[]> {
  const form = new FormData();
  form.append('file', file, file.name);
  const path =
    'documentId' in owner
      ? `/api/library/documents/${String(owner.documentId)}/attachments`
      : `/api/library/trainings/${String(owner.trainingId)}/attachments`;
  return request<LibraryAttachment[]>(path, { method: 'POST', body: form });
}

export async function downloadLibraryAttachment(a: LibraryAttachment): Promise<DownloadedFile> {
  const response = await send(`/api/library/attachments/${String(a.id)}`);
  const blob = await response.blob();
  return { blob, fileName: fileNameFromDisposition(response.headers.get('Content-Disposition'), a.fileName) };
}
