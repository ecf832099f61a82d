// The exchange format (导入导出模板, spec/import-format.md): table and column names exactly
// as the county's workbooks carry them, and the typed row each sheet line becomes.
import type {
  Affiliation,
  EntryChannel,
  FundingForm,
  InstitutionType,
  LeadershipLevel,
  PersonStatus,
  PostLevel,
  QuotaSource,
  QuotaType,
  Sector,
  UnitCategory,
  UnitRank,
} from './labels.ts';

export const TABLE_NAMES = [
  '地区',
  '人口',
  '机构',
  '编制',
  '领导职数',
  '人员',
  '学生数',
  '历史事项',
  '机构沿革',
  '事业单位登记',
  '中文域名',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Column headers of each table, in the order an export writes them. ★ columns are the row's key. */
export const TABLE_COLUMNS: Record<TableName, readonly string[]> = {
  地区: ['行政区划代码', '名称', '上级代码'],
  人口: ['行政区划代码', '机构编码', '年份', '常住人口'],
  机构: [
    '行政区划代码',
    '机构编码',
    '机构名称',
    '上级机构编码',
    '机构类别',
    '机构规格',
    '隶属关系',
    '占直属限额',
    '经费形式',
    '单位类型',
    '所属系统',
    '是否法人',
    '统一社会信用代码',
    '加挂牌子',
    '成立日期',
    '撤销日期',
    '职责任务',
    '三定文号',
    '三定日期',
  ],
  编制: ['行政区划代码', '机构编码', '编制类型', '核定数', '来源', '生效日期'],
  领导职数: ['行政区划代码', '机构编码', '职级', '核定数', '生效日期'],
  人员: [
    '身份证号',
    '姓名',
    '行政区划代码',
    '机构编码',
    '编制类型',
    '人员状态',
    '入编方式',
    '领导职务',
    '入编日期',
    '出编日期',
  ],
  学生数: ['行政区划代码', '机构编码', '年份', '高中', '初中', '小学', '在园幼儿'],
  // History from before the system (docs/import.md): past matters and past states of units.
  历史事项: [
    '行政区划代码',
    '文号',
    '日期',
    '机构编码',
    '机构名称',
    '事项类型',
    '编制类型',
    '数量',
    '入编方式',
    '说明',
  ],
  机构沿革: [
    '行政区划代码',
    '机构编码',
    '生效日期',
    '文号',
    '变更类型',
    '机构名称',
    '上级机构编码',
    '机构类别',
    '机构规格',
    '隶属关系',
    '经费形式',
    '单位类型',
    '所属系统',
  ],
  事业单位登记: [
    '行政区划代码',
    '机构编码',
    '名称',
    '其他名称',
    '宗旨和业务范围',
    '住所',
    '法定代表人',
    '开办资金',
    '经费来源',
    '举办单位',
    '举办单位机构编码',
    '统一社会信用代码',
    '登记状态',
    '登记日期',
    '注销日期',
    '证书编号',
    '发证日期',
    '有效期至',
  ],
  中文域名: ['行政区划代码', '机构编码', '域名', '状态', '注册日期', '到期日期', '年费'],
};

/**
 * Columns a file may leave out altogether (added after the format's first version): a sheet
 * without them keeps what the system holds; a sheet with them sets it (an empty cell clears it).
 */
export const OPTIONAL_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  机构: ['职责任务', '三定文号', '三定日期'],
};

/**
 * Columns that must hold a value in every row. The one declaration of what is required: the
 * checker (parse-row), the template's marks (the exported workbook's header fill and note, the
 * import page's table) and the table in docs/import.md all come from it (columnsTableMarkdown).
 */
export const REQUIRED_COLUMNS: Record<TableName, readonly string[]> = {
  地区: ['行政区划代码', '名称'],
  人口: ['行政区划代码', '年份', '常住人口'],
  机构: ['行政区划代码', '机构编码', '机构名称', '机构类别'],
  编制: ['行政区划代码', '机构编码', '编制类型', '核定数', '生效日期'],
  领导职数: ['行政区划代码', '机构编码', '职级', '核定数', '生效日期'],
  人员: ['身份证号', '姓名', '行政区划代码', '机构编码', '编制类型', '人员状态'],
  学生数: ['行政区划代码', '机构编码', '年份'],
  历史事项: ['行政区划代码', '文号', '日期', '事项类型', '数量'],
  机构沿革: ['行政区划代码', '机构编码', '生效日期', '变更类型', '机构名称', '机构类别'],
  事业单位登记: [
    '行政区划代码',
    '机构编码',
    '名称',
    '宗旨和业务范围',
    '住所',
    '法定代表人',
    '开办资金',
    '经费来源',
    '举办单位',
    '登记状态',
    '登记日期',
  ],
  中文域名: ['行政区划代码', '机构编码', '域名', '状态', '注册日期', '到期日期'],
};

/** The ★ columns: a row's key. Re-importing a row with the same key updates, never duplicates. */
export const KEY_COLUMNS: Record<TableName, readonly string[]> = {
  地区: ['行政区划代码'],
  人口: ['行政区划代码', '机构编码', '年份'],
  机构: ['行政区划代码', '机构编码'],
  编制: ['行政区划代码', '机构编码', '编制类型', '来源', '生效日期'],
  领导职数: ['行政区划代码', '机构编码', '职级', '生效日期'],
  人员: ['身份证号'],
  学生数: ['行政区划代码', '机构编码', '年份'],
  历史事项: ['行政区划代码', '文号', '机构编码', '事项类型', '编制类型'],
  机构沿革: ['行政区划代码', '机构编码', '生效日期'],
  事业单位登记: ['行政区划代码', '机构编码'],
  中文域名: ['域名'],
};

export function rowKeyColumns(table: TableName): readonly string[] {
  return KEY_COLUMNS[table];
}

/**
 * The docs' table of every sheet's columns (docs/import.md, between the `columns` markers):
 * 必填 from REQUIRED_COLUMNS, ★ from KEY_COLUMNS. A test keeps the docs equal to it.
 */
export function columnsTableMarkdown(): string {
  const lines = ['| 表 | 列 | 必填 | 键 ★ |', '|---|---|---|---|'];
  for (const table of TABLE_NAMES) {
    for (const column of TABLE_COLUMNS[table]) {
      const required = REQUIRED_COLUMNS[table].includes(column) ? '必填' : '';
      const key = KEY_COLUMNS[table].includes(column) ? '★' : '';
      lines.push(`| ${table} | ${column} | ${required} | ${key} |`);
    }
  }
  return lines.join('\n');
}

/**
 * The most characters a cell of the exchange format may hold: no code, name or date comes near
 * 2,000; the long texts (a unit's 职责任务 — which 职责划转 lengthens —, an institution's
 * 宗旨和业务范围, a matter's 说明) as much as an Excel cell holds, 32,767, so that whatever the
 * export writes imports again. A longer cell is refused with the row's other errors (parse-row.ts),
 * never stored.
 */
export const MAX_CELL_CHARS = 2_000;
export const MAX_LONG_CELL_CHARS = 32_767;
const LONG_TEXT_COLUMNS: ReadonlySet<string> = new Set(['职责任务', '宗旨和业务范围', '说明']);

/** The most characters a cell of `column` may hold. */
export function maxCellChars(column: string): number {
  return LONG_TEXT_COLUMNS.has(column) ? MAX_LONG_CELL_CHARS : MAX_CELL_CHARS;
}

/**
 * The most characters a line (record) of a .csv file may hold before its reading stops: far above
 * any row of valid cells, so that a broken or hostile file cannot fill the import's memory.
 */
export const MAX_CSV_RECORD_CHARS = 1_000_000;

/** Plaques (加挂牌子) are written in one cell, separated by the full-width semicolon. */
export const PLAQUE_SEPARATOR = '；';

export interface RegionRow {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface PopulationRow {
  regionCode: string;
  /** Empty for the county itself; a 乡镇/街道 or health centre otherwise. */
  unitCode: string | null;
  year: number;
  population: number;
}

export interface UnitRow {
  regionCode: string;
  code: string;
  name: string;
  parentCode: string | null;
  category: UnitCategory;
  rank: UnitRank | null;
  affiliation: Affiliation | null;
  countsTowardDirectLimit: boolean | null;
  funding: FundingForm | null;
  type: InstitutionType | null;
  sector: Sector | null;
  legalPerson: boolean | null;
  uscc: string | null;
  plaques: string[];
  foundedOn: string | null;
  abolishedOn: string | null;
  /** 职责任务 and the 三定 document (文号, date); undefined when the sheet has no such column. */
  responsibilities?: string | null;
  sandingDocNo?: string | null;
  sandingDate?: string | null;
}

export interface QuotaRow {
  regionCode: string;
  unitCode: string;
  quotaType: QuotaType;
  approved: number;
  source: QuotaSource;
  effectiveFrom: string;
}

export interface PostRow {
  regionCode: string;
  unitCode: string;
  level: PostLevel;
  approved: number;
  effectiveFrom: string;
}

export interface PersonRow {
  idNumber: string;
  name: string;
  regionCode: string;
  unitCode: string;
  quotaType: QuotaType;
  status: PersonStatus;
  channel: EntryChannel | null;
  leadershipLevel: LeadershipLevel;
  enteredOn: string | null;
  leftOn: string | null;
}

export interface StudentRow {
  regionCode: string;
  unitCode: string;
  year: number;
  senior: number | null;
  junior: number | null;
  primary: number | null;
  preschool: number | null;
}

/** The kinds of a past matter (历史事项) and what each counts toward in 工作统计 (docs/import.md). */
export const HISTORY_MATTER_KINDS = [
  '设立',
  '撤销',
  '合并',
  '更名',
  '规格调整',
  '加挂牌子',
  '核增编制',
  '核减编制',
  '调剂编制',
  '周转池借用',
  '上编',
  '招考计划',
] as const;
export type HistoryMatterKind = (typeof HISTORY_MATTER_KINDS)[number];

/** A matter from before the system: what was decided, by which document, for which unit. */
export interface HistoryMatterRow {
  regionCode: string;
  docNo: string;
  date: string;
  /** Empty for a county-wide matter (e.g. a recruitment plan). */
  unitCode: string | null;
  unitName: string | null;
  kind: HistoryMatterKind;
  quotaType: QuotaType | null;
  /** Units, 编制 or people (1 for a change of a unit). */
  amount: number;
  channel: EntryChannel | null;
  note: string | null;
}

/** A past state of a unit (机构沿革), in force from its date until the next one. */
export interface UnitHistoryRow {
  regionCode: string;
  unitCode: string;
  validFrom: string;
  docNo: string | null;
  changeKind: string;
  name: string;
  parentCode: string | null;
  category: UnitCategory;
  rank: UnitRank | null;
  affiliation: Affiliation | null;
  funding: FundingForm | null;
  type: InstitutionType | null;
  sector: Sector | null;
}

/** 事业单位登记 (docs/registration.md): one record per unit, its certificate in force if any. */
export interface RegistrationRow {
  regionCode: string;
  unitCode: string;
  name: string;
  /** 其他名称, separated by the full-width semicolon like 加挂牌子. */
  otherNames: string[];
  purpose: string;
  address: string;
  legalRep: string;
  /** 开办资金, 万元, as written (up to four decimals). */
  capital: string;
  fundingSource: string;
  sponsor: string;
  sponsorUnitCode: string | null;
  uscc: string | null;
  state: '登记' | '变更中' | '注销';
  registeredOn: string;
  cancelledOn: string | null;
  certificateNo: string | null;
  issuedOn: string | null;
  validUntil: string | null;
}

export interface DomainRow {
  regionCode: string;
  unitCode: string;
  name: string;
  state: '注册' | '转移' | '冻结' | '解冻' | '删除';
  registeredOn: string;
  expiresOn: string;
  annualFee: string | null;
}

export interface ExchangeData {
  地区: RegionRow[];
  人口: PopulationRow[];
  机构: UnitRow[];
  编制: QuotaRow[];
  领导职数: PostRow[];
  人员: PersonRow[];
  学生数: StudentRow[];
  历史事项: HistoryMatterRow[];
  机构沿革: UnitHistoryRow[];
  事业单位登记: RegistrationRow[];
  中文域名: DomainRow[];
}

/** One import error, shown to the user as `表名 第N行 列名: 原因`. */
export interface RowError {
  table: TableName | string;
  /** The spreadsheet's own row number (header = 1); 0 when the error concerns the whole file. */
  row: number;
  column: string;
  reason: string;
}

export function formatRowError(e: RowError): string {
  if (e.row === 0) return `${e.table}${e.column ? ` ${e.column}` : ''}: ${e.reason}`;
  return `${e.table} 第${e.row}行 ${e.column}: ${e.reason}`;
}

/** The progress phase of an import job whose final transaction was let commit: it can no longer be cancelled. */
export const IMPORT_COMMIT_PHASE = '提交';

/** The progress phase of an import job its user cancelled, until what it wrote is removed. */
export const IMPORT_CANCEL_PHASE = '正在取消';
