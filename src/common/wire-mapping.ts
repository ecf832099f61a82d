// The HTTP wire of import mappings (common/exchange-mapping.ts): the mapping itself, the
// preview of an uploaded workbook through a (suggested) mapping, and the saved mappings.
import { z } from 'zod';
import { TABLE_NAMES } from './exchange.ts';
import { RowErrorDto } from './wire.ts';

export const SheetMappingDto = z.object({
  sheet: z.string().min(1),
  table: z.enum(TABLE_NAMES).nullable(),
  headerRow: z.number().int().min(1).max(100),
  columns: z.record(z.string(), z.string()),
  values: z.record(z.string(), z.record(z.string(), z.string())),
  constants: z.record(z.string(), z.string()),
});

export const ImportMappingDto = z.object({
  name: z.string().trim().min(1, '请填写映射名称').max(100),
  sheets: z.array(SheetMappingDto),
});
export type ImportMappingDto = z.infer<typeof ImportMappingDto>;

/** A mapping sent with an upload (preview, import): it need not have a name yet. */
export const MappingField = ImportMappingDto.extend({ name: z.string().max(100) });

export const SheetPreview = z.object({
  sheet: z.string(),
  /** The headers of the mapping's header row, in column order. */
  headers: z.array(z.string()),
  /** Per header, the different values of its column (at most 50, from the first 5,000 rows). */
  values: z.record(z.string(), z.array(z.string())),
  /** The first rows as the import reads them: exchange columns, and each row's errors. */
  rows: z.array(
    z.object({
      rowNumber: z.number().int(),
      cells: z.record(z.string(), z.string()),
      errors: z.array(RowErrorDto),
    }),
  ),
});
export type SheetPreview = z.infer<typeof SheetPreview>;

export const MappingPreview = z.object({
  /** The mapping given, with a suggestion for every sheet it did not cover; or all suggested. */
  mapping: MappingField,
  sheets: z.array(SheetPreview),
  /** The files' own errors and the mapping's problems, in Chinese. */
  problems: z.array(z.string()),
});
export type MappingPreview = z.infer<typeof MappingPreview>;

export const SavedMapping = z.object({
  id: z.number().int(),
  name: z.string(),
  mapping: ImportMappingDto,
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type SavedMapping = z.infer<typeof SavedMapping>;
