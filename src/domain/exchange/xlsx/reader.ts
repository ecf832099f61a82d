// The fast .xlsx reader for exchange files: the workbook's sheets, shared strings and date
// styles are read first (each from its own zip entry, whatever their order in the file), then
// a sheet's rows are streamed. Cell values are those exceljs 4.4's streaming reader gives for
// the same cell (see toCellValue in ../sources.ts), except where exceljs is wrong; those cases
// are listed in docs/ARCHITECTURE.md and tested in reader.test.ts.

import { posix } from 'node:path';
import { entryStream, readZipEntries, ZipError, type ZipEntry } from './zip.ts';
import { attribute, parseAttributes, tokenize, tokenizeChunks, XmlError, type XmlHandler } from './xml.ts';

export type XlsxValue = string | number | boolean | Date | null;

export interface XlsxRow {
  /** The row's number in the sheet (its r attribute). */
  number: number;
  /** [column (1 = A), value] in the order of the file; empty cells are left out. */
  cells: [number, XlsxValue][];
}

export interface XlsxSheet {
  name: string;
  /** The zip entry holding the sheet. */
  path: string;
  /** Rows the sheet's <dimension> spans (last row − first row + 1); null when it has none. */
  dimensionRows: number | null;
}

export interface XlsxWorkbook {
  file: string;
  /** Sheets in the order their parts are stored. */
  sheets: XlsxSheet[];
  rows(sheet: XlsxSheet): AsyncGenerator<XlsxRow[]>;
  /**
   * The sheet's row elements (`<row …>`, empty rows included), counted in its inflated bytes
   * without decoding or parsing them: a fifth of a pass of `rows` or less.
   */
  countRowElements(sheet: XlsxSheet): Promise<number>;
}

/** A file error (damaged, hostile or not an .xlsx); the message is Chinese and can be shown. */
export class XlsxError extends Error {}

const MB = 1024 * 1024;
/** A sheet streams, so its limit only bounds time: 4 GB of XML is ~20 million rows. */
export const MAX_SHEET_BYTES = 4096 * MB;
/** Shared strings are held in memory: at most this much XML. */
export const MAX_SHARED_STRINGS_BYTES = 512 * MB;
/** workbook.xml, its rels, styles.xml. */
const MAX_SMALL_PART_BYTES = 64 * MB;

/** Built-in number formats exceljs knows; the others have no format code (never a date). */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/** exceljs's test: a format with a date or time letter outside quotes and brackets. */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** exceljs's conversion of a serial day number to a Date (UTC). */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** Column letters (A, Z, AA, XFD) to a 1-based column number; 0 when there are none. */
export function columnNumber(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function wrap(e: unknown): never {
  if (e instanceof ZipError || e instanceof XmlError) throw new XlsxError(e.message);
  throw e;
}

export async function openXlsx(file: string): Promise<XlsxWorkbook> {
  try {
    return await open(file);
  } catch (e) {
    return wrap(e);
  }
}

async function open(file: string): Promise<XlsxWorkbook> {
  const entries = await readZipEntries(file);
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const part = (name: string): ZipEntry | undefined => byName.get(name);
  const workbookEntry = part('xl/workbook.xml');
  if (workbookEntry === undefined) throw new XlsxError('缺少 xl/workbook.xml，不是 Excel 工作簿');
  const workbook = await readWorkbookPart(file, workbookEntry);
  const relsEntry = part('xl/_rels/workbook.xml.rels');
  const rels = relsEntry === undefined ? new Map<string, string>() : await readRels(file, relsEntry);
  const stylesEntry = part('xl/styles.xml');
  const styles = stylesEntry === undefined ? [] : await readStyles(file, stylesEntry);
  const stringsEntry = part('xl/sharedStrings.xml');
  let strings: (string | null)[] | null = null;
  const order = new Map(entries.map((e, i) => [e.name.replace(/^\//, ''), i]));
  const sheets: XlsxSheet[] = [];
  for (const s of workbook.sheets) {
    const target = rels.get(s.rId);
    if (target === undefined) continue;
    const path = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
    if (!byName.has(path)) continue;
    sheets.push({ name: s.name, path, dimensionRows: null });
  }
  sheets.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  for (const sheet of sheets) {
    const entry = byName.get(sheet.path);
    if (entry !== undefined) sheet.dimensionRows = await readDimension(file, entry);
  }
  return {
    file,
    sheets,
    async *rows(sheet: XlsxSheet): AsyncGenerator<XlsxRow[]> {
      const entry = byName.get(sheet.path);
      if (entry === undefined) return;
      try {
        if (strings === null)
          strings = stringsEntry === undefined ? [] : await readSharedStrings(file, stringsEntry);
        const handler = new SheetHandler(strings, styles, workbook.date1904);
        const bytes = await entryStream(file, entry, MAX_SHEET_BYTES);
        for await (const _ of tokenizeChunks(bytes, handler)) {
          if (handler.rows.length === 0) continue;
          const rows = handler.rows;
          handler.rows = [];
          yield rows;
        }
      } catch (e) {
        wrap(e);
      }
    },
    async countRowElements(sheet: XlsxSheet): Promise<number> {
      const entry = byName.get(sheet.path);
      if (entry === undefined) return 0;
      try {
        return countRowTags(await entryStream(file, entry, MAX_SHEET_BYTES));
      } catch (e) {
        return wrap(e);
      }
    },
  };
}

const ROW_TAG = Buffer.from('<row');

/**
 * Occurrences of `<row` followed by a space, `>` or `/` (the element, not `<rowBreaks`) in UTF-8
 * XML. A `<` in text or attribute values is always escaped, so each is a row element.
 */
export async function countRowTags(bytes: AsyncIterable<Buffer>): Promise<number> {
  let rows = 0;
  // The last bytes of the previous chunk: a tag may be cut between two.
  let carry = Buffer.alloc(0);
  for await (const chunk of bytes) {
    const s = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let last = -1;
    for (let i = s.indexOf(ROW_TAG); i >= 0; i = s.indexOf(ROW_TAG, i + 1)) {
      const after = s[i + ROW_TAG.length];
      if (after === undefined) break; // cut: counted with the next chunk
      last = i;
      if (
        after === 0x20 ||
        after === 0x3e ||
        after === 0x2f ||
        after === 0x09 ||
        after === 0x0a ||
        after === 0x0d
      )
        rows += 1;
    }
    // Keep what could be the start of a tag not yet decided (at most `<row`, from after the last one seen).
    const keepFrom = Math.max(last + 1, s.length - ROW_TAG.length);
    carry = Buffer.from(s.subarray(keepFrom));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// workbook.xml, rels, styles, shared strings

interface WorkbookPart {
  sheets: { name: string; rId: string }[];
  date1904: boolean;
}

async function readWorkbookPart(file: string, entry: ZipEntry): Promise<WorkbookPart> {
  const out: WorkbookPart = { sheets: [], date1904: false };
  await tokenize(await entryStream(file, entry, MAX_SMALL_PART_BYTES), {
    wantText: false,
    open(name, attrs) {
      if (name === 'sheet') {
        const a = parseAttributes(attrs);
        out.sheets.push({ name: a['name'] ?? '', rId: a['id'] ?? '' });
      } else if (name === 'workbookPr') {
        const value = parseAttributes(attrs)['date1904'];
        out.date1904 = value === '1' || value === 'true';
      }
    },
    close() {},
    text() {},
  });
  return out;
}

async function readRels(file: string, entry: ZipEntry): Promise<Map<string, string>> {
  const rels = new Map<string, string>();
  await tokenize(await entryStream(file, entry, MAX_SMALL_PART_BYTES), {
    wantText: false,
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const a = parseAttributes(attrs);
      if (a['Id'] !== undefined && a['Target'] !== undefined) rels.set(a['Id'], a['Target']);
    },
    close() {},
    text() {},
  });
  return rels;
}

/** For each cell style (cellXfs index): whether its number format is a date format. */
async function readStyles(file: string, entry: ZipEntry): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await tokenize(await entryStream(file, entry, MAX_SMALL_PART_BYTES), {
    wantText: false,
    open(name, attrs) {
      if (name === 'numFmt') {
        const a = parseAttributes(attrs);
        formats.set(Number(a['numFmtId']), (a['formatCode'] ?? '').replace(/[\\](.)/g, '$1'));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(parseAttributes(attrs)['numFmtId'] ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfFormats.map((id) => {
    if (!id) return false;
    const format = formats.get(id) ?? BUILTIN_FORMATS[id];
    return format !== undefined && isDateFormat(format);
  });
}

/** Shared strings: rich-text runs joined, phonetic guides (<rPh>) left out. */
async function readSharedStrings(file: string, entry: ZipEntry): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  const handler = new SharedStringsHandler(strings);
  await tokenize(await entryStream(file, entry, MAX_SHARED_STRINGS_BYTES), handler);
  return strings;
}

class SharedStringsHandler implements XmlHandler {
  wantText = false;
  private current: string | null = null;
  private inPhonetic = false;
  constructor(private readonly strings: (string | null)[]) {}
  open(name: string): void {
    if (name === 'si') this.current = null;
    else if (name === 'rPh') this.inPhonetic = true;
    else if (name === 't' && !this.inPhonetic) {
      this.wantText = true;
      this.current ??= '';
    }
  }
  close(name: string): void {
    if (name === 't') this.wantText = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'si') this.strings.push(this.current);
  }
  text(text: string): void {
    this.current = (this.current ?? '') + text;
  }
}

/** The rows <dimension ref="A1:K1000001"> spans: read from the sheet's first bytes only. */
async function readDimension(file: string, entry: ZipEntry): Promise<number | null> {
  let rows: number | null = null;
  let done = false;
  const handler: XmlHandler = {
    wantText: false,
    open(name, attrs) {
      if (name === 'dimension') {
        const ref = parseAttributes(attrs)['ref'] ?? '';
        const [first, last = first] = ref.split(':');
        const top = Number((first ?? '').replace(/^[A-Za-z]+/, ''));
        const bottom = Number((last ?? '').replace(/^[A-Za-z]+/, ''));
        if (top > 0 && bottom >= top) rows = bottom - top + 1;
        done = true;
      } else if (name === 'sheetData') done = true;
    },
    close() {},
    text() {},
  };
  const bytes = await entryStream(file, entry, MAX_SHEET_BYTES);
  for await (const _ of tokenizeChunks(bytes, handler)) {
    if (done) break;
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Sheet

const enum Capture {
  None,
  Value,
  Inline,
}

class SheetHandler implements XmlHandler {
  rows: XlsxRow[] = [];
  wantText = false;
  private row: XlsxRow | null = null;
  private rowDate = false;
  private lastRow = 0;
  private lastCol = 0;
  private inSheetData = false;
  // the cell being read
  private inCell = false;
  private col = 0;
  private type = '';
  private date = false;
  private formula = false;
  private value: string | null = null;
  private inInline = false;
  private inPhonetic = false;
  private capture = Capture.None;

  constructor(
    private readonly strings: readonly (string | null)[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
  ) {}

  /** exceljs applies a style only when s is not 0 and names an existing style. */
  private style(s: string | undefined): boolean | undefined {
    if (s === undefined) return undefined;
    const id = parseInt(s, 10);
    return id ? this.dateStyles[id] : undefined;
  }

  open(name: string, attrs: string): void {
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        return;
      case 'row': {
        if (!this.inSheetData) return;
        const ref = attribute(attrs, 'r');
        const r = ref === undefined ? NaN : parseInt(ref, 10);
        this.lastRow = Number.isNaN(r) ? this.lastRow + 1 : r;
        this.lastCol = 0;
        this.row = { number: this.lastRow, cells: [] };
        this.rowDate = this.style(attribute(attrs, 's')) ?? false;
        return;
      }
      case 'c': {
        if (this.row === null) return;
        const ref = attribute(attrs, 'r');
        const col = ref === undefined ? 0 : columnNumber(ref);
        this.col = col > 0 ? col : this.lastCol + 1;
        this.lastCol = this.col;
        this.type = attribute(attrs, 't') ?? 'n';
        this.date = this.style(attribute(attrs, 's')) ?? this.rowDate;
        this.formula = false;
        this.value = null;
        this.inCell = true;
        return;
      }
      case 'f':
        if (this.inCell) this.formula = true;
        return;
      case 'v':
        if (!this.inCell) return;
        this.value = '';
        this.capture = Capture.Value;
        this.wantText = true;
        return;
      case 'is':
        if (!this.inCell) return;
        this.value = '';
        this.inInline = true;
        return;
      case 'rPh':
        this.inPhonetic = true;
        return;
      case 't':
        if (!this.inInline || this.inPhonetic) return;
        this.capture = Capture.Inline;
        this.wantText = true;
        return;
    }
  }

  text(text: string): void {
    if (this.capture !== Capture.None) this.value += text;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = Capture.None;
        this.wantText = false;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'rPh':
        this.inPhonetic = false;
        return;
      case 'c':
        if (!this.inCell || this.row === null) return;
        this.inCell = false;
        this.pushCell(this.row);
        return;
      case 'row':
        if (this.row !== null) this.rows.push(this.row);
        this.row = null;
        return;
      case 'sheetData':
        this.inSheetData = false;
        return;
    }
  }

  private pushCell(row: XlsxRow): void {
    const v = this.value;
    if (v === null) return;
    const value = this.formula ? formulaResult(this.type, v) : cellValue(this, v);
    if (value !== null) row.cells.push([this.col, value]);
  }

  // for cellValue
  get cellType(): string {
    return this.type;
  }
  get isDate(): boolean {
    return this.date;
  }
  sharedString(v: string): string | null {
    return this.strings[parseInt(v, 10)] ?? null;
  }
  get uses1904(): boolean {
    return this.date1904;
  }
}

/** A formula's cached result, as exceljs gives it: text for t="str", otherwise a number. */
function formulaResult(type: string, v: string): XlsxValue {
  if (type === 'str') return v;
  // exceljs gives NaN for an error result (#N/A); its text is what the user sees.
  if (type === 'e') return v === '' ? null : v;
  return number(v);
}

function number(v: string): number | null {
  const n = parseFloat(v);
  return Number.isNaN(n) ? null : n;
}

function cellValue(cell: SheetHandler, v: string): XlsxValue {
  switch (cell.cellType) {
    case 's':
      return cell.sharedString(v);
    case 'inlineStr':
    case 'str':
    case 'e':
      return v;
    case 'b':
      return v === '' ? null : parseInt(v, 10) !== 0;
    default: {
      const n = number(v);
      if (n === null) return null;
      return cell.isDate ? excelDate(n, cell.uses1904) : n;
    }
  }
}
