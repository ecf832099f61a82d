// The mapping step of an import (docs/import.md): an office's workbook is read, a mapping of
// its sheets, headers and values onto the exchange format is suggested from common synonyms
// (or the given one is used), and the first rows are shown as the import would read them,
// with each row's errors. Reads only; the file is read once more when it is imported.
import { maskIdNumber } from '../../common/codes/id-card.ts';
import { TABLE_COLUMNS, formatRowError, type TableName } from '../../common/exchange.ts';
import {
  FIELD_LABELS,
  mappingProblems,
  type ImportMapping,
  type SheetMapping,
} from '../../common/exchange-mapping.ts';
import { suggestField, suggestTable, suggestValue } from '../../common/exchange-synonyms.ts';
import type { MappingPreview, SheetPreview } from '../../common/wire-mapping.ts';
import type { AppContext } from '../../context.ts';
import {
  headerCells,
  listSheets,
  sheetRows,
  SheetTransform,
  UnitNames,
  type OfficeSheet,
  type PlainRow,
} from './mapped-sources.ts';
import { parseRow } from './parse-row.ts';
import { isBlank, type CellValue } from './sources.ts';

export interface PreviewImportMappingOptions {
  paths: string[];
  /** The mapping to preview; null: suggest one. */
  mapping: ImportMapping | null;
  /** The importing office's county: the suggested fixed 行政区划代码 when the workbook has none. */
  regionCode: string | null;
  /** How many data rows to show per sheet. */
  rows?: number;
}

/** Rows at the top of a sheet among which the header row is looked for. */
const HEADER_SEARCH_ROWS = 10;
const KEPT_ROWS = 40;
const SCANNED_ROWS = 5000;
const MAX_VALUES = 50;

interface ReadSheet {
  sheet: OfficeSheet;
  /** The first rows, for finding the header and the preview. */
  top: PlainRow[];
  /** Column index → row number → distinct values seen below the first rows. */
  values: Map<number, Set<string>>;
}

function text(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

async function readSheet(sheet: OfficeSheet): Promise<ReadSheet> {
  const top: PlainRow[] = [];
  const values = new Map<number, Set<string>>();
  let seen = 0;
  for await (const row of sheetRows(sheet)) {
    seen += 1;
    if (top.length < KEPT_ROWS) {
      top.push(row);
      continue;
    }
    if (seen > SCANNED_ROWS) continue;
    collect(values, row);
  }
  return { sheet, top, values };
}

function collect(values: Map<number, Set<string>>, row: PlainRow): void {
  for (const [index, value] of row.cells) {
    if (isBlank(value)) continue;
    const set = values.get(index) ?? new Set<string>();
    if (set.size < MAX_VALUES) set.add(text(value));
    values.set(index, set);
  }
}

/** The row among the first ones whose cells best read as the headers of some table. */
function findHeaderRow(read: ReadSheet): number {
  let best: { rowNumber: number; score: number } | null = null;
  for (const row of read.top.slice(0, HEADER_SEARCH_ROWS)) {
    const headers = [...headerCells(row).values()];
    if (headers.length === 0) continue;
    const table = suggestTable(read.sheet.sheet, headers);
    const score = table === null ? 0 : headers.filter((h) => suggestField(table, h) !== null).length;
    if (best === null || score > best.score) best = { rowNumber: row.rowNumber, score };
  }
  return best?.rowNumber ?? 1;
}

/** Header → distinct values of its column below the header row. */
function columnValues(
  read: ReadSheet,
  headerRow: number,
  headers: Map<number, string>,
): Record<string, string[]> {
  const values = new Map<number, Set<string>>();
  for (const row of read.top) if (row.rowNumber > headerRow) collect(values, row);
  for (const [index, set] of read.values) {
    const into = values.get(index) ?? new Set<string>();
    for (const v of set) if (into.size < MAX_VALUES) into.add(v);
    values.set(index, into);
  }
  const out: Record<string, string[]> = {};
  for (const [index, header] of headers) if (!(header in out)) out[header] = [...(values.get(index) ?? [])];
  return out;
}

function suggestSheet(read: ReadSheet, regionCode: string | null): SheetMapping {
  const headerRow = findHeaderRow(read);
  const headers = headerCells(read.top.find((r) => r.rowNumber === headerRow));
  const table = suggestTable(read.sheet.sheet, [...headers.values()]);
  const mapping: SheetMapping = {
    sheet: read.sheet.sheet,
    table,
    headerRow,
    columns: {},
    values: {},
    constants: {},
  };
  if (table === null) return mapping;
  const taken = new Set<string>();
  for (const header of headers.values()) {
    const field = suggestField(table, header);
    if (field === null || taken.has(field) || header in mapping.columns) continue;
    mapping.columns[header] = field;
    taken.add(field);
  }
  const values = columnValues(read, headerRow, headers);
  for (const [header, field] of Object.entries(mapping.columns)) {
    const labels = FIELD_LABELS[field];
    if (labels === undefined) continue;
    const suggested: Record<string, string> = {};
    for (const v of values[header] ?? []) {
      const label = suggestValue(field, v);
      if (label !== null && label !== v) suggested[v] = label;
    }
    if (Object.keys(suggested).length > 0) mapping.values[field] = suggested;
  }
  if (TABLE_COLUMNS[table].includes('行政区划代码') && !taken.has('行政区划代码') && regionCode !== null) {
    mapping.constants['行政区划代码'] = regionCode;
  }
  return mapping;
}

const ID_LIKE = /^\d{14}(\d{3})?[\dXx]$/;

/** 身份证号 never leave the server in clear (docs/SECURITY.md): neither as a cell nor as a sample value. */
function masked(value: string): string {
  return ID_LIKE.test(value) ? maskIdNumber(value) : value;
}

function cellsAsText(cells: Record<string, CellValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [column, value] of Object.entries(cells)) {
    const t = text(value);
    out[column] = column === '身份证号' && t !== '' ? maskIdNumber(t) : masked(t);
  }
  return out;
}

function maskedValues(values: Record<string, string[]>, idHeaders: Set<string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [header, list] of Object.entries(values)) {
    out[header] = list.map((v) => (idHeaders.has(header) && v !== '' ? maskIdNumber(v) : masked(v)));
  }
  return out;
}

export async function previewImportMapping(
  ctx: AppContext,
  opts: PreviewImportMappingOptions,
): Promise<MappingPreview> {
  const listed = await listSheets(opts.paths);
  const problems = listed.errors.map(formatRowError);
  const units = new UnitNames(ctx.db.kysely);
  const sheets: SheetMapping[] = [];
  const previews: SheetPreview[] = [];
  for (const sheet of listed.sheets) {
    const read = await readSheet(sheet);
    const m =
      opts.mapping?.sheets.find((s) => s.sheet === sheet.sheet) ?? suggestSheet(read, opts.regionCode);
    sheets.push(m);
    const headers = headerCells(read.top.find((r) => r.rowNumber === m.headerRow));
    const preview: SheetPreview = {
      sheet: sheet.sheet,
      headers: [...headers.values()],
      values: maskedValues(
        columnValues(read, m.headerRow, headers),
        new Set(Object.keys(m.columns).filter((h) => m.columns[h] === '身份证号')),
      ),
      rows: [],
    };
    previews.push(preview);
    const table: TableName | null = m.table;
    if (table === null) continue;
    const transform = new SheetTransform({ ...m, table }, headers, units);
    problems.push(...transform.errors.map((e) => formatRowError(transform.describe(e))));
    for (const row of read.top) {
      if (row.rowNumber <= m.headerRow) continue;
      if (preview.rows.length >= (opts.rows ?? 5)) break;
      const raw = await transform.apply(row);
      if (raw === null) continue;
      const parsed = parseRow(table, raw);
      preview.rows.push({
        rowNumber: raw.rowNumber,
        cells: cellsAsText(raw.cells),
        errors: parsed.errors.map((e) => transform.describe(e)),
      });
    }
  }
  const mapping: ImportMapping = { name: opts.mapping?.name ?? '', sheets };
  problems.push(...mappingProblems(mapping));
  return { mapping, sheets: previews, problems };
}
