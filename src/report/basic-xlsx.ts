// The 机构编制情况统计表: the figures of the 基本情况 report (domain.md §5–6) as an .xlsx
// workbook, with the partitions checked (分项合计), the quota figures as a matrix, one row per
// unit, and every figure's definition. Pure of the database: it takes the computed report and
// the per-unit rows and writes a file or a stream.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { BASIC_PLACES, figureValue, type BasicReport } from '../common/report-basic.ts';
import type { Figure } from '../domain/establishment/rules.ts';
import type { UnitReportRow } from './types.ts';
import { neutralizeCellText } from '../common/spreadsheet-text.ts';
import { BOLD as HEADER_FONT, BORDER, FONT as BASE_FONT, HEADER_FILL, TOTAL_FILL } from './xlsx-style.ts';

export interface BasicXlsxInput {
  report: BasicReport;
  units: UnitReportRow[];
  /** The time printed as 生成时间; now when left out. */
  generatedAt?: Date;
}

// ——— Look ———

const FONT_NAME = '宋体';
const TITLE_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 16, bold: true };
const CAPTION_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 12, bold: true };
const NOTE_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 10, color: { argb: 'FF595959' } };
const WARN_FONT: Partial<ExcelJS.Font> = {
  name: FONT_NAME,
  size: 11,
  bold: true,
  color: { argb: 'FFFF0000' },
};
const NUMBER_FORMAT = '0';
/** Shown where the report defines no figure for a cell. */
const NONE = '—';

type Value = string | number | ExcelJS.CellFormulaValue | null;

interface CellStyle {
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  align?: ExcelJS.Alignment['horizontal'];
  indent?: number;
  wrap?: boolean;
  /** Columns a merged cell spans, for the row height its wrapped text needs. */
  span?: number;
  border?: boolean;
}

/** Display width of text in column-width units: CJK characters take two. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
  return w;
}

/**
 * Neither exceljs nor LibreOffice sizes a row to its wrapped text, so the row is made tall
 * enough for the lines the text takes in its column(s).
 */
function fitRowHeight(
  ws: ExcelJS.Worksheet,
  row: number,
  col: number,
  text: string,
  span: number,
  size: number,
): void {
  let width = 0;
  for (let c = col; c < col + span; c++) width += ws.getColumn(c).width ?? 9;
  const perLine = Math.max(1, (width - 1) * (11 / size));
  const lines = text
    .split('\n')
    .reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / perLine)), 0);
  const height = lines * (size * 1.35) + 4;
  const r = ws.getRow(row);
  if (lines > 1 && (r.height ?? 0) < height) r.height = height;
}

function put(
  ws: ExcelJS.Worksheet,
  row: number,
  col: number,
  value: Value,
  style: CellStyle = {},
): ExcelJS.Cell {
  const cell = ws.getCell(row, col);
  cell.value = typeof value === 'string' ? neutralizeCellText(value) : value;
  cell.font = style.font ?? BASE_FONT;
  if (style.fill) cell.fill = style.fill;
  const numeric = typeof value === 'number' || (value !== null && typeof value === 'object');
  if (numeric) cell.numFmt = NUMBER_FORMAT;
  cell.alignment = {
    vertical: 'middle',
    horizontal: style.align ?? (numeric || value === NONE ? 'center' : 'left'),
    ...(style.indent ? { indent: style.indent } : {}),
    ...(style.wrap ? { wrapText: true } : {}),
  };
  if (style.border !== false) cell.border = BORDER;
  const shown = value !== null && typeof value === 'object' ? value.result : value;
  const text = typeof shown === 'string' ? shown : null;
  if (style.wrap && text !== null) fitRowHeight(ws, row, col, text, style.span ?? 1, cell.font.size ?? 11);
  return cell;
}

function headerRow(ws: ExcelJS.Worksheet, row: number, labels: readonly string[], firstCol = 1): void {
  labels.forEach((label, i) =>
    put(ws, row, firstCol + i, label, { font: HEADER_FONT, fill: HEADER_FILL, align: 'center', wrap: true }),
  );
  ws.getRow(row).height = 22;
}

/** A title over `width` columns, and the region and date under it. */
function titleRows(ws: ExcelJS.Worksheet, report: BasicReport, title: string, width: number): number {
  ws.mergeCells(1, 1, 1, width);
  put(ws, 1, 1, title, { font: TITLE_FONT, align: 'center', border: false });
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, width);
  put(ws, 2, 1, `${report.regionName}\u3000统计日期：${chineseDate(report.asOf)}`, {
    font: NOTE_FONT,
    align: 'center',
    border: false,
  });
  return 4;
}

function noteRows(ws: ExcelJS.Worksheet, row: number, notes: readonly string[], width: number): number {
  for (const note of notes) {
    ws.mergeCells(row, 1, row, width);
    put(ws, row, 1, note, { font: NOTE_FONT, wrap: true, span: width, border: false });
    row++;
  }
  return row;
}

type PrintShape = 'portrait' | 'landscape';

function setupPage(
  ws: ExcelJS.Worksheet,
  report: BasicReport,
  shape: PrintShape,
  titleRowsToRepeat?: string,
): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: shape,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(titleRowsToRepeat ? { printTitlesRow: titleRowsToRepeat } : {}),
  };
  ws.headerFooter = {
    oddHeader: `&C&"宋体"&10${report.regionName}机构编制情况统计表（${ws.name}）`,
    oddFooter: '&C&"宋体"&10第 &P 页，共 &N 页',
  };
}

function widths(ws: ExcelJS.Worksheet, cols: readonly number[]): void {
  cols.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

// ——— Helpers on the report ———

/** "2024-06-30" → "2024年6月30日"; anything else as it is. */
function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 2024-07-01 09:30:00 in China Standard Time. */
function chinaTime(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (t: Intl.DateTimeFormatPartTypes): string => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

const PLACE_OF = new Map<string, number>();
for (const p of BASIC_PLACES) if (!PLACE_OF.has(p.key)) PLACE_OF.set(p.key, p.place);
const LABEL_OF = new Map(BASIC_PLACES.map((p) => [p.key, p.label]));

function placeOf(key: string): number {
  const place = PLACE_OF.get(key);
  if (place === undefined) throw new Error(`未知指标 ${key}`);
  return place;
}

function labelOf(key: string): string {
  return LABEL_OF.get(key) ?? key;
}

// ——— Count tables with a check of their parts ———

interface Item {
  key: string;
  /** Defaults to the place's label. */
  label?: string;
  /** Indent level under the total. */
  level?: number;
}

interface Check {
  /** The row's label. */
  label: string;
  total: string;
  parts: readonly string[];
  /** Whether the parts must add up to the total (domain.md §5); a mismatch is then a warning. */
  partition: boolean;
  /** What an expected mismatch means, for breakdowns that are not partitions. */
  otherwise?: string;
}

const COUNT_HEADER = ['项目', '数量', '指标序号', '核对'] as const;

/** Writes a block of count rows and its check rows from `row`; returns the next free row. */
function countBlock(
  ws: ExcelJS.Worksheet,
  report: BasicReport,
  row: number,
  caption: string | null,
  items: readonly Item[],
  checks: readonly Check[],
): number {
  if (caption) {
    ws.mergeCells(row, 1, row, COUNT_HEADER.length);
    put(ws, row, 1, caption, { font: CAPTION_FONT, border: false });
    row++;
  }
  headerRow(ws, row, COUNT_HEADER);
  row++;
  const address = new Map<string, string>();
  for (const item of items) {
    const level = item.level ?? 0;
    const total = level === 0;
    const style: CellStyle = total ? { font: HEADER_FONT, fill: TOTAL_FILL } : {};
    put(ws, row, 1, item.label ?? labelOf(item.key), { ...style, indent: level * 2 });
    const cell = put(ws, row, 2, figureValue(report, item.key), style);
    put(ws, row, 3, placeOf(item.key), style);
    put(ws, row, 4, null, style);
    address.set(item.key, cell.address);
    row++;
  }
  for (const check of checks) {
    const parts = check.parts.map((k) => {
      const a = address.get(k);
      if (!a) throw new Error(`分项 ${k} 不在表中`);
      return a;
    });
    const totalAddress = address.get(check.total);
    if (!totalAddress) throw new Error(`总数 ${check.total} 不在表中`);
    const sum = check.parts.reduce((s, k) => s + figureValue(report, k), 0);
    const total = figureValue(report, check.total);
    const equal = sum === total;
    put(ws, row, 1, check.label, { font: HEADER_FONT });
    const sumCell = put(ws, row, 2, { formula: parts.join('+'), result: sum });
    put(ws, row, 3, null);
    const unequal = check.otherwise
      ? `"不等：${check.otherwise}"`
      : `"不等（差 "&(${sumCell.address}-${totalAddress})&"）"`;
    const verdict = equal
      ? '相等'
      : check.otherwise
        ? `不等：${check.otherwise}`
        : `不等（差 ${sum - total}）`;
    put(
      ws,
      row,
      4,
      { formula: `IF(${sumCell.address}=${totalAddress},"相等",${unequal})`, result: verdict },
      { font: !equal && check.partition ? WARN_FONT : BASE_FONT, align: 'left', wrap: true },
    );
    row++;
  }
  return row;
}

// ——— Sheets ———

function sheetNotes(wb: ExcelJS.Workbook, report: BasicReport, generatedAt: Date, unitCount: number): void {
  const ws = wb.addWorksheet('说明', { properties: { tabColor: { argb: 'FF4472C4' } } });
  widths(ws, [16, 80]);
  ws.mergeCells(1, 1, 1, 2);
  put(ws, 1, 1, `${report.regionName}机构编制情况统计表`, {
    font: TITLE_FONT,
    align: 'center',
    border: false,
  });
  ws.getRow(1).height = 30;
  const facts: [string, string][] = [
    ['地区', report.regionName],
    ['行政区划代码', report.regionCode],
    ['统计日期', `${chineseDate(report.asOf)}（${report.asOf}）`],
    ['生成时间', `${chinaTime(generatedAt)}（北京时间）`],
    ['逐单位行数', String(unitCount)],
  ];
  if (report.counties.length > 0) {
    facts.splice(2, 0, ['汇总范围', report.counties.map((c) => `${c.name}（${c.code}）`).join('、')]);
  }
  let row = 3;
  for (const [k, v] of facts) {
    put(ws, row, 1, k, { font: HEADER_FONT, fill: HEADER_FILL });
    put(ws, row, 2, v, { wrap: true });
    row++;
  }
  row++;
  const notes = [
    '说明：',
    '1. 本表各项数字均按工作表“指标定义”所列定义计算，“指标序号”即该表的序号（基本情况报告中的第几处数字）。',
    '2. 统计日期当日存在的机构方予统计；编制按统计日期有效的核定数；实有人员按统计日期在编的人员。',
    '3. “分项合计”行核对各分项之和是否等于总数；应当相等而不等的，以红色粗体标出，提示数据需要核查。',
    '4. “逐单位”表中“超编”大于 0 的，以红色粗体标出。',
    '5. “—”表示该项没有对应的指标。',
  ];
  for (const note of notes) {
    ws.mergeCells(row, 1, row, 2);
    put(ws, row, 1, note, {
      wrap: true,
      span: 2,
      border: false,
      font: note === '说明：' ? HEADER_FONT : BASE_FONT,
    });
    row++;
  }
  row++;
  headerRow(ws, row, ['工作表', '内容']);
  row++;
  const sheets: [string, string][] = [
    ['机构设置', '党政机构（按机构类别）及市委政府派出机构'],
    ['事业单位', '事业单位数，按机构规格、经费形式、隶属关系、单位类型划分'],
    ['编制', '行政、事业、聘用编制的核定、实有、空编、待入编、实际空编及科级领导未配'],
    ['教育卫生', '中小学、幼儿园、卫生系统的事业编制'],
    ['逐单位', '每个机构的编制及科级领导职数'],
    ['指标定义', '每项指标的序号、名称、数值和定义'],
  ];
  for (const [name, what] of sheets) {
    put(ws, row, 1, name);
    put(ws, row, 2, what, { wrap: true });
    row++;
  }
  setupPage(ws, report, 'portrait');
}

function sheetOrgans(wb: ExcelJS.Workbook, report: BasicReport): void {
  const ws = wb.addWorksheet('机构设置');
  widths(ws, [34, 10, 10, 30]);
  let row = titleRows(ws, report, '党政机构设置情况', COUNT_HEADER.length);
  row = countBlock(
    ws,
    report,
    row,
    null,
    [
      { key: 'partyGovernmentOrgans', label: '党政机构合计' },
      { key: 'partyOrgans', level: 1 },
      { key: 'disciplineOrgans', label: '其中：纪检监察机关', level: 2 },
      { key: 'partyWorkOrgans', label: '党委工作机关', level: 3 },
      { key: 'congressOrgans', level: 1 },
      { key: 'governmentOrgans', level: 1 },
      { key: 'cppccOrgans', level: 1 },
      { key: 'massOrganizations', level: 1 },
      { key: 'townships', level: 1 },
      { key: 'streets', level: 1 },
    ],
    [
      {
        label: '分项合计',
        total: 'partyGovernmentOrgans',
        parts: [
          'partyOrgans',
          'congressOrgans',
          'governmentOrgans',
          'cppccOrgans',
          'massOrganizations',
          'townships',
          'streets',
        ],
        partition: true,
      },
      {
        label: '党委机构分项合计',
        total: 'partyOrgans',
        parts: ['disciplineOrgans', 'partyWorkOrgans'],
        partition: true,
      },
    ],
  );
  row++;
  row = countBlock(
    ws,
    report,
    row,
    '派出机构（不计入党政机构）',
    [{ key: 'dispatchedOrgans', label: `${report.cityName}委政府派出机构` }],
    [],
  );
  noteRows(
    ws,
    row + 1,
    ['注：党政机构 = 党委机构 + 人大机关 + 政府机构 + 政协机关 + 群众团体 + 乡镇 + 街道，不含派出机构。'],
    4,
  );
  setupPage(ws, report, 'portrait');
}

const INSTITUTION_BLOCKS: {
  caption: string;
  parts: readonly string[];
  partition: boolean;
  otherwise?: string;
}[] = [
  {
    caption: '一、按机构规格划分',
    parts: [
      'instCountyDirectDivision',
      'instGovernmentDirectDivision',
      'instDepartmentInLimitByRank',
      'instDepartmentDeputy',
      'instTownshipDeputy',
      'instUnranked',
    ],
    partition: true,
  },
  {
    caption: '二、按经费形式划分',
    parts: ['instFullFunding', 'instPartialFunding', 'instSelfFunding'],
    partition: true,
  },
  {
    caption: '三、按隶属关系划分',
    parts: [
      'instCountyDirect',
      'instGovernmentDirect',
      'instDepartmentInLimit',
      'instDepartmentOther',
      'instStreet',
      'instTownship',
      'instStationed',
    ],
    partition: true,
  },
  {
    caption: '四、按单位类型划分',
    parts: ['schools', 'kindergartens', 'townshipHealthCentres', 'farmHealthCentres'],
    partition: false,
    otherwise: '其余为一般、公立医院等其他类型，不要求相等',
  },
];

function sheetInstitutions(wb: ExcelJS.Workbook, report: BasicReport): void {
  const ws = wb.addWorksheet('事业单位');
  widths(ws, [34, 10, 10, 44]);
  let row = titleRows(ws, report, '事业单位设置情况', COUNT_HEADER.length);
  for (const block of INSTITUTION_BLOCKS) {
    row = countBlock(
      ws,
      report,
      row,
      block.caption,
      [{ key: 'institutions', label: '事业单位合计' }, ...block.parts.map((key) => ({ key, level: 1 }))],
      [
        {
          label: '分项合计',
          total: 'institutions',
          parts: block.parts,
          partition: block.partition,
          ...(block.otherwise ? { otherwise: block.otherwise } : {}),
        },
      ],
    );
    row++;
  }
  setupPage(ws, report, 'portrait');
}

const QUOTA_COLUMNS = ['核定', '实有', '空编', '待入编', '招考待入编', '实际空编', '科级领导未配'] as const;

/** The figure behind each cell of the 编制 sheet; null where the report defines none. */
const QUOTA_ROWS: { label: string; level: number; total?: boolean; keys: readonly (string | null)[] }[] = [
  {
    label: '行政编制',
    level: 0,
    keys: [
      'adminQuota',
      'adminActual',
      'adminVacant',
      'adminPending',
      'adminExamPending',
      'adminRealVacant',
      'organLeadershipUnfilled',
    ],
  },
  {
    label: '其中：政法专项编制',
    level: 1,
    keys: ['politicalLegalQuota', null, null, null, null, null, null],
  },
  {
    label: '事业编制',
    level: 0,
    keys: [
      'institutionQuota',
      'institutionActual',
      'institutionVacant',
      'institutionPending',
      'institutionExamPending',
      'institutionRealVacant',
      'institutionLeadershipUnfilled',
    ],
  },
  {
    label: '聘用编制',
    level: 0,
    keys: ['contractQuota', 'contractActual', 'contractVacant', null, null, null, null],
  },
  {
    label: '合计',
    level: 0,
    total: true,
    keys: ['quotaTotal', 'totalActual', 'totalVacant', 'totalPending', null, 'totalRealVacant', null],
  },
];

function figureMatrix(
  ws: ExcelJS.Worksheet,
  report: BasicReport,
  row: number,
  corner: string,
  columns: readonly string[],
  rows: readonly { label: string; level: number; total?: boolean; keys: readonly (string | null)[] }[],
): number {
  headerRow(ws, row, [corner, ...columns]);
  row++;
  for (const r of rows) {
    const style: CellStyle = r.total ? { font: HEADER_FONT, fill: TOTAL_FILL } : {};
    put(ws, row, 1, r.label, { ...style, indent: r.level * 2 });
    r.keys.forEach((key, i) => {
      const cell = put(ws, row, i + 2, key === null ? NONE : figureValue(report, key), style);
      if (key !== null) cell.note = `指标序号 ${placeOf(key)}：${labelOf(key)}`;
    });
    row++;
  }
  return row;
}

function sheetQuotas(wb: ExcelJS.Workbook, report: BasicReport): void {
  const ws = wb.addWorksheet('编制');
  widths(ws, [22, 10, 10, 10, 10, 12, 10, 14]);
  let row = titleRows(ws, report, '编制及人员情况', QUOTA_COLUMNS.length + 1);
  row = figureMatrix(ws, report, row, '编制类型', QUOTA_COLUMNS, QUOTA_ROWS);
  noteRows(
    ws,
    row + 1,
    [
      '注：1. 行政编制含政法专项编制；事业编制含周转池编制。',
      '2. 空编 = 各单位 max(0, 核定 − 实有) 之和；实际空编 = 各单位 max(0, 核定 − 实有 − 待入编) 之和；招考待入编为入编方式为考录或招聘的待入编人员。',
      '3. 科级领导未配：行政编制一行为机关（含派出机构），事业编制一行为事业单位；均为各单位各职级 max(0, 核定职数 − 在编任该职级人数) 之和。',
      '4. “—”表示该项没有对应的指标。',
    ],
    QUOTA_COLUMNS.length + 1,
  );
  setupPage(ws, report, 'landscape');
}

const SECTOR_COLUMNS = ['核定', '实有', '空编', '待入编', '实际空编'] as const;
const SECTOR_ROWS: { label: string; level: number; keys: readonly (string | null)[] }[] = [
  {
    label: '中小学',
    level: 0,
    keys: ['schoolQuota', 'schoolActual', 'schoolVacant', 'schoolPending', 'schoolRealVacant'],
  },
  {
    label: '幼儿园',
    level: 0,
    keys: ['kindergartenQuota', 'kindergartenActual', null, 'kindergartenPending', null],
  },
  {
    label: '卫生系统',
    level: 0,
    keys: ['healthQuota', 'healthActual', 'healthVacant', 'healthPending', 'healthRealVacant'],
  },
];

function sheetSectors(wb: ExcelJS.Workbook, report: BasicReport): void {
  const ws = wb.addWorksheet('教育卫生');
  widths(ws, [16, 10, 10, 10, 10, 10]);
  let row = titleRows(ws, report, '教育、卫生系统事业编制情况', SECTOR_COLUMNS.length + 1);
  row = figureMatrix(ws, report, row, '类别', SECTOR_COLUMNS, SECTOR_ROWS);
  noteRows(
    ws,
    row + 1,
    [
      '注：中小学、幼儿园为单位类型是中小学、幼儿园的单位的事业编制；卫生系统为所属系统是卫生健康的单位的事业编制。',
      '“—”表示该项没有对应的指标。',
    ],
    SECTOR_COLUMNS.length + 1,
  );
  setupPage(ws, report, 'portrait');
}

const UNIT_INFO = ['机构编码', '机构名称', '机构类别', '上级机构'] as const;
const UNIT_TYPES = ['行政编制', '事业编制', '聘用编制'] as const;
const FIGURE_COLUMNS = ['核定', '实有', '空编', '超编', '待入编', '实际空编'] as const;
const POST_LEVELS = ['正科', '副科'] as const;
const POST_COLUMNS = ['核定', '实配', '未配'] as const;

function figureCells(f: Figure | null): (number | null)[] {
  if (!f) return FIGURE_COLUMNS.map(() => null);
  return [f.approved, f.actual, f.vacant, f.over, f.pending, f.realVacant];
}

function sheetUnits(wb: ExcelJS.Workbook, report: BasicReport, units: readonly UnitReportRow[]): void {
  const ws = wb.addWorksheet('逐单位', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 2, activeCell: 'C3' }],
  });
  const lastCol =
    UNIT_INFO.length + UNIT_TYPES.length * FIGURE_COLUMNS.length + POST_LEVELS.length * POST_COLUMNS.length;
  widths(ws, [12, 28, 13, 20, ...Array.from({ length: lastCol - UNIT_INFO.length }, () => 6.5)]);

  // Two-level header: the unit's facts span both rows; each group's name spans its columns.
  const headerStyle: CellStyle = { font: HEADER_FONT, fill: HEADER_FILL, align: 'center', wrap: true };
  UNIT_INFO.forEach((label, i) => {
    put(ws, 1, i + 1, label, headerStyle);
    put(ws, 2, i + 1, null, headerStyle);
    ws.mergeCells(1, i + 1, 2, i + 1);
  });
  let col = UNIT_INFO.length + 1;
  const groups: [string, readonly string[]][] = [
    ...UNIT_TYPES.map((t): [string, readonly string[]] => [t, FIGURE_COLUMNS]),
    ...POST_LEVELS.map((l): [string, readonly string[]] => [`${l}职数`, POST_COLUMNS]),
  ];
  for (const [group, columns] of groups) {
    columns.forEach((label, i) => {
      put(ws, 1, col + i, group, headerStyle);
      put(ws, 2, col + i, label, headerStyle);
    });
    ws.mergeCells(1, col, 1, col + columns.length - 1);
    col += columns.length;
  }
  ws.getRow(1).height = 20;
  ws.getRow(2).height = 20;

  const overColumn = FIGURE_COLUMNS.indexOf('超编');
  let row = 3;
  for (const u of units) {
    put(ws, row, 1, u.code);
    put(ws, row, 2, u.name);
    put(ws, row, 3, u.category);
    put(ws, row, 4, u.parentName);
    let c = UNIT_INFO.length + 1;
    for (const t of UNIT_TYPES) {
      figureCells(u.figures[t]).forEach((v, i) => {
        const warn = i === overColumn && v !== null && v > 0;
        put(ws, row, c + i, v, warn ? { font: WARN_FONT } : {});
      });
      c += FIGURE_COLUMNS.length;
    }
    for (const level of POST_LEVELS) {
      const p = u.posts[level];
      const values = p ? [p.approved, p.filled, p.unfilled] : [null, null, null];
      values.forEach((v, i) => put(ws, row, c + i, v));
      c += POST_COLUMNS.length;
    }
    row++;
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, row - 1), column: lastCol } };
  setupPage(ws, report, 'landscape', '1:2');
}

function sheetDefinitions(wb: ExcelJS.Workbook, report: BasicReport): void {
  const ws = wb.addWorksheet('指标定义', { views: [{ state: 'frozen', ySplit: 1 }] });
  widths(ws, [7, 24, 10, 100]);
  // Chinese only: the figures' code keys (camelCase) are for the program, not for the reader.
  headerRow(ws, 1, ['序号', '指标', '数值', '定义']);
  let row = 2;
  for (const p of BASIC_PLACES) {
    const value =
      p.kind === 'name'
        ? p.key === 'cityName'
          ? report.cityName
          : report.regionName
        : figureValue(report, p.key);
    put(ws, row, 1, p.place);
    put(ws, row, 2, p.label);
    put(ws, row, 3, value, { align: 'center' });
    put(ws, row, 4, p.definition, { wrap: true });
    row++;
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: row - 1, column: 4 } };
  setupPage(ws, report, 'landscape', '1:1');
}

// ——— Entry ———

export function buildBasicWorkbook(input: BasicXlsxInput): ExcelJS.Workbook {
  const { report, units } = input;
  const wb = new ExcelJS.Workbook();
  const now = input.generatedAt ?? new Date();
  wb.creator = '机构编制管理系统';
  wb.title = `${report.regionName}机构编制情况统计表`;
  wb.created = now;
  wb.modified = now;
  sheetNotes(wb, report, now, units.length);
  sheetOrgans(wb, report);
  sheetInstitutions(wb, report);
  sheetQuotas(wb, report);
  sheetSectors(wb, report);
  sheetUnits(wb, report, units);
  sheetDefinitions(wb, report);
  return wb;
}

/** Writes the workbook to a file path, or to a stream (which is ended when the workbook is written). */
export async function renderBasicXlsx(
  input: BasicXlsxInput,
  out: string | NodeJS.WritableStream,
): Promise<void> {
  const wb = buildBasicWorkbook(input);
  if (typeof out === 'string') {
    await wb.xlsx.writeFile(out);
    return;
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  await pipeline(Readable.from([bytes]), out);
}
