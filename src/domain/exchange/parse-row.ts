// One sheet row → one typed exchange row (spec/import-format.md). Every cell is checked and
// every error of the row is reported, so that a user fixes a file in one go. Checks that need
// other rows or the database (unit exists, duplicate keys …) belong to the caller.

import { detectExcelNumberId, checkIdNumber, normalizeIdNumber } from '../../common/codes/id-card.ts';
import { checkUscc, normalizeUscc } from '../../common/codes/uscc.ts';
import {
  PLAQUE_SEPARATOR,
  REQUIRED_COLUMNS,
  HISTORY_MATTER_KINDS,
  type DomainRow,
  type ExchangeData,
  type HistoryMatterRow,
  type PersonRow,
  type RegistrationRow,
  type PopulationRow,
  type PostRow,
  type QuotaRow,
  type RegionRow,
  type RowError,
  type StudentRow,
  type TableName,
  type UnitHistoryRow,
  type UnitRow,
  maxCellChars,
} from '../../common/exchange.ts';
import {
  AFFILIATIONS,
  BOOLEAN_LABELS,
  ENTRY_CHANNELS,
  FUNDING_FORMS,
  INSTITUTION_TYPES,
  LEADERSHIP_LEVELS,
  PERSON_STATUSES,
  POST_LEVELS,
  QUOTA_SOURCES,
  QUOTA_TYPES,
  SECTORS,
  UNIT_CATEGORIES,
  UNIT_RANKS,
  isOneOf,
} from '../../common/labels.ts';
import type { CellValue, RawRow } from './sources.ts';

/** The typed row of a table, e.g. ExchangeRow<'机构'> = UnitRow. */
export type ExchangeRow<T extends TableName> = ExchangeData[T][number];

export interface ParsedRow<T extends TableName> {
  /** Null when the row has any error. */
  row: ExchangeRow<T> | null;
  errors: RowError[];
  /** What a person should look at although the standard allows it (a great age): never a refusal. */
  warnings: RowError[];
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Excel dates carry no time zone; exceljs places them at UTC midnight, so UTC parts are the date. */
function dateCellText(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function dateExists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads the cells of one row, collecting an error per bad cell. Empty cells read as null. */
class Cells {
  readonly errors: RowError[] = [];
  readonly warnings: RowError[] = [];

  constructor(
    private readonly table: TableName,
    private readonly raw: RawRow,
  ) {}

  fail(column: string, reason: string): void {
    this.errors.push({ table: this.table, row: this.raw.rowNumber, column, reason });
  }

  warn(column: string, reason: string): void {
    this.warnings.push({ table: this.table, row: this.raw.rowNumber, column, reason });
  }

  value(column: string): CellValue {
    return this.raw.cells[column] ?? null;
  }

  /** Whether the sheet has the column at all (optional columns may be left out). */
  has(column: string): boolean {
    return column in this.raw.cells;
  }

  isEmpty(column: string): boolean {
    return this.text(column) === null;
  }

  /**
   * Trimmed text of the cell; numbers as written, Excel dates as YYYY-MM-DD. A cell longer than
   * its column allows (maxCellChars) is an error, reported once, and reads as absent.
   */
  text(column: string): string | null {
    const v = this.value(column);
    if (v === null) return null;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateCellText(v);
    const text = String(v).trim();
    const max = maxCellChars(column);
    if (text.length > max) {
      if (!this.tooLong.has(column)) {
        this.tooLong.add(column);
        this.fail(column, `内容过长（${text.length} 字），至多 ${max} 字`);
      }
      return null;
    }
    return text === '' ? null : text;
  }

  /** Columns already reported too long (not reported again as empty). */
  private readonly tooLong = new Set<string>();

  /** Reported once here so that each reader below only has to judge values that are present. */
  checkRequired(columns: readonly string[]): void {
    for (const column of columns)
      if (this.isEmpty(column) && !this.tooLong.has(column)) this.fail(column, '不能为空');
  }

  oneOf<T extends string>(column: string, values: readonly T[]): T | null {
    const text = this.text(column);
    if (text === null) return null;
    if (isOneOf(values, text)) return text;
    this.fail(column, `“${text}”不是有效的${column}，应为：${values.filter((v) => v !== '').join('、')}`);
    return null;
  }

  /** 来源: empty is the unit's own quota, so the empty label is allowed and explained. */
  quotaSource(column: string): QuotaRow['source'] {
    const text = this.text(column);
    if (text === null) return '';
    if (isOneOf(QUOTA_SOURCES, text)) return text;
    this.fail(column, `“${text}”不是有效的${column}，应为：周转池，或留空`);
    return '';
  }

  regionCode(column: string): string | null {
    const text = this.text(column);
    if (text === null) return null;
    if (/^\d{6}$/.test(text)) return text;
    this.fail(column, '应为六位数字');
    return null;
  }

  bool(column: string): boolean | null {
    const v = this.value(column);
    if (typeof v === 'boolean') return v;
    const text = this.text(column);
    if (text === null) return null;
    if (text === BOOLEAN_LABELS.true) return true;
    if (text === BOOLEAN_LABELS.false) return false;
    this.fail(column, `应为“${BOOLEAN_LABELS.true}”或“${BOOLEAN_LABELS.false}”`);
    return null;
  }

  count(column: string): number | null {
    const n = this.integer(column);
    if (n === undefined) {
      this.fail(column, '应为不小于 0 的整数');
      return null;
    }
    return n;
  }

  year(column: string): number | null {
    const text = this.text(column);
    if (text === null) return null;
    const year = /^\d{4}$/.test(text) && !(this.value(column) instanceof Date) ? Number(text) : NaN;
    if (year >= MIN_YEAR && year <= MAX_YEAR) return year;
    this.fail(column, `应为 ${MIN_YEAR}–${MAX_YEAR} 之间的四位年份`);
    return null;
  }

  /** A whole number ≥ 0; null when empty, undefined when not such a number. */
  private integer(column: string): number | null | undefined {
    const v = this.value(column);
    if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
    const text = this.text(column);
    if (text === null) return null;
    if (v instanceof Date || !/^\d+$/.test(text)) return undefined;
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : undefined;
  }

  date(column: string): string | null {
    const v = this.value(column);
    if (v instanceof Date) {
      if (!Number.isNaN(v.getTime())) return dateCellText(v);
      this.fail(column, '日期格式应为 YYYY-MM-DD');
      return null;
    }
    const text = this.text(column);
    if (text === null) return null;
    const m = typeof v === 'string' ? DATE_SHAPE.exec(text) : null;
    if (m === null) {
      this.fail(column, '日期格式应为 YYYY-MM-DD');
      return null;
    }
    if (!dateExists(Number(m[1]), Number(m[2]), Number(m[3]))) {
      this.fail(column, '日期不存在');
      return null;
    }
    return text;
  }

  idNumber(column: string): string | null {
    // A number cell has already lost the last digits; say so instead of "校验码错误".
    const excel = detectExcelNumberId(this.value(column));
    if (excel !== null) {
      this.fail(column, excel);
      return null;
    }
    const text = this.text(column);
    if (text === null) return null;
    const checked = checkIdNumber(text);
    if (!checked.ok) {
      this.fail(column, checked.reason);
      return null;
    }
    if (checked.warning !== undefined) this.warn(column, checked.warning);
    return normalizeIdNumber(text);
  }

  uscc(column: string): string | null {
    const text = this.text(column);
    if (text === null) return null;
    const checked = checkUscc(text);
    if (!checked.ok) {
      this.fail(column, checked.reason);
      return null;
    }
    return normalizeUscc(text);
  }

  plaques(column: string): string[] {
    const text = this.text(column);
    if (text === null) return [];
    return text
      .split(PLAQUE_SEPARATOR)
      .map((p) => p.trim())
      .filter((p) => p !== '');
  }
}

type Parser<T extends TableName> = (c: Cells) => ExchangeRow<T> | null;

function parseRegion(c: Cells): RegionRow | null {
  const code = c.regionCode('行政区划代码');
  const name = c.text('名称');
  const parentCode = c.regionCode('上级代码');
  if (code === null || name === null) return null;
  return { code, name, parentCode };
}

function parsePopulation(c: Cells): PopulationRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const unitCode = c.text('机构编码');
  const year = c.year('年份');
  const population = c.count('常住人口');
  if (regionCode === null || year === null || population === null) return null;
  return { regionCode, unitCode, year, population };
}

function parseUnit(c: Cells): UnitRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const code = c.text('机构编码');
  const name = c.text('机构名称');
  const category = c.oneOf('机构类别', UNIT_CATEGORIES);
  const institution = checkInstitutionColumns(c, category);
  const foundedOn = c.date('成立日期');
  const abolishedOn = c.date('撤销日期');
  if (foundedOn !== null && abolishedOn !== null && abolishedOn < foundedOn)
    c.fail('撤销日期', '不能早于成立日期');
  const row = {
    parentCode: c.text('上级机构编码'),
    rank: c.oneOf('机构规格', UNIT_RANKS),
    affiliation: institution ? c.oneOf('隶属关系', AFFILIATIONS) : null,
    countsTowardDirectLimit: institution ? c.bool('占直属限额') : null,
    funding: institution ? c.oneOf('经费形式', FUNDING_FORMS) : null,
    type: c.oneOf('单位类型', INSTITUTION_TYPES),
    sector: c.oneOf('所属系统', SECTORS),
    legalPerson: c.bool('是否法人'),
    uscc: c.uscc('统一社会信用代码'),
    plaques: c.plaques('加挂牌子'),
    foundedOn,
    abolishedOn,
    ...(c.has('职责任务') ? { responsibilities: c.text('职责任务') } : {}),
    ...(c.has('三定文号') ? { sandingDocNo: c.text('三定文号') } : {}),
    ...(c.has('三定日期') ? { sandingDate: c.date('三定日期') } : {}),
  };
  if (regionCode === null || code === null || name === null || category === null) return null;
  return { regionCode, code, name, category, ...row };
}

const INSTITUTION_ONLY_COLUMNS = ['隶属关系', '占直属限额', '经费形式'] as const;

/**
 * Rules of the columns that describe a 事业单位. Returns whether those columns are to be read:
 * for any other unit a value there is reported as misplaced, not also as malformed.
 */
function checkInstitutionColumns(c: Cells, category: UnitRow['category'] | null): boolean {
  // An unreadable category says nothing about which rules apply; the values are still checked.
  if (category === null) return true;
  if (category === '事业单位') {
    if (c.isEmpty('机构规格')) c.fail('机构规格', '事业单位必须填写');
    return true;
  }
  for (const column of INSTITUTION_ONLY_COLUMNS) {
    if (!c.isEmpty(column)) c.fail(column, '仅事业单位填写');
  }
  return false;
}

function parseQuota(c: Cells): QuotaRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const unitCode = c.text('机构编码');
  const quotaType = c.oneOf('编制类型', QUOTA_TYPES);
  const approved = c.count('核定数');
  const source = c.quotaSource('来源');
  const effectiveFrom = c.date('生效日期');
  if (
    regionCode === null ||
    unitCode === null ||
    quotaType === null ||
    approved === null ||
    effectiveFrom === null
  ) {
    return null;
  }
  return { regionCode, unitCode, quotaType, approved, source, effectiveFrom };
}

function parsePost(c: Cells): PostRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const unitCode = c.text('机构编码');
  const level = c.oneOf('职级', POST_LEVELS);
  const approved = c.count('核定数');
  const effectiveFrom = c.date('生效日期');
  if (
    regionCode === null ||
    unitCode === null ||
    level === null ||
    approved === null ||
    effectiveFrom === null
  ) {
    return null;
  }
  return { regionCode, unitCode, level, approved, effectiveFrom };
}

function parsePerson(c: Cells): PersonRow | null {
  const idNumber = c.idNumber('身份证号');
  const name = c.text('姓名');
  const regionCode = c.regionCode('行政区划代码');
  const unitCode = c.text('机构编码');
  const quotaType = c.oneOf('编制类型', QUOTA_TYPES);
  const status = c.oneOf('人员状态', PERSON_STATUSES);
  const channel = c.oneOf('入编方式', ENTRY_CHANNELS);
  const leadershipLevel = c.oneOf('领导职务', LEADERSHIP_LEVELS) ?? '无';
  const { enteredOn, leftOn } = personDates(c, status);
  if (idNumber === null || name === null || regionCode === null || unitCode === null) return null;
  if (quotaType === null || status === null) return null;
  return {
    idNumber,
    name,
    regionCode,
    unitCode,
    quotaType,
    status,
    channel,
    leadershipLevel,
    enteredOn,
    leftOn,
  };
}

/** 入编日期 for everyone on or once on the establishment; 出编日期 only for those who left. */
function personDates(
  c: Cells,
  status: PersonRow['status'] | null,
): { enteredOn: string | null; leftOn: string | null } {
  const enteredOn = c.date('入编日期');
  if (status !== null && status !== '待入编' && c.isEmpty('入编日期')) {
    c.fail('入编日期', `人员状态为“${status}”时不能为空`);
  }
  // A date that should not be there is reported as misplaced, not also as malformed.
  if (status !== null && status !== '已出编') {
    if (!c.isEmpty('出编日期')) c.fail('出编日期', '仅人员状态为“已出编”时填写');
    return { enteredOn, leftOn: null };
  }
  const leftOn = c.date('出编日期');
  if (status === '已出编' && c.isEmpty('出编日期')) c.fail('出编日期', '人员状态为“已出编”时不能为空');
  if (enteredOn !== null && leftOn !== null && leftOn < enteredOn) c.fail('出编日期', '不能早于入编日期');
  return { enteredOn, leftOn };
}

function parseStudents(c: Cells): StudentRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const unitCode = c.text('机构编码');
  const year = c.year('年份');
  const counts = {
    senior: c.count('高中'),
    junior: c.count('初中'),
    primary: c.count('小学'),
    preschool: c.count('在园幼儿'),
  };
  if (regionCode === null || unitCode === null || year === null) return null;
  return { regionCode, unitCode, year, ...counts };
}

/** Kinds that concern a quota type: the 编制类型 column is required for them. */
const QUOTA_KINDS: readonly string[] = ['核增编制', '核减编制', '调剂编制', '周转池借用', '上编', '招考计划'];
/** Kinds that concern one unit: the 机构编码 column is required for them. */
const UNIT_KINDS: readonly string[] = [
  '设立',
  '撤销',
  '合并',
  '更名',
  '规格调整',
  '加挂牌子',
  '核增编制',
  '核减编制',
];

function parseHistoryMatter(c: Cells): HistoryMatterRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const docNo = c.text('文号');
  const date = c.date('日期');
  const kind = c.oneOf('事项类型', HISTORY_MATTER_KINDS);
  const unitCode = c.text('机构编码');
  const quotaType = c.oneOf('编制类型', QUOTA_TYPES);
  const amount = c.count('数量');
  const channel = c.oneOf('入编方式', ENTRY_CHANNELS);
  if (kind !== null && UNIT_KINDS.includes(kind) && unitCode === null)
    c.fail('机构编码', `事项类型为“${kind}”时不能为空`);
  if (kind !== null && QUOTA_KINDS.includes(kind) && quotaType === null && c.isEmpty('编制类型'))
    c.fail('编制类型', `事项类型为“${kind}”时不能为空`);
  if (kind === '上编' && channel === null && c.isEmpty('入编方式'))
    c.fail('入编方式', '事项类型为“上编”时不能为空');
  if (regionCode === null || docNo === null || date === null || kind === null || amount === null) return null;
  return {
    regionCode,
    docNo,
    date,
    unitCode,
    unitName: c.text('机构名称'),
    kind,
    quotaType,
    amount,
    channel,
    note: c.text('说明'),
  };
}

function parseUnitHistory(c: Cells): UnitHistoryRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const unitCode = c.text('机构编码');
  const validFrom = c.date('生效日期');
  const changeKind = c.text('变更类型');
  const name = c.text('机构名称');
  const category = c.oneOf('机构类别', UNIT_CATEGORIES);
  const institution = category === '事业单位';
  for (const column of ['隶属关系', '经费形式'] as const)
    if (category !== null && !institution && !c.isEmpty(column)) c.fail(column, '仅事业单位填写');
  const row = {
    docNo: c.text('文号'),
    parentCode: c.text('上级机构编码'),
    rank: c.oneOf('机构规格', UNIT_RANKS),
    affiliation: institution ? c.oneOf('隶属关系', AFFILIATIONS) : null,
    funding: institution ? c.oneOf('经费形式', FUNDING_FORMS) : null,
    type: c.oneOf('单位类型', INSTITUTION_TYPES),
    sector: c.oneOf('所属系统', SECTORS),
  };
  if (regionCode === null || unitCode === null || validFrom === null || changeKind === null) return null;
  if (name === null || category === null) return null;
  return { regionCode, unitCode, validFrom, changeKind, name, category, ...row };
}

const REGISTRATION_STATES = ['登记', '变更中', '注销'] as const;
const DOMAIN_STATES = ['注册', '转移', '冻结', '解冻', '删除'] as const;

function parseRegistration(c: Cells): RegistrationRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const unitCode = c.text('机构编码');
  const capital = c.text('开办资金');
  if (capital !== null && !/^\d+(\.\d{1,4})?$/.test(capital))
    c.fail('开办资金', '应为数字（万元，至多四位小数）');
  const state = c.oneOf('登记状态', REGISTRATION_STATES);
  const registeredOn = c.date('登记日期');
  const cancelledOn = c.date('注销日期');
  if (state === '注销' && cancelledOn === null) c.fail('注销日期', '已注销的登记须填写注销日期');
  if (state !== null && state !== '注销' && cancelledOn !== null)
    c.fail('注销日期', '未注销的登记不应有注销日期');
  const certificateNo = c.text('证书编号');
  const issuedOn = c.date('发证日期');
  const validUntil = c.date('有效期至');
  if (certificateNo !== null && (issuedOn === null || validUntil === null))
    c.fail(
      certificateNo === null ? '证书编号' : issuedOn === null ? '发证日期' : '有效期至',
      '有证书编号时须填写发证日期和有效期至',
    );
  if (certificateNo === null && (issuedOn !== null || validUntil !== null))
    c.fail('证书编号', '填写了发证日期或有效期的须给出证书编号');
  if (issuedOn !== null && validUntil !== null && validUntil < issuedOn)
    c.fail('有效期至', '不能早于发证日期');
  const row = {
    name: c.text('名称'),
    otherNames: (c.text('其他名称') ?? '')
      .split(PLAQUE_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean),
    purpose: c.text('宗旨和业务范围'),
    address: c.text('住所'),
    legalRep: c.text('法定代表人'),
    fundingSource: c.text('经费来源'),
    sponsor: c.text('举办单位'),
    sponsorUnitCode: c.text('举办单位机构编码'),
    uscc: c.uscc('统一社会信用代码'),
  };
  if (
    regionCode === null ||
    unitCode === null ||
    capital === null ||
    state === null ||
    registeredOn === null ||
    row.name === null ||
    row.purpose === null ||
    row.address === null ||
    row.legalRep === null ||
    row.fundingSource === null ||
    row.sponsor === null
  )
    return null;
  return {
    ...row,
    name: row.name,
    purpose: row.purpose,
    address: row.address,
    legalRep: row.legalRep,
    fundingSource: row.fundingSource,
    sponsor: row.sponsor,
    regionCode,
    unitCode,
    capital,
    state,
    registeredOn,
    cancelledOn,
    certificateNo,
    issuedOn,
    validUntil,
  };
}

function parseDomain(c: Cells): DomainRow | null {
  const regionCode = c.regionCode('行政区划代码');
  const unitCode = c.text('机构编码');
  const name = c.text('域名');
  if (name !== null && !/\.(政务|公益)$/.test(name)) c.fail('域名', '应以 .政务 或 .公益 结尾');
  const state = c.oneOf('状态', DOMAIN_STATES);
  const registeredOn = c.date('注册日期');
  const expiresOn = c.date('到期日期');
  if (registeredOn !== null && expiresOn !== null && expiresOn < registeredOn)
    c.fail('到期日期', '不能早于注册日期');
  const annualFee = c.text('年费');
  if (annualFee !== null && !/^\d+(\.\d{1,2})?$/.test(annualFee))
    c.fail('年费', '应为金额（元，至多两位小数）');
  if (
    regionCode === null ||
    unitCode === null ||
    name === null ||
    state === null ||
    registeredOn === null ||
    expiresOn === null
  )
    return null;
  return { regionCode, unitCode, name, state, registeredOn, expiresOn, annualFee };
}

const PARSERS: { [T in TableName]: Parser<T> } = {
  地区: parseRegion,
  人口: parsePopulation,
  机构: parseUnit,
  编制: parseQuota,
  领导职数: parsePost,
  人员: parsePerson,
  学生数: parseStudents,
  历史事项: parseHistoryMatter,
  机构沿革: parseUnitHistory,
  事业单位登记: parseRegistration,
  中文域名: parseDomain,
};

/** Checks every cell of one data row; the typed row only when the row has no error at all. */
export function parseRow<T extends TableName>(table: T, raw: RawRow): ParsedRow<T> {
  const cells = new Cells(table, raw);
  const before = raw.errors ?? [];
  cells.errors.push(...before);
  // A cell that already has its error (a unit name that names no unit) is not also "empty".
  cells.checkRequired(REQUIRED_COLUMNS[table].filter((c) => !before.some((e) => e.column === c)));
  const parser: Parser<T> = PARSERS[table];
  const row = parser(cells);
  if (cells.errors.length > 0) return { row: null, errors: cells.errors, warnings: cells.warnings };
  // Every required value that is missing has been reported above, so this is a bug, not bad data.
  if (row === null) throw new Error(`${table} 第${raw.rowNumber}行：解析失败但没有记录错误`);
  return { row, errors: [], warnings: cells.warnings };
}

type KeyPart = string | number;

const KEYS: { [T in TableName]: (row: ExchangeRow<T>) => KeyPart[] } = {
  地区: (r) => [r.code],
  人口: (r) => [r.regionCode, r.unitCode ?? '', r.year],
  机构: (r) => [r.regionCode, r.code],
  编制: (r) => [r.regionCode, r.unitCode, r.quotaType, r.source, r.effectiveFrom],
  领导职数: (r) => [r.regionCode, r.unitCode, r.level, r.effectiveFrom],
  人员: (r) => [r.idNumber],
  学生数: (r) => [r.regionCode, r.unitCode, r.year],
  历史事项: (r) => [r.regionCode, r.docNo, r.unitCode ?? '', r.kind, r.quotaType ?? ''],
  机构沿革: (r) => [r.regionCode, r.unitCode, r.validFrom],
  事业单位登记: (r) => [r.regionCode, r.unitCode],
  中文域名: (r) => [r.name],
};

/**
 * The row's ★ key (import-format.md) as one string: rows of a table with equal keys are the
 * same record. JSON keeps the parts apart whatever characters the codes contain.
 */
export function rowKey<T extends TableName>(table: T, row: ExchangeRow<T>): string {
  const key: (row: ExchangeRow<T>) => KeyPart[] = KEYS[table];
  return JSON.stringify(key(row));
}
