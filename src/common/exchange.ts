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

export const TABLE_NAMES = ['地区', '人口', '机构', '编制', '领导职数', '人员', '学生数'] as const;
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

export interface ExchangeData {
  地区: RegionRow[];
  人口: PopulationRow[];
  机构: UnitRow[];
  编制: QuotaRow[];
  领导职数: PostRow[];
  人员: PersonRow[];
  学生数: StudentRow[];
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
