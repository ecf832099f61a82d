// Reading an office's own workbook through a mapping (common/exchange-mapping.ts): each mapped
// sheet becomes the SheetSource of its table, its rows transformed into exchange rows — headers
// renamed, values mapped, fixed values filled, units given by name resolved to their codes,
// dates in the office's writing normalised — BEFORE parseRow checks them. The apply path is
// untouched: a mapped import stages and writes exactly as an exchange-format one.
import { basename, extname } from 'node:path';
import {
  REQUIRED_COLUMNS,
  TABLE_COLUMNS,
  TABLE_NAMES,
  type RowError,
  type TableName,
} from '../../common/exchange.ts';
import { isOneOf } from '../../common/labels.ts';
import {
  DATE_FIELDS,
  UNIT_BY_NAME,
  mappingProblems,
  type ImportMapping,
  type SheetMapping,
} from '../../common/exchange-mapping.ts';
import { restoreCellText } from '../../common/spreadsheet-text.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { latestVersions } from '../../db/repositories/units.ts';
import { cellText } from './import-state.ts';
import {
  csvCells,
  csvErrorReason,
  csvRecords,
  excelCells,
  expandPath,
  isBlank,
  namesKnown,
  openWorkbook,
  repairWorksheet,
  sheetName,
  skipSheet,
  type CellValue,
  type OpenResult,
  type RawRow,
  type SheetSource,
} from './sources.ts';

/** One spreadsheet row as read: column index → value. */
export interface PlainRow {
  rowNumber: number;
  cells: [number, CellValue][];
}

export interface OfficeSheet {
  file: string;
  /** The worksheet's name; for a .csv file its name without .csv. */
  sheet: string;
  csv: boolean;
}

function csvSheetName(file: string): string {
  return basename(file, extname(file));
}

/** Every row of one sheet of a file, in order. */
export async function* sheetRows(s: OfficeSheet): AsyncGenerator<PlainRow> {
  if (s.csv) {
    for await (const { rowNumber, fields } of csvRecords(s.file))
      yield { rowNumber, cells: csvCells(fields) };
    return;
  }
  const workbook = openWorkbook(s.file);
  try {
    for await (const ws of workbook.reader) {
      if (sheetName(ws) !== s.sheet) {
        await skipSheet(ws);
        continue;
      }
      repairWorksheet(ws);
      for await (const row of ws) yield { rowNumber: row.number, cells: excelCells(row) };
    }
  } finally {
    workbook.close();
  }
}

/** The sheets of the given files (and folders), with the files' own errors. */
export async function listSheets(paths: string[]): Promise<{ sheets: OfficeSheet[]; errors: RowError[] }> {
  const sheets: OfficeSheet[] = [];
  const errors: RowError[] = [];
  for (const path of paths) {
    const found = await expandPath(path);
    errors.push(...found.errors);
    for (const file of found.files) {
      if (extname(file).toLowerCase() === '.csv') {
        sheets.push({ file, sheet: csvSheetName(file), csv: true });
        continue;
      }
      const workbook = openWorkbook(file);
      try {
        for await (const ws of workbook.reader) {
          if (!namesKnown(workbook.reader)) {
            errors.push(fileError(file, '无法识别工作表名称，请用 Excel 打开后另存为 .xlsx 再导入'));
            await skipSheet(ws);
            break;
          }
          sheets.push({ file, sheet: sheetName(ws), csv: false });
          await skipSheet(ws);
        }
      } catch (e) {
        errors.push(
          fileError(file, `不是有效的 .xlsx 文件（${e instanceof Error ? e.message : String(e)}）`),
        );
      } finally {
        workbook.close();
      }
    }
  }
  return { sheets, errors };
}

function fileError(file: string, reason: string): RowError {
  return { table: basename(file), row: 0, column: '', reason };
}

function textOf(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** The header cells of a row: column index → header text (non-empty only). */
export function headerCells(row: PlainRow | undefined): Map<number, string> {
  const headers = new Map<number, string>();
  for (const [index, value] of row?.cells ?? []) {
    const text = textOf(value);
    if (text !== '') headers.set(index, text);
  }
  return headers;
}

const DATE_WRITINGS = [/^(\d{4})[./年-](\d{1,2})[./月-](\d{1,2})日?$/, /^(\d{4})(\d{2})(\d{2})$/];

/** 2005.08.01, 2005/8/1, 2005年8月1日, 20050801 → 2005-08-01; anything else unchanged. */
export function normalizeDate(text: string): string {
  for (const shape of DATE_WRITINGS) {
    const m = shape.exec(text.trim());
    if (m) return `${m[1] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  }
  return text;
}

/** Units by name, per county, loaded from the database when first asked. */
export class UnitNames {
  private readonly byRegion = new Map<string, Map<string, string[]>>();

  constructor(private readonly db: Executor) {}

  /** The unit's code, or why there is none. */
  async resolve(regionCode: string, name: string): Promise<{ code: string } | { reason: string }> {
    let names = this.byRegion.get(regionCode);
    if (names === undefined) {
      names = new Map();
      for (const u of await latestVersions(this.db, [regionCode])) {
        if (u.abolishedOn !== null) continue;
        const codes = names.get(u.name) ?? [];
        codes.push(u.code);
        names.set(u.name, codes);
      }
      this.byRegion.set(regionCode, names);
    }
    const codes = names.get(name) ?? [];
    if (codes.length === 1 && codes[0] !== undefined) return { code: codes[0] };
    if (codes.length === 0) return { reason: `机构“${name}”不存在（行政区划 ${regionCode}）` };
    return {
      reason: `行政区划 ${regionCode} 有${codes.length}个机构名为“${name}”（${codes.join('、')}），请改用机构编码`,
    };
  }
}

/** How one mapped sheet turns its rows into exchange rows. */
export class SheetTransform {
  readonly columnMap: Map<number, string>;
  readonly errors: RowError[] = [];

  constructor(
    readonly mapping: SheetMapping & { table: TableName },
    headers: Map<number, string>,
    private readonly units: UnitNames,
  ) {
    const { table } = mapping;
    this.columnMap = new Map();
    const byHeader = new Map<string, number>();
    for (const [index, header] of headers) if (!byHeader.has(header)) byHeader.set(header, index);
    for (const [header, field] of Object.entries(mapping.columns)) {
      const index = byHeader.get(header);
      if (index === undefined) {
        this.errors.push({
          table,
          row: 0,
          column: header,
          reason: `映射中的列“${header}”在第${mapping.headerRow}行的表头中不存在`,
        });
      } else {
        this.columnMap.set(index, field);
      }
    }
    const provided = new Set([...this.columnMap.values(), ...Object.keys(mapping.constants)]);
    if (provided.has(UNIT_BY_NAME)) provided.add('机构编码');
    for (const column of REQUIRED_COLUMNS[table]) {
      if (!provided.has(column)) {
        this.errors.push({ table, row: 0, column, reason: '缺少该列：映射中没有对应的列，也没有固定值' });
      }
    }
  }

  /** Required columns the sheet cannot give (reported once, as header errors). */
  get missingColumns(): string[] {
    return this.errors
      .filter((e) => e.row === 0 && TABLE_COLUMNS[this.mapping.table].includes(e.column))
      .map((e) => e.column);
  }

  /** The exchange row of one data row; null for a row without any mapped value. */
  async apply(row: PlainRow): Promise<RawRow | null> {
    const { table, values, constants } = this.mapping;
    const cells: Record<string, CellValue> = {};
    for (const column of TABLE_COLUMNS[table]) cells[column] = null;
    let unitName: string | null = null;
    let empty = true;
    for (const [index, original] of row.cells) {
      const field = this.columnMap.get(index);
      if (field === undefined || isBlank(original)) continue;
      empty = false;
      let value: CellValue = typeof original === 'string' ? restoreCellText(original) : original;
      const mapped = values[field]?.[textOf(value)];
      if (mapped !== undefined) value = mapped === '' ? null : mapped;
      if (typeof value === 'string' && DATE_FIELDS.includes(field)) value = normalizeDate(value);
      if (field === UNIT_BY_NAME) unitName = value === null ? null : textOf(value);
      else cells[field] = value;
    }
    if (empty) return null;
    for (const [field, value] of Object.entries(constants)) {
      if (field in cells && isBlank(cells[field] ?? null) && value !== '') cells[field] = value;
    }
    const errors: RowError[] = [];
    const regionCode = cellText(cells['行政区划代码']);
    if (unitName !== null && regionCode !== null && /^\d{6}$/.test(regionCode)) {
      const found = await this.units.resolve(regionCode, unitName);
      if ('code' in found) cells['机构编码'] = found.code;
      else errors.push({ table, row: row.rowNumber, column: '机构编码', reason: found.reason });
    }
    return errors.length > 0
      ? { rowNumber: row.rowNumber, cells, errors }
      : { rowNumber: row.rowNumber, cells };
  }

  /**
   * An error as the office reads it: its sheet's name beside the table, its own header beside
   * the column.
   */
  describe(e: RowError): RowError {
    const { sheet, table, columns } = this.mapping;
    const header =
      Object.entries(columns).find(([, f]) => f === e.column)?.[0] ??
      (e.column === '机构编码'
        ? Object.entries(columns).find(([, f]) => f === UNIT_BY_NAME)?.[0]
        : undefined);
    return {
      ...e,
      table: sheet === table ? table : `${sheet}（${table}）`,
      column: header === undefined || header === e.column ? e.column : `${header}（${e.column}）`,
    };
  }
}

export interface MappedOpenResult extends OpenResult {
  /** Rewrites an import error in the office's words (its sheet and header names). */
  describe(e: RowError): RowError;
}

/** Opens the office's files through `mapping`: one SheetSource per mapped sheet. */
export async function openMappedSources(
  paths: string[],
  mapping: ImportMapping,
  db: Executor,
): Promise<MappedOpenResult> {
  const { sheets, errors } = await listSheets(paths);
  for (const reason of mappingProblems(mapping)) errors.push({ table: '映射', row: 0, column: '', reason });
  const units = new UnitNames(db);
  const sources: SheetSource[] = [];
  const transforms = new Map<TableName, SheetTransform>();
  for (const s of mapping.sheets) {
    if (s.table !== null && !sheets.some((found) => found.sheet === s.sheet)) {
      errors.push({ table: s.sheet, row: 0, column: '', reason: '映射中的工作表在文件中不存在' });
    }
  }
  for (const found of sheets) {
    const m = mapping.sheets.find((s) => s.sheet === found.sheet);
    if (m === undefined) {
      errors.push({
        table: found.sheet,
        row: 0,
        column: '',
        reason: '映射中没有该工作表；不导入的工作表请在映射中标为“不导入”',
      });
      continue;
    }
    const { table } = m;
    if (table === null) continue;
    if (transforms.has(table)) {
      errors.push({
        table: found.sheet,
        row: 0,
        column: '',
        reason: `另一个工作表已映射为${table}表，一张表只能来自一个工作表`,
      });
      continue;
    }
    const scanned = await scanSheet(found, m.headerRow);
    if ('reason' in scanned) {
      errors.push({ table: found.sheet, row: 0, column: '', reason: scanned.reason });
      continue;
    }
    const transform = new SheetTransform({ ...m, table }, scanned.headers, units);
    transforms.set(table, transform);
    errors.push(...transform.errors);
    sources.push({
      table,
      file: found.file,
      countRows: () => Promise.resolve(scanned.dataRows),
      estimateRows: () => Promise.resolve(scanned.dataRows),
      rows: () => mappedRows(found, m.headerRow, transform),
      missingColumns: transform.missingColumns,
      // The mapping's look-ups (unit names) read the database: rows are read in this thread.
      handle: null,
    });
  }
  return {
    sources,
    errors,
    describe: (e) => {
      const t = isOneOf(TABLE_NAMES, e.table) ? transforms.get(e.table) : undefined;
      return t === undefined ? e : t.describe(e);
    },
  };
}

async function scanSheet(
  s: OfficeSheet,
  headerRow: number,
): Promise<{ headers: Map<number, string>; dataRows: number } | { reason: string }> {
  let headers = new Map<number, string>();
  let dataRows = 0;
  try {
    for await (const row of sheetRows(s)) {
      if (row.rowNumber === headerRow) headers = headerCells(row);
      else if (row.rowNumber > headerRow && row.cells.some(([, v]) => !isBlank(v))) dataRows += 1;
    }
  } catch (e) {
    return {
      reason: s.csv ? csvErrorReason(e) : `无法读取工作表（${e instanceof Error ? e.message : String(e)}）`,
    };
  }
  if (headers.size === 0) return { reason: `第${headerRow}行应为表头（列名），但为空` };
  return { headers, dataRows };
}

async function* mappedRows(
  s: OfficeSheet,
  headerRow: number,
  transform: SheetTransform,
): AsyncGenerator<RawRow> {
  for await (const row of sheetRows(s)) {
    if (row.rowNumber <= headerRow) continue;
    const raw = await transform.apply(row);
    if (raw !== null) yield raw;
  }
}
