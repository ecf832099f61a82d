// Opening exchange files (spec/import-format.md): .xlsx workbooks with one sheet per table,
// `表名.csv` files, or directories of both. Headers are checked when the files are opened;
// data rows are streamed later, so a 100,000-row sheet is never held in memory.

import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import {
  MAX_CSV_RECORD_CHARS,
  OPTIONAL_COLUMNS,
  TABLE_COLUMNS,
  TABLE_NAMES,
  type RowError,
  type TableName,
} from '../../common/exchange.ts';
import { isOneOf } from '../../common/labels.ts';
import { AppError } from '../../errors.ts';
import { restoreCellText } from '../../common/spreadsheet-text.ts';
import { openXlsx, XlsxError, type XlsxSheet, type XlsxWorkbook } from './xlsx/reader.ts';

export type CellValue = string | number | boolean | Date | null;

export interface RawRow {
  /** The spreadsheet's own row number (header = 1). */
  rowNumber: number;
  /** Every column of the table, null where the cell is empty. */
  cells: Record<string, CellValue>;
  /** Errors found before the row was parsed (a mapped import's unit names): parseRow reports them. */
  errors?: RowError[];
}

export interface SheetSource {
  table: TableName;
  file: string;
  /** Non-empty data rows. */
  countRows(): Promise<number>;
  /**
   * About as many rows as countRows, for progress bars and the choice of the 人员 worker, without
   * a pass of the rows in this thread: exact for csv (counted when the header was checked), the
   * row elements after the header for a sheet (empty rows included, so never fewer).
   */
  estimateRows(): Promise<number>;
  rows(): AsyncIterable<RawRow>;
  /**
   * Columns of the table the file lacks (each already reported as a header error). The rows
   * are still read, so that one check reports every error of every sheet; their cells in
   * these columns read as empty, and errors about them are not reported again.
   */
  missingColumns: readonly string[];
  /** How another thread opens the same rows (`rowsOf`); null when only this one can (unreadable). */
  handle: SourceHandle | null;
}

/** A readable sheet as plain data, for a worker thread: its file, sheet and column map. */
export interface SourceHandle {
  file: string;
  /** The sheet's name in a workbook; null for csv. */
  sheet: string | null;
  /** Column index → column name. */
  columns: [number, string][];
}

export interface OpenOptions {
  /** Columns that are not part of the table are dropped instead of reported. */
  ignoreExtraColumns?: boolean;
}

export interface OpenResult {
  sources: SheetSource[];
  errors: RowError[];
}

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;
type ExcelRow = ExcelJS.Row;

// Styles are needed: exceljs only recognises a date cell by its number format.
const XLSX_READER_OPTIONS: ExcelJS.stream.xlsx.WorkbookStreamReaderOptions = {
  sharedStrings: 'cache',
  worksheets: 'emit',
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'ignore',
};

const CSV_PARSER_OPTIONS = {
  bom: true,
  delimiter: ',',
  // Short rows are common when trailing cells are empty; missing cells simply read as empty.
  relax_column_count: true,
  // A stray quote inside an unquoted field (ab"c) is kept as text rather than rejected.
  relax_quotes: true,
  // Empty lines must stay: they are rows of the sheet, and row numbers count them.
  skip_empty_lines: false,
} as const;

/** Where a table's columns sit in the file: column index → column name. */
type ColumnMap = ReadonlyMap<number, string>;

interface HeaderCell {
  index: number;
  name: string;
}

interface ScannedSheet {
  table: TableName;
  file: string;
  /** The sheet's name in a workbook; null for csv. */
  sheet: string | null;
  columns: ColumnMap;
  /** Non-empty data rows of a csv file (counted when its header is checked). */
  dataRows?: number;
  /** The workbook a sheet is read from; its rows are counted only when asked. */
  book?: XlsxWorkbook;
  /** False when the file cannot be read at all: the sheet still claims its table, but gives no rows. */
  readable: boolean;
}

interface ScanResult {
  sheets: ScannedSheet[];
  errors: RowError[];
}

/** Opens every table file among `paths` and checks its header row. */
export async function openSources(paths: string[], opts: OpenOptions = {}): Promise<OpenResult> {
  const errors: RowError[] = [];
  const files: string[] = [];
  for (const path of paths) {
    const found = await expandPath(path);
    files.push(...found.files);
    errors.push(...found.errors);
  }
  const sheets: ScannedSheet[] = [];
  for (const file of files) {
    const scanned = await scanFile(file, opts);
    sheets.push(...scanned.sheets);
    errors.push(...scanned.errors);
  }
  const sources = dropDuplicateTables(sheets, errors).map(toSource);
  return { sources, errors };
}

function fileError(file: string, reason: string): RowError {
  return { table: basename(file), row: 0, column: '', reason };
}

function tableError(table: TableName, column: string, reason: string): RowError {
  return { table, row: 0, column, reason };
}

function isTableFile(name: string): boolean {
  const ext = extname(name).toLowerCase();
  // `~$x.xlsx` is the lock file Excel keeps next to an open workbook.
  return (ext === '.xlsx' || ext === '.csv') && !name.startsWith('~$') && !name.startsWith('.');
}

export async function expandPath(path: string): Promise<{ files: string[]; errors: RowError[] }> {
  const info = await stat(path).catch(() => null);
  if (info === null)
    return { files: [], errors: [{ table: path, row: 0, column: '', reason: '文件或目录不存在' }] };
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter(isTableFile).sort();
    if (names.length === 0) {
      return {
        files: [],
        errors: [{ table: path, row: 0, column: '', reason: '目录中没有 .xlsx 或 .csv 文件' }],
      };
    }
    return { files: names.map((name) => join(path, name)), errors: [] };
  }
  if (!isTableFile(basename(path))) {
    return { files: [], errors: [fileError(path, '不支持的文件类型，应为 .xlsx 或 .csv')] };
  }
  return { files: [path], errors: [] };
}

function scanFile(file: string, opts: OpenOptions): Promise<ScanResult> {
  return extname(file).toLowerCase() === '.xlsx' ? scanWorkbook(file, opts) : scanCsv(file, opts);
}

/** The first file of a table wins; each further one is an error (a table must come from one file). */
function dropDuplicateTables(sheets: ScannedSheet[], errors: RowError[]): ScannedSheet[] {
  const byTable = new Map<TableName, ScannedSheet>();
  for (const sheet of sheets) {
    const first = byTable.get(sheet.table);
    if (first === undefined) {
      byTable.set(sheet.table, sheet);
      continue;
    }
    errors.push(
      tableError(sheet.table, '', `该表出现在多个文件中：${describe(first)}、${describe(sheet)}，只能有一个`),
    );
  }
  return [...byTable.values()];
}

function describe(sheet: ScannedSheet): string {
  const name = basename(sheet.file);
  return sheet.sheet === null ? name : `${name} 的工作表“${sheet.sheet}”`;
}

function toSource(sheet: ScannedSheet): SheetSource {
  const present = new Set(sheet.columns.values());
  const book = sheet.book;
  let counted: Promise<number> | null = null;
  let estimated: Promise<number> | null = null;
  return {
    table: sheet.table,
    file: sheet.file,
    countRows: () => {
      if (!sheet.readable) return Promise.resolve(0);
      if (book === undefined) return Promise.resolve(sheet.dataRows ?? 0);
      counted ??= countWorkbookRows(sheet, book);
      return counted;
    },
    estimateRows: () => {
      if (!sheet.readable) return Promise.resolve(0);
      if (book === undefined) return Promise.resolve(sheet.dataRows ?? 0);
      estimated ??= estimateWorkbookRows(sheet, book);
      return estimated;
    },
    rows: () => (!sheet.readable ? NO_ROWS : book === undefined ? csvRows(sheet) : workbookRows(sheet, book)),
    missingColumns: TABLE_COLUMNS[sheet.table].filter((c) => !present.has(c)),
    handle: sheet.readable ? { file: sheet.file, sheet: sheet.sheet, columns: [...sheet.columns] } : null,
  };
}

/** The rows of a sheet opened again from its handle (in a worker thread: the file is read anew). */
export async function* rowsOf(handle: SourceHandle): AsyncGenerator<RawRow> {
  const columns = new Map(handle.columns);
  if (handle.sheet === null) {
    yield* csvRows({ file: handle.file, columns });
    return;
  }
  yield* workbookRows({ sheet: handle.sheet, columns }, await openXlsx(handle.file));
}

/** What a file that cannot be read at all gives. */
const NO_ROWS: AsyncIterable<RawRow> = {
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }),
};

// ---------------------------------------------------------------------------------------------
// Header

interface HeaderCheck {
  columns: ColumnMap;
  errors: RowError[];
}

function checkHeader(table: TableName, header: HeaderCell[], opts: OpenOptions): HeaderCheck {
  const named = header.map((h) => ({ index: h.index, name: h.name.trim() })).filter((h) => h.name !== '');
  if (named.length === 0)
    return { columns: new Map(), errors: [tableError(table, '', '第1行应为表头（列名），但为空')] };
  if (named.some((h) => h.name.includes('\uFFFD'))) {
    // GBK is what Excel writes for "CSV (逗号分隔)" on Chinese Windows; decoded as UTF-8 it is garbage.
    return {
      columns: new Map(),
      errors: [tableError(table, '', '文件不是 UTF-8 编码，请另存为“CSV UTF-8（逗号分隔）”')],
    };
  }
  const known = TABLE_COLUMNS[table];
  const columns = new Map<number, string>();
  const seen = new Set<string>();
  const errors: RowError[] = [];
  for (const { index, name } of named) {
    if (!known.includes(name)) {
      if (!opts.ignoreExtraColumns && !seen.has(name)) {
        errors.push(tableError(table, name, `未知的列，${table}表的列为：${known.join('、')}`));
      }
    } else if (seen.has(name)) {
      if (!errors.some((e) => e.column === name)) errors.push(tableError(table, name, '列名重复'));
    } else {
      columns.set(index, name);
    }
    seen.add(name);
  }
  for (const name of known) {
    if (!seen.has(name) && !OPTIONAL_COLUMNS[table]?.includes(name))
      errors.push(tableError(table, name, '缺少该列'));
  }
  return { columns, errors };
}

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** Every column of the table present (null when empty); null for a row without any value. */
function toRawRow(
  rowNumber: number,
  values: Iterable<[number, CellValue]>,
  columns: ColumnMap,
): RawRow | null {
  const cells: Record<string, CellValue> = {};
  for (const name of columns.values()) cells[name] = null;
  let empty = true;
  for (const [index, value] of values) {
    const name = columns.get(index);
    if (name === undefined || isBlank(value)) continue;
    // An exported cell may carry the quote that neutralized a formula: the value is without it.
    cells[name] = typeof value === 'string' ? restoreCellText(value) : value;
    empty = false;
  }
  return empty ? null : { rowNumber, cells };
}

// ---------------------------------------------------------------------------------------------
// xlsx

export function sheetName(ws: WorksheetReader): string {
  // exceljs sets the name at run time but its typings leave it out.
  return 'name' in ws && typeof ws.name === 'string' ? ws.name : '';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Reads past a sheet that is not wanted. The workbook is one zip stream, so the sheet must be
 * consumed; draining its raw XML (exceljs's `iterator`, not typed) is far cheaper than parsing
 * its rows, which remains the fallback.
 */
export async function skipSheet(ws: WorksheetReader): Promise<void> {
  const raw = 'iterator' in ws ? ws.iterator : undefined;
  if (isAsyncIterable(raw)) {
    for await (const _chunk of raw) {
      // discarded
    }
    return;
  }
  for await (const _row of ws) {
    // discarded
  }
}

// ---------------------------------------------------------------------------------------------
// Repairs of exceljs 4.4's streaming reader. They reach into its internals; if those ever
// change, reading fails loudly (ExcelReaderChanged) rather than returning wrong data.
//
// 1. Lost entries: unzipper's Parse emits 'end' as soon as the zip has been read, while
//    entries it pushed may still wait in its buffer because exceljs paused it to process an
//    earlier one. Those entries are silently dropped; when they include xl/workbook.xml the
//    sheets come out as "Sheet1", "Sheet2" … (cf. exceljs#2790). Keeping the stream flowing
//    hands every entry to exceljs's own queue before that 'end'.
// 2. Broken characters: exceljs decodes each chunk of an entry on its own, so a Chinese
//    character split between two chunks becomes "���" (exceljs#2063, #2084, #2316). Shared
//    strings and sheets are handed to its XML parser already decoded.

/** A bug of ours, not of the file: never reported as a file error. */
class ExcelReaderChanged extends Error {
  constructor(hook: string) {
    super(`exceljs 的内部结构已变化（${hook}），无法安全读取 .xlsx`);
  }
}

/** The workbook's bytes; whatever exceljs pipes them into (the unzip parser) is never paused. */
class ZipFeed extends PassThrough {
  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    if (!('pause' in destination) || typeof destination.pause !== 'function') {
      throw new ExcelReaderChanged('WorkbookReader 的解压流');
    }
    Object.assign(destination, { pause: () => destination });
    // pipe() does not pass errors on, and exceljs would wait for the unzip parser forever.
    this.on('error', (e) => destination.emit('error', e));
    return super.pipe(destination, options);
  }
}

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') yield chunk;
    else if (chunk instanceof Uint8Array) yield decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

export function repairWorksheet(ws: WorksheetReader): void {
  const raw = 'iterator' in ws ? ws.iterator : undefined;
  if (!isAsyncIterable(raw)) throw new ExcelReaderChanged('WorksheetReader.iterator');
  Object.assign(ws, { iterator: decodeUtf8(raw) });
}

type EntryParser = (this: unknown, entry: unknown) => unknown;

function isEntryParser(value: unknown): value is EntryParser {
  return typeof value === 'function';
}

/** A stream with an encoding emits strings, decoded across chunk boundaries. */
function setUtf8(entry: unknown): void {
  if (typeof entry !== 'object' || entry === null) return;
  if (!('setEncoding' in entry) || typeof entry.setEncoding !== 'function') {
    throw new ExcelReaderChanged('WorkbookReader._parseSharedStrings 的参数');
  }
  entry.setEncoding('utf8');
}

interface OpenWorkbook {
  reader: ExcelJS.stream.xlsx.WorkbookReader;
  close(): void;
}

export function openWorkbook(file: string): OpenWorkbook {
  const input = createReadStream(file);
  const feed = new ZipFeed();
  input.on('error', (e) => feed.destroy(e));
  input.pipe(feed);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(feed, XLSX_READER_OPTIONS);
  const original: unknown = Reflect.get(reader, '_parseSharedStrings');
  if (!isEntryParser(original)) throw new ExcelReaderChanged('WorkbookReader._parseSharedStrings');
  const repaired: EntryParser = function (this: unknown, entry: unknown) {
    setUtf8(entry);
    return original.call(this, entry);
  };
  Reflect.set(reader, '_parseSharedStrings', repaired);
  return {
    reader,
    close: () => {
      input.destroy();
      feed.destroy();
    },
  };
}

/** Reduces an exceljs cell value (rich text, formula, hyperlink, error) to a plain value. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map(runText).join('');
  // A formula counts by the result Excel last computed; without one the cell is empty to us.
  if ('formula' in value || 'sharedFormula' in value)
    return 'result' in value ? toCellValue(value.result) : null;
  if ('error' in value) return String(value.error);
  if ('text' in value) return toCellValue(value.text);
  return null;
}

function runText(run: unknown): string {
  return typeof run === 'object' && run !== null && 'text' in run && typeof run.text === 'string'
    ? run.text
    : '';
}

export function excelCells(row: ExcelRow): [number, CellValue][] {
  const cells: [number, CellValue][] = [];
  row.eachCell((cell, col) => cells.push([col, toCellValue(cell.value)]));
  return cells;
}

async function scanWorkbook(file: string, opts: OpenOptions): Promise<ScanResult> {
  const result: ScanResult = { sheets: [], errors: [] };
  let book: XlsxWorkbook;
  try {
    book = await openXlsx(file);
  } catch (e) {
    if (!(e instanceof XlsxError)) throw e;
    result.errors.push(fileError(file, `不是有效的 .xlsx 文件（${e.message}）`));
    return result;
  }
  for (const sheet of book.sheets) {
    if (!isOneOf(TABLE_NAMES, sheet.name)) {
      result.errors.push(
        fileError(file, `工作表“${sheet.name}”不是已知的表名，应为：${TABLE_NAMES.join('、')}`),
      );
      continue;
    }
    try {
      const header = await workbookHeader(book, sheet, opts);
      result.errors.push(...header.errors);
      result.sheets.push({
        table: sheet.name,
        file,
        sheet: sheet.name,
        columns: header.columns,
        book,
        readable: header.columns.size > 0,
      });
    } catch (e) {
      if (!(e instanceof XlsxError)) throw e;
      result.errors.push(fileError(file, `不是有效的 .xlsx 文件（${e.message}）`));
    }
  }
  return result;
}

/** The header check of a sheet: only its first rows are read. */
async function workbookHeader(book: XlsxWorkbook, sheet: XlsxSheet, opts: OpenOptions): Promise<HeaderCheck> {
  const table = sheet.name as TableName;
  for await (const batch of book.rows(sheet)) {
    const first = batch[0];
    if (first === undefined) continue;
    // No row 1 at all: the sheet is empty or its header is further down, both wrong.
    if (first.number !== 1) break;
    return checkHeader(
      table,
      first.cells.map(([index, value]) => ({ index, name: headerText(value) })),
      opts,
    );
  }
  return checkHeader(table, [], opts);
}

export function namesKnown(reader: ExcelJS.stream.xlsx.WorkbookReader): boolean {
  return Reflect.get(reader, 'model') !== undefined;
}

function headerText(value: CellValue): string {
  return value === null ? '' : String(value);
}

async function* workbookRows(
  sheet: Pick<ScannedSheet, 'sheet' | 'columns'>,
  book: XlsxWorkbook,
): AsyncGenerator<RawRow> {
  const part = book.sheets.find((s) => s.name === sheet.sheet);
  if (part === undefined) return;
  for await (const batch of book.rows(part)) {
    for (const row of batch) {
      if (row.number <= 1) continue;
      const raw = toRawRow(row.number, row.cells, sheet.columns);
      if (raw !== null) yield raw;
    }
  }
}

/** The row elements after the header (a sheet whose rows the byte count cannot see: counted). */
async function estimateWorkbookRows(sheet: ScannedSheet, book: XlsxWorkbook): Promise<number> {
  const part = book.sheets.find((s) => s.name === sheet.sheet);
  if (part === undefined) return 0;
  const elements = await book.countRowElements(part);
  return elements > 0 ? elements - 1 : countWorkbookRows(sheet, book);
}

/** Non-empty data rows of a sheet: one pass of the fast reader, run once when asked. */
async function countWorkbookRows(sheet: ScannedSheet, book: XlsxWorkbook): Promise<number> {
  let rows = 0;
  for await (const _ of workbookRows(sheet, book)) rows += 1;
  return rows;
}

// ---------------------------------------------------------------------------------------------
// csv

function csvTable(file: string): string {
  return basename(file, extname(file));
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export interface CsvRecord {
  rowNumber: number;
  fields: string[];
}

/**
 * Records of a csv file, numbered as a spreadsheet shows them (a quoted line break stays in its
 * row). A file without any quote and with one kind of line break (what Excel and the exchange
 * export write for plain data) is split by its line breaks and commas, which gives exactly what
 * the full parser gives, several times faster; any other file goes through csv-parse.
 */
export async function* csvRecords(file: string): AsyncGenerator<CsvRecord> {
  const layout = await plainCsvLayout(file);
  yield* layout === null ? parsedCsvRecords(file) : plainCsvRecords(file, layout);
}

const READ_CHUNK = 1 << 20;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The line break of a csv file that has no quote character and only one kind of line break
 * (`\n` alone or `\r\n` throughout); null for any other file (it needs the full parser).
 */
export async function plainCsvLayout(file: string): Promise<'\n' | '\r\n' | null> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(READ_CHUNK);
    let cr = 0;
    let lf = 0;
    let crlf = 0;
    let previous = -1;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      if (chunk.includes(QUOTE)) return null;
      if (previous === CR && chunk[0] === LF) crlf += 1;
      for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
        lf += 1;
        if (i > 0 && chunk[i - 1] === CR) crlf += 1;
      }
      for (let i = chunk.indexOf(CR); i !== -1; i = chunk.indexOf(CR, i + 1)) cr += 1;
      previous = chunk[bytesRead - 1] ?? -1;
    }
    if (cr === 0) return '\n';
    return cr === crlf && lf === crlf ? '\r\n' : null;
  } finally {
    await handle.close();
  }
}

async function* plainCsvRecords(file: string, lineBreak: '\n' | '\r\n'): AsyncGenerator<CsvRecord> {
  for await (const { rowNumber, line } of plainCsvLines(file, lineBreak))
    yield { rowNumber, fields: line.split(',') };
}

/** The lines of a plain csv file (see csvRecords), each still one string. */
async function* plainCsvLines(
  file: string,
  lineBreak: '\n' | '\r\n',
): AsyncGenerator<{ rowNumber: number; line: string }> {
  const handle = await open(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.alloc(READ_CHUNK);
    let rest = '';
    let rowNumber = 0;
    let first = true;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, READ_CHUNK, null);
      let text = rest + (bytesRead === 0 ? decoder.end() : decoder.write(buf.subarray(0, bytesRead)));
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      const lines = text.split(lineBreak);
      // The last piece may be cut by the chunk; at the end it is the last record (if any).
      rest = lines.pop() ?? '';
      for (const line of lines) {
        rowNumber += 1;
        if (line.length > MAX_CSV_RECORD_CHARS) throw recordTooLong(file, rowNumber);
        yield { rowNumber, line };
      }
      // (A line break cut by the chunk may leave its \r at the end of `rest`: not the line's.)
      if (rest.length > MAX_CSV_RECORD_CHARS + 1) throw recordTooLong(file, rowNumber + 1);
      if (bytesRead === 0) break;
    }
    if (rest.length > MAX_CSV_RECORD_CHARS) throw recordTooLong(file, rowNumber + 1);
    if (rest !== '') yield { rowNumber: rowNumber + 1, line: rest };
  } finally {
    await handle.close();
  }
}

/** A line of a csv file too long to be a row (MAX_CSV_RECORD_CHARS): the file is not read on. */
function recordTooLong(file: string, rowNumber: number): AppError {
  return new AppError(
    'VALIDATION',
    `${basename(file)} 第 ${rowNumber} 行超过 ${MAX_CSV_RECORD_CHARS} 字，不是有效的表格行（文件可能已损坏）`,
  );
}

/** Records of any csv file, through csv-parse. */
export async function* parsedCsvRecords(file: string): AsyncGenerator<CsvRecord> {
  const input = createReadStream(file);
  // csv-parse counts the field being read in UTF-8 bytes and the record's finished fields in
  // characters (up to 3 bytes each here): three times the limit refuses no line within it.
  const parser = parseCsv({ ...CSV_PARSER_OPTIONS, max_record_size: 3 * MAX_CSV_RECORD_CHARS });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let rowNumber = 0;
  try {
    for await (const record of parser) {
      rowNumber += 1;
      if (isStringArray(record)) yield { rowNumber, fields: record };
    }
  } catch (e) {
    if ((e as { code?: unknown }).code === 'CSV_MAX_RECORD_SIZE') throw recordTooLong(file, rowNumber + 1);
    throw e;
  } finally {
    input.destroy();
  }
}

/** Whether a csv record has a value in one of the table's columns (what toRawRow keeps), without building it. */
export function hasValue(fields: readonly string[], columns: ColumnMap): boolean {
  for (const index of columns.keys()) {
    const value = fields[index];
    if (value !== undefined && value.trim() !== '') return true;
  }
  return false;
}

/**
 * hasValue for a plain csv line (no quotes: its fields are what lies between commas), without
 * splitting it: the field of its first character that String.prototype.trim would keep decides,
 * and only when that field is not one of the table's columns is the search carried on.
 */
export function lineHasValue(line: string, columns: ColumnMap): boolean {
  let field = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x2c) {
      field += 1;
      continue;
    }
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && WHITESPACE.test(line.charAt(i)))) continue;
    if (columns.has(field)) return true;
    const next = line.indexOf(',', i);
    if (next < 0) return false;
    field += 1;
    i = next;
  }
  return false;
}

/** What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator): /\s/. */
const WHITESPACE = /\s/;

export function csvCells(fields: string[]): [number, CellValue][] {
  return fields.map((value, index) => [index, value]);
}

async function scanCsv(file: string, opts: OpenOptions): Promise<ScanResult> {
  const table = csvTable(file);
  if (!isOneOf(TABLE_NAMES, table)) {
    return {
      sheets: [],
      errors: [fileError(file, `文件名应为表名，即：${TABLE_NAMES.map((t) => `${t}.csv`).join('、')}`)],
    };
  }
  let header: HeaderCheck | null = null;
  let dataRows = 0;
  const headerOf = (fields: string[]) =>
    checkHeader(
      table,
      fields.map((name, index) => ({ index, name })),
      opts,
    );
  try {
    // A plain file's rows are counted without splitting them into fields.
    const layout = await plainCsvLayout(file);
    if (layout !== null) {
      for await (const { rowNumber, line } of plainCsvLines(file, layout)) {
        if (rowNumber === 1) header = headerOf(line.split(','));
        else if (header !== null && lineHasValue(line, header.columns)) dataRows += 1;
      }
    } else {
      for await (const { rowNumber, fields } of parsedCsvRecords(file)) {
        if (rowNumber === 1) header = headerOf(fields);
        else if (header !== null && hasValue(fields, header.columns)) dataRows += 1;
      }
    }
  } catch (e) {
    const unreadable: ScannedSheet = {
      table,
      file,
      sheet: null,
      columns: new Map(),
      dataRows: 0,
      readable: false,
    };
    return { sheets: [unreadable], errors: [tableError(table, '', csvErrorReason(e))] };
  }
  const checked = header ?? checkHeader(table, [], opts);
  const readable = checked.columns.size > 0;
  return {
    sheets: [{ table, file, sheet: null, columns: checked.columns, dataRows, readable }],
    errors: checked.errors,
  };
}

export function csvErrorReason(e: unknown): string {
  if (!(e instanceof Error)) return `无法读取 CSV 文件（${String(e)}）`;
  const code = 'code' in e ? e.code : undefined;
  const line = 'lines' in e && typeof e.lines === 'number' ? `第${e.lines}行附近` : '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return `CSV 格式错误：${line}引号未闭合`;
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return `CSV 格式错误：${line}引号后应为逗号或换行`;
  return `无法读取 CSV 文件（${e.message}）`;
}

async function* csvRows(sheet: Pick<ScannedSheet, 'file' | 'columns'>): AsyncGenerator<RawRow> {
  for await (const { rowNumber, fields } of csvRecords(sheet.file)) {
    if (rowNumber === 1) continue;
    const raw = toRawRow(rowNumber, csvCells(fields), sheet.columns);
    if (raw !== null) yield raw;
  }
}
