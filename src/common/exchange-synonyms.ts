// Common names offices' own workbooks give to the exchange format's columns, tables and values
// (exports of the provincial 实名制 system, 花名册 kept by hand). They only make suggestions:
// the user confirms or corrects every one in the mapping step.
import { TABLE_NAMES, type TableName } from './exchange.ts';
import { FIELD_LABELS, UNIT_BY_NAME, mappingFields } from './exchange-mapping.ts';

/** Exchange column → other headers meaning the same. */
export const COLUMN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  身份证号: ['公民身份号码', '身份证号码', '公民身份证号', '公民身份证号码', '身份证', '证件号码'],
  姓名: ['人员姓名', '职工姓名'],
  行政区划代码: ['区划代码', '行政区划', '行政区代码', '地区代码'],
  机构编码: ['单位编码', '单位代码', '机构代码', '单位编号', '机构编号'],
  上级机构编码: ['上级单位编码', '上级单位代码', '主管单位编码', '主管部门编码'],
  机构名称: ['单位名称', '单位全称', '机构全称'],
  机构类别: ['单位类别', '机构类型'],
  机构规格: ['单位规格', '规格', '机构级别', '单位级别'],
  隶属关系: ['单位隶属关系'],
  经费形式: ['经费来源', '经费供给方式', '经费方式', '经费形式（事业单位）'],
  单位类型: ['事业单位类型'],
  所属系统: ['系统', '所属行业'],
  是否法人: ['法人'],
  统一社会信用代码: ['社会信用代码', '信用代码', '统一代码'],
  加挂牌子: ['挂牌', '加挂机构'],
  成立日期: ['设立日期', '成立时间', '设立时间'],
  撤销日期: ['撤销时间'],
  编制类型: ['编制性质', '编制类别', '编制种类', '人员编制类型'],
  核定数: ['编制数', '核定编制数', '核定编制', '核定职数', '职数'],
  生效日期: ['批准日期', '核定日期', '批复日期'],
  人员状态: ['在编状态', '编制状态'],
  入编方式: ['进编方式', '入编途径', '进入方式', '人员来源'],
  领导职务: ['领导职务级别', '职务层次', '职务级别'],
  入编日期: ['进编日期', '入编时间', '进编时间'],
  出编日期: ['出编时间', '减员日期', '减员时间'],
  年份: ['年度', '统计年度'],
  常住人口: ['常住人口数', '人口数'],
  在园幼儿: ['幼儿园', '在园幼儿数'],
};

/** Headers that name a unit, mapped to the unit by name in every table but 机构 itself. */
export const UNIT_NAME_HEADERS: readonly string[] = ['单位名称', '机构名称', '所在单位', '工作单位', '单位'];

/** Sheet names of offices' workbooks → the table they usually are. */
export const TABLE_SYNONYMS: Readonly<Record<string, TableName>> = {
  花名册: '人员',
  人员花名册: '人员',
  实名制人员: '人员',
  人员名册: '人员',
  人员信息: '人员',
  机构名录: '机构',
  单位名录: '机构',
  单位信息: '机构',
  机构信息: '机构',
  编制核定: '编制',
  核定编制: '编制',
  领导职数核定: '领导职数',
};

/** Field → an office's value → the format's label. */
export const VALUE_SYNONYMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  编制类型: {
    行政: '行政编制',
    公务员编制: '行政编制',
    政法专项: '政法专项编制',
    政法编制: '政法专项编制',
    事业: '事业编制',
    全额拨款事业编制: '事业编制',
    差额拨款事业编制: '事业编制',
    自收自支事业编制: '事业编制',
    聘用: '聘用编制',
  },
  经费形式: {
    全额: '全额拨款',
    财政全额拨款: '全额拨款',
    全额事业: '全额拨款',
    差额: '差额拨款',
    财政差额拨款: '差额拨款',
    自收自支事业: '自收自支',
    经费自理: '自收自支',
  },
  人员状态: { 在职: '在编', 实有: '在编', 拟入编: '待入编', 调出: '已出编', 减员: '已出编' },
  入编方式: { 考试录用: '考录', 公务员考录: '考录', 公开招聘: '招聘', 调入: '调任', 军转干部: '军转安置' },
  占直属限额: { Y: '是', N: '否', '1': '是', '0': '否' },
  是否法人: { Y: '是', N: '否', '1': '是', '0': '否' },
};

/** A header as compared: without spaces, marks (*, ★) and a trailing （必填）-like note. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/[\s*★:：]/g, '')
    .replace(/[（(][^（）()]*[）)]$/, '')
    .trim();
}

/** The field of `table` an office's header most likely is; null when none fits. */
export function suggestField(table: TableName, header: string): string | null {
  const h = normalizeHeader(header);
  if (h === '') return null;
  const fields = mappingFields(table);
  if (table !== '机构' && fields.includes(UNIT_BY_NAME) && UNIT_NAME_HEADERS.includes(h)) return UNIT_BY_NAME;
  if (fields.includes(h)) return h;
  for (const field of fields) {
    if (COLUMN_SYNONYMS[field]?.includes(h)) return field;
  }
  return null;
}

/** The format's label an office's value most likely is; null when none fits. */
export function suggestValue(field: string, value: string): string | null {
  const labels = FIELD_LABELS[field];
  if (labels === undefined) return null;
  const v = value.trim();
  if (labels.includes(v)) return v;
  const known = VALUE_SYNONYMS[field]?.[v];
  if (known !== undefined) return known;
  // 正科级 → 正科, 考录（公务员） → 考录
  const bare = v.replace(/级$/, '').replace(/[（(][^（）()]*[）)]$/, '');
  if (labels.includes(bare)) return bare;
  return null;
}

/** The table a sheet most likely is, from its name and headers; null when none fits well enough. */
export function suggestTable(sheetName: string, headers: readonly string[]): TableName | null {
  const name = normalizeHeader(sheetName);
  let best: { table: TableName; score: number } | null = null;
  for (const table of TABLE_NAMES) {
    let score = headers.filter((h) => suggestField(table, h) !== null).length;
    if (name === table || TABLE_SYNONYMS[name] === table) score += 3;
    if (best === null || score > best.score) best = { table, score };
  }
  return best !== null && best.score >= 3 ? best.table : null;
}
