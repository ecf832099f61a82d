// The mapping step of 数据导入. Types only from src/common/wire-mapping.ts.
import type { ImportMappingDto, MappingPreview, SavedMapping } from '../../../src/common/wire-mapping.ts';
import { request, requestNoContent } from './client.ts';

export type {
  ImportMappingDto,
  MappingPreview,
  SavedMapping,
  SheetPreview,
} from '../../../src/common/wire-mapping.ts';

/** The workbook read through `mapping` (null: a suggested one), with its first rows. */
export function previewMapping(
  files: readonly File[],
  mapping: ImportMappingDto | null,
): Promise<MappingPreview> {
  const form = new FormData();
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  for (const file of files) form.append('files', file, file.name);
  return request<MappingPreview>('/api/import-mappings/preview', { method: 'POST', body: form });
}

export function listMappings(): Promise<SavedMapping[]> {
  return request<SavedMapping[]>('/api/import-mappings');
}

export function saveMapping(mapping: ImportMappingDto): Promise<SavedMapping> {
  return request<SavedMapping>('/api/import-mappings', { method: 'PUT', body: mapping });
}

export function deleteMapping(id: number): Promise<void> {
  return requestNoContent(`/api/import-mappings/${encodeURIComponent(String(id))}`, { method: 'DELETE' });
}
