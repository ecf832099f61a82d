// The 基本情况 report as a Word document laid out after GB/T 9704-2012 (党政机关公文格式):
// A4, 版心 156 mm × 225 mm, title in 2号小标宋, body in 3号仿宋 at a fixed 28 pt line pitch
// (22 lines of about 28 characters a page), 一级标题 in 黑体, 二级标题 in 楷体, page numbers
// "— 1 —" in 4号宋体 below the 版心, odd pages right and even pages left.
//
// Fonts: a run names one font per script, so each run names the font the standard asks for
// (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) and nothing else. Offices have them
// installed; where one is missing Word and LibreOffice substitute the closest CJK font they
// have (on a bare Linux server that is Noto Serif/Sans CJK), so the text always renders.
//
// Pure: it takes the computed report and returns the bytes.
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { renderBasicText, type BasicReport } from '../common/report-basic.ts';

/** Twentieths of a point from millimetres (1 in = 25.4 mm = 1440 twips). */
export function mmToTwips(mm: number): number {
  return Math.round((mm / 25.4) * 1440);
}

/** Twentieths of a point from points. */
const pt = (points: number): number => Math.round(points * 20);
/** docx run sizes are in half-points. */
const halfPt = (points: number): number => Math.round(points * 2);

// GB/T 9704-2012 §5.2.1–5.2.2: A4, 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm.
export const PAGE = {
  width: mmToTwips(210),
  height: mmToTwips(297),
  top: mmToTwips(37),
  bottom: mmToTwips(35),
  left: mmToTwips(28),
  right: mmToTwips(26),
} as const;

// 字号 (points).
const SIZE_2 = 22; // 二号: title
const SIZE_3 = 16; // 三号: body and headings
const SIZE_4 = 14; // 四号: page number
const SIZE_S4 = 12; // 小四: the table

/** Line pitch of the body: 28 pt, exact (GB/T 9704 §5.2.4: 22 lines a page). */
const LINE = pt(28);
/** First-line indent of two characters of 3号. */
const INDENT_2 = pt(2 * SIZE_3);

const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** The same font for every script, so digits and Latin letters match the Chinese around them. */
function font(name: string): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' } as const;

function run(text: string, fontName: string, size: number): TextRun {
  return new TextRun({ text, font: font(fontName), size: halfPt(size), language: LANGUAGE });
}

/** "2024-06-30" → "2024年6月30日"; anything else is shown as it is. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

type LineKind = 'heading1' | 'heading2' | 'body';

const HEADING1 = /^[一二三四五六七八九十]+、/;
const HEADING2 = /^（[一二三四五六七八九十]+）/;

export function lineKind(line: string): LineKind {
  if (HEADING1.test(line)) return 'heading1';
  if (HEADING2.test(line)) return 'heading2';
  return 'body';
}

/**
 * The runs of a line: a level-2 heading that goes on with body text in the same paragraph
 * ("（一）加强法规制度学习，提升依法履职能力。一是…") has its heading in 楷体 and the rest in 仿宋.
 */
function lineRuns(line: string, kind: LineKind): TextRun[] {
  if (kind === 'heading1') return [run(line, FONT.heading1, SIZE_3)];
  if (kind === 'body') return [run(line, FONT.body, SIZE_3)];
  const end = line.indexOf('。');
  if (end < 0 || end === line.length - 1) return [run(line, FONT.heading2, SIZE_3)];
  return [run(line.slice(0, end + 1), FONT.heading2, SIZE_3), run(line.slice(end + 1), FONT.body, SIZE_3)];
}

function bodyParagraph(line: string): Paragraph {
  const kind = lineKind(line);
  const runs = lineRuns(line, kind);
  return new Paragraph({
    children: runs,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: INDENT_2, firstLineChars: 200 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    // Figures sit in the text as the county types them, without Word's extra gap around digits.
    autoSpaceEastAsianText: false,
    // A heading never ends a page on its own.
    keepNext: kind !== 'body' && runs.length === 1,
    // Outline levels put the headings in Word's navigation pane without changing their look.
    ...(kind === 'heading1' ? { outlineLevel: 0 } : kind === 'heading2' ? { outlineLevel: 1 } : {}),
  });
}

function blankLine(): Paragraph {
  return new Paragraph({
    children: [run('', FONT.body, SIZE_3)],
    spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  });
}

function centred(text: string, fontName: string, size: number, line: number): Paragraph {
  return new Paragraph({
    children: [run(text, fontName, size)],
    alignment: AlignmentType.CENTER,
    spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    autoSpaceEastAsianText: false,
    keepNext: true,
  });
}

// GB/T 9704 §7.5: 4号半角宋体阿拉伯数字, a 一字线 on each side, the 一字线 7 mm below the 版心;
// odd pages right and even pages left, each one character in from the edge of the 版心.
const PAGE_NUMBER_LINE = pt(SIZE_4);
/** Footer distance from the page edge so that the number's line starts 7 mm below the 版心. */
const FOOTER_DISTANCE = mmToTwips(35 - 7) - PAGE_NUMBER_LINE;

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: pt(SIZE_4) } : { left: pt(SIZE_4) },
        spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FONT.pageNumber),
            size: halfPt(SIZE_4),
            language: LANGUAGE,
          }),
        ],
      }),
    ],
  });
}

// The 主要指标 table: 小四仿宋, spanning the 版心.
const TABLE_WIDTH = mmToTwips(156);
const TABLE_COLUMNS = [mmToTwips(116), TABLE_WIDTH - mmToTwips(116)] as const;
const TABLE_LINE = pt(18);

function tableCell(
  text: string,
  width: number,
  opts: { header?: boolean; align?: 'left' | 'center' },
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: pt(5), right: pt(5), top: pt(1), bottom: pt(1) },
    children: [
      new Paragraph({
        alignment: opts.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [run(text, opts.header ? FONT.heading1 : FONT.body, SIZE_S4)],
      }),
    ],
  });
}

/** With a 来源 column: 指标, 数值, 来源 (the 数据来源 appendix of the 全年汇报). */
const SOURCE_COLUMNS = [mmToTwips(70), mmToTwips(24), TABLE_WIDTH - mmToTwips(94)] as const;

export interface DocumentFigure {
  label: string;
  value: string | number;
  /** Where the figure comes from; a table whose figures name one gets a 来源 column. */
  source?: string;
}

function figuresTable(figures: readonly DocumentFigure[], header: readonly [string, string]): Table {
  const withSource = figures.some((f) => f.source !== undefined);
  const widths: readonly number[] = withSource ? SOURCE_COLUMNS : TABLE_COLUMNS;
  const [labelWidth = 0, valueWidth = 0, sourceWidth = 0] = widths;
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: [
          tableCell(header[0], labelWidth, { header: true }),
          tableCell(header[1], valueWidth, { header: true }),
          ...(withSource ? [tableCell('来源', sourceWidth, { header: true })] : []),
        ],
      }),
      ...figures.map(
        (f) =>
          new TableRow({
            cantSplit: true,
            children: [
              tableCell(f.label, labelWidth, { align: 'left' }),
              tableCell(String(f.value), valueWidth, {}),
              ...(withSource ? [tableCell(f.source ?? '', sourceWidth, { align: 'left' })] : []),
            ],
          }),
      ),
    ],
  });
}

export interface OfficialDocument {
  title: string;
  /** The line under the title, e.g. "（截至2024年6月30日）". */
  subtitle: string;
  description: string;
  /** Body lines: "一、…" level-1 headings, "（一）…" level-2 headings, the rest paragraphs. */
  lines: readonly string[];
  /** The 主要指标 table at the end (left out when empty). */
  figures: readonly DocumentFigure[];
  /** The table's heading and column headers; by default 主要指标, 指标 and 数值. */
  figuresTitle?: string;
  figuresHeader?: readonly [string, string];
}

/** A document laid out as GB/T 9704-2012 (党政机关公文格式). */
export async function renderOfficialDocx(d: OfficialDocument): Promise<Buffer> {
  const doc = new Document({
    title: d.title,
    creator: '机构编制管理系统',
    description: d.description,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(FONT.body), size: halfPt(SIZE_3), language: LANGUAGE },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: mmToTwips(15),
              footer: FOOTER_DISTANCE,
              gutter: 0,
            },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [
          // The title's own pitch is wider than the body's so that the larger glyphs are not clipped.
          centred(d.title, FONT.title, SIZE_2, pt(36)),
          centred(d.subtitle, FONT.heading2, SIZE_3, LINE),
          blankLine(),
          ...d.lines
            .map((l) => l.trim())
            .filter((l) => l !== '')
            .map(bodyParagraph),
          // A document without figures (a certificate) ends with its text: no empty table.
          ...(d.figures.length > 0
            ? [
                blankLine(),
                centred(d.figuresTitle ?? '主要指标', FONT.heading1, SIZE_3, LINE),
                figuresTable(d.figures, d.figuresHeader ?? ['指标', '数值']),
              ]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function renderBasicDocx(report: BasicReport, opts: { title?: string } = {}): Promise<Buffer> {
  return renderOfficialDocx({
    title: opts.title ?? `${report.regionName}机构编制基本情况`,
    subtitle: `（截至${chineseDate(report.asOf)}）`,
    description: `${report.regionName}机构编制基本情况，统计日期 ${report.asOf}`,
    lines: renderBasicText(report).split('\n'),
    figures: report.figures,
  });
}
