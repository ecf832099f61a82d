// The import mappings an office has saved for its county, and one of them by id.
import type { ImportMapping } from '../../common/exchange-mapping.ts';
import { ImportMappingDto, type SavedMapping } from '../../common/wire-mapping.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  findImportMapping,
  listImportMappings as listRows,
  type ImportMappingRecord,
} from '../../db/repositories/import-mappings.ts';
import { notFound } from '../../errors.ts';

export function toSavedMapping(r: ImportMappingRecord): SavedMapping {
  const mapping: ImportMapping = ImportMappingDto.parse(JSON.parse(r.body));
  return { id: r.id, name: r.name, mapping, updatedAt: r.updatedAt, updatedBy: r.updatedBy };
}

export async function listImportMappings(db: Executor, regionCode: string): Promise<SavedMapping[]> {
  return (await listRows(db, regionCode)).map(toSavedMapping);
}

/** A mapping of the county by id; another county's is not found. */
export async function loadImportMapping(
  db: Executor,
  regionCode: string,
  id: number,
): Promise<ImportMapping> {
  const r = await findImportMapping(db, id);
  if (r === null || r.regionCode !== regionCode) throw notFound('导入映射');
  return toSavedMapping(r).mapping;
}
