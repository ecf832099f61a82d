// Writing exchange files (spec/import-format.md): one .xlsx workbook with a sheet per table,
// or a directory of `表名.csv` files. Rows stream through, so 100,000 of them never sit in
// memory as a workbook. What is written here reads back through openSources + parseRow to
// the very same typed rows.

import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import {
  PLAQUE_SEPARATOR,
  REQUIRED_COLUMNS,
  TABLE_COLUMNS,
  TABLE_NAMES,
  type TableName,
} from '../../common/exchange.ts';
import { BOOLEAN_LABELS } from '../../common/labels.ts';
import { neutralizeCellText } from '../../common/spreadsheet-text.ts';
import type { ExchangeRow } from './parse-row.ts';

export type RowSource<T> = AsyncIterable<T> | Iterable<T>;

/** The tables to write; tables left out get no sheet / file. */
export type ExchangeWriteInput = { [T in TableName]?: RowSource<ExchangeRow<T>> };

type Formatter<T extends TableName> = (row: ExchangeRow<T>) => Record<string, string>;

function text(value: string | null): string {
  return value ?? '';
}

function num(value: number | null): string {
  return value === null ? '' : String(value);
}

function bool(value: boolean | null): string {
  if (value === null) return '';
  return value ? BOOLEAN_LABELS.true : BOOLEAN_LABELS.false;
}

const FORMATTERS: { [T in TableName]: Formatter<T> } = {
  地区: (r) => ({ 行政区划代码: r.code, 名称: r.name, 上级代码: text(r.parentCode) }),
  人口: (r) => ({
    行政区划代码: r.regionCode,
    机构编码: text(r.unitCode),
    年份: num(r.year),
    常住人口: num(r.population),
  }),
  机构: (r) => ({
    行政区划代码: r.regionCode,
    机构编码: r.code,
    机构名称: r.name,
    上级机构编码: text(r.parentCode),
    机构类别: r.category,
    机构规格: text(r.rank),
    隶属关系: text(r.affiliation),
    占直属限额: bool(r.countsTowardDirectLimit),
    经费形式: text(r.funding),
    单位类型: text(r.type),
    所属系统: text(r.sector),
    是否法人: bool(r.legalPerson),
    统一社会信用代码: text(r.uscc),
    加挂牌子: r.plaques.join(PLAQUE_SEPARATOR),
    成立日期: text(r.foundedOn),
    撤销日期: text(r.abolishedOn),
    职责任务: text(r.responsibilities ?? null),
    三定文号: text(r.sandingDocNo ?? null),
    三定日期: text(r.sandingDate ?? null),
  }),
  编制: (r) => ({
    行政区划代码: r.regionCode,
    机构编码: r.unitCode,
    编制类型: r.quotaType,
    核定数: num(r.approved),
    来源: r.source,
    生效日期: r.effectiveFrom,
  }),
  领导职数: (r) => ({
    行政区划代码: r.regionCode,
    机构编码: r.unitCode,
    职级: r.level,
    核定数: num(r.approved),
    生效日期: r.effectiveFrom,
  }),
  人员: (r) => ({
    身份证号: r.idNumber,
    姓名: r.name,
    行政区划代码: r.regionCode,
    机构编码: r.unitCode,
    编制类型: r.quotaType,
    人员状态: r.status,
    入编方式: text(r.channel),
    领导职务: r.leadershipLevel,
    入编日期: text(r.enteredOn),
    出编日期: text(r.leftOn),
  }),
  学生数: (r) => ({
    行政区划代码: r.regionCode,
    机构编码: r.unitCode,
    年份: num(r.year),
    高中: num(r.senior),
    初中: num(r.junior),
    小学: num(r.primary),
    在园幼儿: num(r.preschool),
  }),
  历史事项: (r) => ({
    行政区划代码: r.regionCode,
    文号: r.docNo,
    日期: r.date,
    机构编码: text(r.unitCode),
    机构名称: text(r.unitName),
    事项类型: r.kind,
    编制类型: text(r.quotaType),
    数量: num(r.amount),
    入编方式: text(r.channel),
    说明: text(r.note),
  }),
  机构沿革: (r) => ({
    行政区划代码: r.regionCode,
    机构编码: r.unitCode,
    生效日期: r.validFrom,
    文号: text(r.docNo),
    变更类型: r.changeKind,
    机构名称: r.name,
    上级机构编码: text(r.parentCode),
    机构类别: r.category,
    机构规格: text(r.rank),
    隶属关系: text(r.affiliation),
    经费形式: text(r.funding),
    单位类型: text(r.type),
    所属系统: text(r.sector),
  }),
  事业单位登记: (r) => ({
    行政区划代码: r.regionCode,
    机构编码: r.unitCode,
    名称: r.name,
    其他名称: r.otherNames.join(PLAQUE_SEPARATOR),
    宗旨和业务范围: r.purpose,
    住所: r.address,
    法定代表人: r.legalRep,
    开办资金: r.capital,
    经费来源: r.fundingSource,
    举办单位: r.sponsor,
    举办单位机构编码: text(r.sponsorUnitCode),
    统一社会信用代码: text(r.uscc),
    登记状态: r.state,
    登记日期: r.registeredOn,
    注销日期: text(r.cancelledOn),
    证书编号: text(r.certificateNo),
    发证日期: text(r.issuedOn),
    有效期至: text(r.validUntil),
  }),
  中文域名: (r) => ({
    行政区划代码: r.regionCode,
    机构编码: r.unitCode,
    域名: r.name,
    状态: r.state,
    注册日期: r.registeredOn,
    到期日期: r.expiresOn,
    年费: text(r.annualFee),
  }),
};

/** A typed row as the cell texts of its table's columns (empty string for no value). */
export function formatRow<T extends TableName>(table: T, row: ExchangeRow<T>): Record<string, string> {
  const format: Formatter<T> = FORMATTERS[table];
  return format(row);
}

/** Writes `out.xlsx` (any name ending in .xlsx), or else the directory `out` of csv files. */
/**
 * `note` (the signed audit checkpoint of an export) goes into the workbook's document properties
 * (说明/description), or beside the .csv files as 审计检查点.txt, which the import ignores.
 */
export async function writeExchange(out: string, tables: ExchangeWriteInput, note?: string): Promise<void> {
  if (out.toLowerCase().endsWith('.xlsx')) {
    await writeWorkbook(out, tables, note);
  } else {
    await writeCsvDirectory(out, tables);
    if (note !== undefined) await writeFile(join(out, '审计检查点.txt'), `${note}\n`);
  }
}

/** The tables given, in the order of the format, each with its formatted rows. */
function* givenTables(
  tables: ExchangeWriteInput,
): Generator<[TableName, AsyncIterable<Record<string, string>>]> {
  for (const table of TABLE_NAMES) {
    const rows = formattedRows(table, tables);
    if (rows !== null) yield [table, rows];
  }
}

function formattedRows<T extends TableName>(
  table: T,
  tables: ExchangeWriteInput,
): AsyncIterable<Record<string, string>> | null {
  const rows: RowSource<ExchangeRow<T>> | undefined = tables[table];
  if (rows === undefined) return null;
  return (async function* () {
    for await (const row of rows) yield formatRow(table, row);
  })();
}

// ---------------------------------------------------------------------------------------------
// xlsx

// Codes must stay text: as numbers Excel drops leading zeros and the last digits of ID numbers.
// Dates stay text too, so that a date typed into the column later is kept as written.
const TEXT_COLUMNS = new Set([
  '行政区划代码',
  '上级代码',
  '机构编码',
  '上级机构编码',
  '身份证号',
  '统一社会信用代码',
  '成立日期',
  '撤销日期',
  '三定日期',
  '生效日期',
  '入编日期',
  '出编日期',
]);
const NUMBER_COLUMNS = new Set(['年份', '常住人口', '核定数', '高中', '初中', '小学', '在园幼儿']);
const COLUMN_WIDTHS: Readonly<Record<string, number>> = {
  身份证号: 22,
  统一社会信用代码: 24,
  机构名称: 32,
  加挂牌子: 40,
  职责任务: 60,
  名称: 20,
};
const TEXT_FORMAT = '@';
// Yield to the event loop now and then so that exceljs can flush rows to the file even when
// the rows come from a synchronous iterable.
const FLUSH_EVERY = 1000;

function columnWidth(column: string): number {
  // A CJK character is about two character widths wide.
  return COLUMN_WIDTHS[column] ?? Math.max(12, column.length * 2 + 4);
}

/** Numbers as numbers; text as a text cell (never a formula), neutralized against formula injection. */
function cellValue(column: string, value: string): string | number | null {
  if (value === '') return null;
  return NUMBER_COLUMNS.has(column) ? Number(value) : neutralizeCellText(value);
}

async function writeWorkbook(file: string, tables: ExchangeWriteInput, note?: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const stream = createWriteStream(file);
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useSharedStrings: false,
      useStyles: true,
    });
    if (note !== undefined) workbook.description = note;
    for (const [table, rows] of givenTables(tables)) {
      await writeSheet(workbook, table, rows);
    }
    await workbook.commit();
  } catch (e) {
    await discard(stream, file);
    throw e;
  }
}

/** A half-written file would later read as a valid but incomplete export. */
async function discard(stream: WriteStream, file: string): Promise<void> {
  stream.destroy();
  await rm(file, { force: true });
}

/** The header fill of a required column (必填) in an exported workbook, the import template. */
export const REQUIRED_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFFE58F' },
};

async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  table: TableName,
  rows: AsyncIterable<Record<string, string>>,
): Promise<void> {
  const columns = TABLE_COLUMNS[table];
  const sheet = workbook.addWorksheet(table, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    key: column,
    width: columnWidth(column),
    // A column style also formats the cells a user adds later, not only those written here.
    style: TEXT_COLUMNS.has(column) ? { numFmt: TEXT_FORMAT } : {},
  }));
  const header = sheet.addRow([...columns]);
  header.font = { bold: true };
  // The template's marks come from the one declaration the checker uses (REQUIRED_COLUMNS).
  const required = REQUIRED_COLUMNS[table];
  columns.forEach((column, i) => {
    if (!required.includes(column)) return;
    const cell = header.getCell(i + 1);
    cell.fill = REQUIRED_FILL;
    cell.note = '必填';
  });
  header.commit();
  let written = 0;
  for await (const row of rows) {
    sheet.addRow(columns.map((column) => cellValue(column, row[column] ?? ''))).commit();
    written += 1;
    if (written % FLUSH_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
}

// ---------------------------------------------------------------------------------------------
// csv

// Excel only recognises UTF-8 csv by the BOM, and writes CRLF itself.
const BOM = '\uFEFF';
const CRLF = '\r\n';

function csvField(raw: string): string {
  const value = neutralizeCellText(raw);
  // Leading/trailing spaces are quoted too, so no reader is tempted to trim them.
  if (!/[",\r\n]|^\s|\s$/.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + CRLF;
}

async function* csvLines(
  table: TableName,
  rows: AsyncIterable<Record<string, string>>,
): AsyncGenerator<string> {
  const columns = TABLE_COLUMNS[table];
  yield BOM + csvLine(columns);
  for await (const row of rows) yield csvLine(columns.map((column) => row[column] ?? ''));
}

async function writeCsvDirectory(dir: string, tables: ExchangeWriteInput): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [table, rows] of givenTables(tables)) {
    const file = join(dir, `${table}.csv`);
    const stream = createWriteStream(file);
    try {
      await pipeline(Readable.from(csvLines(table, rows)), stream);
    } catch (e) {
      await discard(stream, file);
      throw e;
    }
  }
}
