// Reconciliation (数据比对): reads a list from 组织部, 人社 or 财政 (.xlsx, first sheet, or .csv),
// compares it with the county's establishment on a date and keeps the comparison and its
// differences, in one transaction with its audit event. The ledger itself is only read.
//
// The list comes from another department's system, so its layout is theirs: a title or notes
// may stand above the header, the columns may come in any order among others (序号, 性别 …) and
// be named a little differently (单位名称, 工作单位, "姓  名"). The header is the first row, among
// the first 20, that has a 身份证号 column; 姓名 and 单位 must be there too, 编制类型 may.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  checkIdNumber,
  detectExcelNumberId,
  maskIdNumber,
  normalizeIdNumber,
} from '../../common/codes/id-card.ts';
import { formatRowError, type RowError } from '../../common/exchange.ts';
import { isOneOf } from '../../common/labels.ts';
import type { Actor } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import * as repo from '../../db/repositories/reconciliation.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { blindIndex } from '../../security/field-crypto.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { toCellValue, type CellValue } from '../exchange/sources.ts';
import {
  compareWithLedger,
  countDifferences,
  DIFFERENCE_KINDS,
  DIFFERENCE_LABELS,
  RECONCILIATION_SOURCES,
  SOURCE_LABELS,
  type Difference,
  type LedgerRow,
  type ListRow,
  type OffEstablishment,
} from './compare.ts';
import { toSummary, type ReconciliationSummary } from './list-reconciliations.ts';

// ---------------------------------------------------------------------------------------------
// Reading the list

export const LIST_COLUMNS = ['身份证号', '姓名', '单位', '编制类型'] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];

/** The header names each column is recognised by (after dropping spaces and * marks). */
export const COLUMN_ALIASES: Record<ListColumn, readonly string[]> = {
  身份证号: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '身份证', '证件号码'],
  姓名: ['姓名', '人员姓名'],
  单位: ['单位', '单位名称', '工作单位', '所在单位'],
  编制类型: ['编制类型', '编制性质', '编制类别'],
};

const REQUIRED: readonly ListColumn[] = ['身份证号', '姓名', '单位'];
const HEADER_SEARCH_ROWS = 20;
const SUMMARY_ROW = /^(合计|总计|小计)/u;

export interface ListFileRow {
  /** The spreadsheet's own row number. */
  rowNumber: number;
  /** The 身份证号 cell as read: Excel may hand over a number. */
  idCell: CellValue;
  name: string | null;
  unit: string | null;
  quotaType: string | null;
}

export interface ListFile {
  headerRow: number;
  hasQuotaType: boolean;
  /** Data rows below the header; empty rows and 合计 rows left out. */
  rows: ListFileRow[];
}

/** A file that cannot be read as a list: nothing is compared or stored. */
export class ListRejected extends AppError {
  readonly errors: RowError[];

  constructor(errors: RowError[]) {
    super('IMPORT_REJECTED', `名单无法读取：\n${errors.map(formatRowError).join('\n')}`, { errors });
    this.errors = errors;
  }
}

type Grid = { rowNumber: number; cells: CellValue[] }[];

function cellText(value: CellValue): string | null {
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const text = String(value).trim();
  return text === '' ? null : text;
}

function headerName(value: CellValue): string {
  return (cellText(value) ?? '')
    .normalize('NFKC')
    .replace(/[\s*★]/gu, '')
    .trim();
}

function columnOf(header: string): ListColumn | null {
  for (const column of LIST_COLUMNS) if (COLUMN_ALIASES[column].includes(header)) return column;
  return null;
}

async function xlsxGrid(file: string, table: string): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    throw new ListRejected([
      {
        table,
        row: 0,
        column: '',
        reason: `不是有效的 .xlsx 文件（${e instanceof Error ? e.message : String(e)}）`,
      },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined)
    throw new ListRejected([{ table, row: 0, column: '', reason: '工作簿中没有工作表' }]);
  const grid: Grid = [];
  sheet.eachRow((row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell((cell, col) => {
      cells[col - 1] = toCellValue(cell.value);
    });
    grid.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  return grid;
}

/** UTF-8 when the bytes are; otherwise GB 18030 (a superset of GBK, what Excel writes on Chinese Windows). */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function csvGrid(file: string, table: string): Promise<Grid> {
  const text = decodeText(await readFile(file));
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (e) {
    const line =
      e instanceof Error && 'lines' in e && typeof e.lines === 'number' ? `第${e.lines}行附近` : '';
    throw new ListRejected([
      {
        table,
        row: 0,
        column: '',
        reason: `CSV 格式错误：${line}${e instanceof Error ? e.message : String(e)}`,
      },
    ]);
  }
  return records.map((fields, i) => ({ rowNumber: i + 1, cells: fields }));
}

/** Reads a list file: finds its header row and its columns, and returns its data rows. */
export async function readListFile(file: string, displayName: string = basename(file)): Promise<ListFile> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv')
    throw new ListRejected([
      { table: displayName, row: 0, column: '', reason: '不支持的文件类型，应为 .xlsx 或 .csv' },
    ]);
  const grid = ext === '.xlsx' ? await xlsxGrid(file, displayName) : await csvGrid(file, displayName);

  const headerAt = grid
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) => r.cells.some((c) => columnOf(headerName(c)) === '身份证号'));
  const header = grid[headerAt];
  if (headerAt < 0 || header === undefined) {
    throw new ListRejected([
      {
        table: displayName,
        row: 0,
        column: '身份证号',
        reason: `前${HEADER_SEARCH_ROWS}行中未找到表头：应有一列名为${COLUMN_ALIASES.身份证号.join('、')}之一`,
      },
    ]);
  }
  const errors: RowError[] = [];
  const at = new Map<ListColumn, number>();
  header.cells.forEach((c, index) => {
    const name = headerName(c);
    const column = columnOf(name);
    if (column === null) return;
    if (at.has(column)) {
      errors.push({
        table: displayName,
        row: header.rowNumber,
        column: name,
        reason: `与另一列同为“${column}”，请只保留一列`,
      });
      return;
    }
    at.set(column, index);
  });
  for (const column of REQUIRED) {
    if (!at.has(column))
      errors.push({
        table: displayName,
        row: header.rowNumber,
        column,
        reason: `缺少该列（列名可为：${COLUMN_ALIASES[column].join('、')}）`,
      });
  }
  if (errors.length > 0) throw new ListRejected(errors);

  const cellOf = (cells: CellValue[], column: ListColumn): CellValue => {
    const index = at.get(column);
    return index === undefined ? null : (cells[index] ?? null);
  };
  const rows: ListFileRow[] = [];
  for (const { rowNumber, cells } of grid.slice(headerAt + 1)) {
    const row: ListFileRow = {
      rowNumber,
      idCell: cellText(cellOf(cells, '身份证号')) === null ? null : cellOf(cells, '身份证号'),
      name: cellText(cellOf(cells, '姓名')),
      unit: cellText(cellOf(cells, '单位')),
      quotaType: cellText(cellOf(cells, '编制类型')),
    };
    if (row.idCell === null && row.name === null && row.unit === null && row.quotaType === null) continue;
    if (row.idCell === null && cells.some((c) => SUMMARY_ROW.test(cellText(c) ?? ''))) continue;
    rows.push(row);
  }
  return { headerRow: header.rowNumber, hasQuotaType: at.has('编制类型'), rows };
}

// ---------------------------------------------------------------------------------------------
// Checking the rows

interface CheckedRows {
  valid: ListRow[];
  invalid: Difference[];
}

function checkRows(ctx: AppContext, rows: ListFileRow[]): CheckedRows {
  const valid: ListRow[] = [];
  const invalidRows: Difference[] = [];
  for (const r of rows) {
    const problems: string[] = [];
    const fail = (column: ListColumn, reason: string) =>
      problems.push(`第${r.rowNumber}行 ${column}: ${reason}`);
    const idText = cellText(r.idCell);
    const excel = detectExcelNumberId(r.idCell);
    if (idText === null) fail('身份证号', '不能为空');
    else if (excel !== null) fail('身份证号', excel);
    else {
      const checked = checkIdNumber(idText);
      if (!checked.ok) fail('身份证号', checked.reason);
    }
    if (r.name === null) fail('姓名', '不能为空');
    if (r.unit === null) fail('单位', '不能为空');
    if (problems.length > 0 || idText === null || r.name === null || r.unit === null) {
      invalidRows.push({
        kind: 'invalid_row',
        rowNumber: r.rowNumber,
        name: r.name ?? '',
        idMasked: idText === null ? '' : maskIdNumber(idText),
        idHash: null,
        listUnit: r.unit,
        ledgerUnitId: null,
        listQuotaType: r.quotaType,
        ledgerQuotaType: null,
        note: problems.join('；'),
      });
      continue;
    }
    const id = normalizeIdNumber(idText);
    valid.push({
      rowNumber: r.rowNumber,
      idHash: blindIndex(ctx.keys, id),
      idMasked: maskIdNumber(id),
      name: r.name,
      unitName: r.unit,
      quotaType: r.quotaType,
    });
  }
  return { valid, invalid: invalidRows };
}

// ---------------------------------------------------------------------------------------------
// The use case

export interface ReconcileOptions {
  /** The user who compares; null for the command line, which acts as `actor`. */
  principal: Principal | null;
  actor?: Actor;
  regionCode: string;
  /** '组织' | '人社' | '财政' */
  source: string;
  file: string;
  /** The name to keep for the file (uploads arrive under temporary names). */
  fileName?: string;
  /** YYYY-MM-DD; today (in China) when left out. */
  comparedOn?: string;
}

const CLI_ACTOR: Actor = { id: null, name: '命令行' };

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The county's name, then those of the regions above it. */
async function regionNames(ctx: AppContext, code: string): Promise<string[]> {
  const names: string[] = [];
  let next: string | null = code;
  for (let depth = 0; next !== null && depth < 5; depth += 1) {
    const region = await findRegion(ctx.db.kysely, next);
    if (!region) break;
    names.push(region.name);
    next = region.parent_code;
  }
  return names;
}

function offNote(p: repo.RecordedPerson, regionCode: string, comparedOn: string, unitName: string): string {
  if (p.status === null) return '实名库中有此人，但无编制记录';
  if (p.regionCode !== regionCode) return `实名库中此人属于行政区划 ${p.regionCode ?? ''}，不在本县`;
  if (p.status === '待入编') return `实名库中为待入编（${unitName}）`;
  if (p.leftOn !== null && p.leftOn <= comparedOn)
    return `实名库中已出编（出编日期 ${p.leftOn}，${unitName}）`;
  if (p.enteredOn === null || p.enteredOn > comparedOn)
    return `实名库中入编日期为 ${p.enteredOn ?? '空'}，晚于比对日期（${unitName}）`;
  return `实名库中为${p.status}（${unitName}）`;
}

/** Compares a list with the establishment of the county and keeps the result. */
export async function reconcileList(ctx: AppContext, opts: ReconcileOptions): Promise<ReconciliationSummary> {
  const p = opts.principal;
  if (p !== null) {
    await authorize(ctx.db.kysely, p, 'reconciliation.run', { region: opts.regionCode, wholeRegion: true });
  }
  const actor: Actor = p !== null ? { id: p.userId, name: p.username } : (opts.actor ?? CLI_ACTOR);
  if (!isOneOf(RECONCILIATION_SOURCES, opts.source))
    throw invalid(`名单来源应为：${RECONCILIATION_SOURCES.join('、')}`);
  const source = opts.source;
  const comparedOn = opts.comparedOn ?? todayInChina();
  if (!isDate(comparedOn)) throw invalid('比对日期格式应为 YYYY-MM-DD');
  const region = await findRegion(ctx.db.kysely, opts.regionCode);
  if (!region) throw notFound(`行政区划 ${opts.regionCode} `);
  if (region.level !== 'county') throw invalid('数据比对按县级行政区划进行');
  const fileName = opts.fileName ?? basename(opts.file);

  const names = await regionNames(ctx, opts.regionCode);
  const list = await readListFile(opts.file, fileName);
  const checked = checkRows(ctx, list.rows);
  const db = ctx.db.kysely;

  return db.transaction().execute(async (trx) => {
    const units = await repo.unitLabelsOn(trx, opts.regionCode, comparedOn);
    const unitName = (id: number | null) => (id === null ? '' : (units.get(id)?.name ?? ''));
    const ledger: LedgerRow[] = (await repo.establishmentOn(trx, opts.regionCode, comparedOn)).map((r) => ({
      ...r,
      unitName: unitName(r.unitId),
      unitAliases: units.get(r.unitId)?.aliases ?? [],
    }));
    const onEstablishment = new Set(ledger.map((r) => r.idHash));
    const others = await repo.recordedPeopleByHash(
      trx,
      checked.valid.map((r) => r.idHash).filter((h) => !onEstablishment.has(h)),
    );
    const offEstablishment = new Map<string, OffEstablishment>();
    for (const [hash, person] of others) {
      const here = person.regionCode === opts.regionCode;
      offEstablishment.set(hash, {
        unitId: here ? person.unitId : null,
        quotaType: here ? person.quotaType : null,
        note: offNote(person, opts.regionCode, comparedOn, unitName(person.unitId)),
      });
    }
    const comparison = compareWithLedger({
      list: checked.valid,
      ledger,
      regionNames: names,
      offEstablishment,
    });
    const differences = [...checked.invalid, ...comparison.differences].sort(
      (a, b) =>
        kindOrder(a) - kindOrder(b) ||
        (a.rowNumber ?? Number.MAX_SAFE_INTEGER) - (b.rowNumber ?? Number.MAX_SAFE_INTEGER),
    );
    const counts = countDifferences(differences, {
      listRows: list.rows.length,
      ledgerPeople: ledger.length,
      matched: comparison.matched,
    });
    const createdAt = nowIso();
    const id = await repo.insertReconciliation(trx, {
      regionCode: opts.regionCode,
      source,
      fileName,
      comparedOn,
      createdAt,
      createdBy: actor.id,
      createdByName: actor.name,
      counts: JSON.stringify(counts),
    });
    await repo.insertReconciliationItems(
      trx,
      id,
      differences.map((d) => ({
        kind: d.kind,
        row_number: d.rowNumber,
        name: d.name,
        id_masked: d.idMasked,
        id_hash: d.idHash,
        list_unit: d.listUnit,
        ledger_unit_id: d.ledgerUnitId,
        list_quota_type: d.listQuotaType,
        ledger_quota_type: d.ledgerQuotaType,
        note: d.note,
      })),
    );
    const found = DIFFERENCE_KINDS.map((kind) => `${DIFFERENCE_LABELS[kind]} ${counts[kind]}`).join('，');
    await ctx.audit.record(trx, actor, {
      action: 'reconciliation.run',
      entityType: 'reconciliation',
      entityId: id,
      regionCode: opts.regionCode,
      summary: `数据比对：${SOURCE_LABELS[source]} ${fileName}，比对日期 ${comparedOn}；${found}`,
      payload: { before: null, after: { source, fileName, comparedOn, counts: { ...counts } } },
    });
    return toSummary({
      id,
      regionCode: opts.regionCode,
      source,
      fileName,
      comparedOn,
      createdAt,
      createdBy: actor.id,
      createdByName: actor.name,
      counts: JSON.stringify(counts),
    });
  });
}

function kindOrder(d: Difference): number {
  return DIFFERENCE_KINDS.indexOf(d.kind);
}
