// Mappings of an office's own workbook (an export of the provincial 实名制 system, a 花名册 in
// the office's layout) onto the exchange format: which sheet is which table, which of its
// headers is which column, which of its values is which label, and fixed values for columns
// the workbook does not have. The server suggests one from the synonyms below; the user
// corrects it, previews it on the first rows and saves it for the office (docs/import.md).
import { z } from 'zod';
import { TABLE_COLUMNS, TABLE_NAMES, type TableName } from './exchange.ts';
import {
  AFFILIATIONS,
  BOOLEAN_LABELS,
  ENTRY_CHANNELS,
  FUNDING_FORMS,
  INSTITUTION_TYPES,
  LEADERSHIP_LEVELS,
  PERSON_STATUSES,
  POST_LEVELS,
  QUOTA_TYPES,
  SECTORS,
  UNIT_CATEGORIES,
  UNIT_RANKS,
} from './labels.ts';

/** A mapping target that is not a column: the unit given by its name, resolved to its 机构编码. */
export const UNIT_BY_NAME = '机构（按名称）';

/** The fields a sheet mapped to `table` can fill: its columns, and the unit by name where it refers to one. */
export function mappingFields(table: TableName): readonly string[] {
  const columns = TABLE_COLUMNS[table];
  return table !== '机构' && columns.includes('机构编码') ? [...columns, UNIT_BY_NAME] : columns;
}

/** Fields whose values are labels of a fixed list: the values a value mapping may map to. */
export const FIELD_LABELS: Readonly<Record<string, readonly string[]>> = {
  机构类别: UNIT_CATEGORIES,
  机构规格: UNIT_RANKS,
  隶属关系: AFFILIATIONS,
  占直属限额: [BOOLEAN_LABELS.true, BOOLEAN_LABELS.false],
  经费形式: FUNDING_FORMS,
  单位类型: INSTITUTION_TYPES,
  所属系统: SECTORS,
  是否法人: [BOOLEAN_LABELS.true, BOOLEAN_LABELS.false],
  编制类型: QUOTA_TYPES,
  来源: ['周转池'],
  职级: POST_LEVELS,
  人员状态: PERSON_STATUSES,
  入编方式: ENTRY_CHANNELS,
  领导职务: LEADERSHIP_LEVELS,
};

/** Date columns: an office's 2005.08.01, 2005/8/1, 2005年8月1日 or 20050801 reads as 2005-08-01. */
export const DATE_FIELDS: readonly string[] = ['成立日期', '撤销日期', '生效日期', '入编日期', '出编日期'];

export interface SheetMapping {
  /** The sheet's name in the office's workbook (for a .csv file: its name without .csv). */
  sheet: string;
  /** The table the sheet is imported as; null: the sheet is not imported. */
  table: TableName | null;
  /** The spreadsheet row that holds the headers (a title may stand above them). */
  headerRow: number;
  /** The office's header → a field of the table (mappingFields). Headers not listed are not imported. */
  columns: Record<string, string>;
  /** Field → the office's value → the format's value. */
  values: Record<string, Record<string, string>>;
  /** Field → the value every row gets (a column the workbook lacks, e.g. 行政区划代码). */
  constants: Record<string, string>;
}

export interface ImportMapping {
  name: string;
  sheets: SheetMapping[];
}

// --- The JSON file (npx bianzhi import FILE --mapping MAPPING.json): keys as users read them.

const Text = z.string().trim().min(1);
const Dict = z.record(z.string(), z.string());

const SheetMappingFile = z.object({
  工作表: Text,
  导入为: z.union([z.enum(TABLE_NAMES), z.literal('不导入')]),
  表头行: z.number().int().min(1).max(100).default(1),
  列: Dict.default({}),
  值: z.record(z.string(), Dict).default({}),
  固定值: Dict.default({}),
});

export const MappingFile = z.object({
  名称: Text,
  工作表: z.array(SheetMappingFile).min(1),
});
export type MappingFile = z.infer<typeof MappingFile>;

/** Problems of a mapping that no file is needed to see, in Chinese; empty when it is usable. */
export function mappingProblems(m: ImportMapping): string[] {
  const problems: string[] = [];
  const sheets = new Set<string>();
  for (const s of m.sheets) {
    if (sheets.has(s.sheet)) problems.push(`工作表“${s.sheet}”出现了两次`);
    sheets.add(s.sheet);
    if (s.table === null) continue;
    const fields = mappingFields(s.table);
    const targets = new Set<string>();
    for (const [header, field] of Object.entries(s.columns)) {
      if (!fields.includes(field)) {
        problems.push(`工作表“${s.sheet}”的列“${header}”映射到“${field}”，但${s.table}表没有该列`);
      } else if (targets.has(field)) {
        problems.push(`工作表“${s.sheet}”有多列映射到“${field}”`);
      }
      targets.add(field);
    }
    if (targets.has(UNIT_BY_NAME) && targets.has('机构编码')) {
      problems.push(`工作表“${s.sheet}”同时映射了“机构编码”和“${UNIT_BY_NAME}”，只能用其一`);
    }
    for (const field of Object.keys(s.constants)) {
      if (!fields.includes(field)) problems.push(`工作表“${s.sheet}”的固定值“${field}”不是${s.table}表的列`);
    }
    for (const [field, values] of Object.entries(s.values)) {
      const labels = FIELD_LABELS[field];
      for (const [from, to] of Object.entries(values)) {
        if (labels !== undefined && to !== '' && !labels.includes(to)) {
          problems.push(`工作表“${s.sheet}”：“${from}”映射到的“${to}”不是有效的${field}`);
        }
      }
    }
  }
  return problems;
}

export function mappingFromFile(f: MappingFile): ImportMapping {
  return {
    name: f.名称,
    sheets: f.工作表.map((s) => ({
      sheet: s.工作表,
      table: s.导入为 === '不导入' ? null : s.导入为,
      headerRow: s.表头行,
      columns: s.列,
      values: s.值,
      constants: s.固定值,
    })),
  };
}

export function mappingToFile(m: ImportMapping): MappingFile {
  return {
    名称: m.name,
    工作表: m.sheets.map((s) => ({
      工作表: s.sheet,
      导入为: s.table ?? '不导入',
      表头行: s.headerRow,
      列: s.columns,
      值: s.values,
      固定值: s.constants,
    })),
  };
}
