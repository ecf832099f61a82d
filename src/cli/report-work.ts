// `bianzhi report work`: the 工作统计 of a period as text (standard output), JSON or a Word
// document laid out like the 基本情况 report (GB/T 9704-2012: A4, 版心 156 mm × 225 mm, title
// in 2号小标宋, body in 3号仿宋 at a fixed 28 pt pitch, page numbers "— 1 —" in 4号宋体).
import fs from 'node:fs';
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
import { renderWorkText, type WorkStatistics } from '../common/report-work.ts';
import type { Booted } from '../bootstrap.ts';
import { computeWorkStatistics } from '../domain/reports/work-statistics.ts';
import { chineseDate, mmToTwips, PAGE } from '../report/basic-docx.ts';
import type { Out } from './commands.ts';

const FORMATS = ['text', 'json', 'docx'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Twentieths of a point from points; docx run sizes are in half-points. */
const pt = (points: number): number => Math.round(points * 20);
const halfPt = (points: number): number => Math.round(points * 2);

const SIZE_2 = 22; // 二号: title
const SIZE_3 = 16; // 三号: body
const SIZE_4 = 14; // 四号: page number
const SIZE_S4 = 12; // 小四: the table
const LINE = pt(28);
const TABLE_LINE = pt(18);

const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' } as const;

function font(name: string): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

function run(text: string, fontName: string, size: number): TextRun {
  return new TextRun({ text, font: font(fontName), size: halfPt(size), language: LANGUAGE });
}

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

function centred(text: string, fontName: string, size: number, line: number): Paragraph {
  return new Paragraph({
    children: [run(text, fontName, size)],
    alignment: AlignmentType.CENTER,
    spacing: exact(line),
    autoSpaceEastAsianText: false,
    keepNext: true,
  });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, FONT.body, SIZE_3)],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: pt(2 * SIZE_3), firstLineChars: 200 },
    spacing: exact(LINE),
    autoSpaceEastAsianText: false,
  });
}

const blankLine = (): Paragraph =>
  new Paragraph({ children: [run('', FONT.body, SIZE_3)], spacing: exact(LINE) });

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: pt(SIZE_4) } : { left: pt(SIZE_4) },
        spacing: exact(pt(SIZE_4)),
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

const TABLE_WIDTH = mmToTwips(156);
const TABLE_COLUMNS = [mmToTwips(116), TABLE_WIDTH - mmToTwips(116)] as const;

function tableCell(text: string, width: number, opts: { header?: boolean; left?: boolean }): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: pt(5), right: pt(5), top: pt(1), bottom: pt(1) },
    children: [
      new Paragraph({
        alignment: opts.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: exact(TABLE_LINE),
        children: [run(text, opts.header ? FONT.heading1 : FONT.body, SIZE_S4)],
      }),
    ],
  });
}

function figuresTable(stats: WorkStatistics): Table {
  const [labelWidth, valueWidth] = TABLE_COLUMNS;
  const row = (label: string, value: string, header = false) =>
    new TableRow({
      cantSplit: true,
      tableHeader: header,
      children: [
        tableCell(label, labelWidth, { header, left: !header }),
        tableCell(value, valueWidth, { header }),
      ],
    });
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: [...TABLE_COLUMNS],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      row('指标', '数值', true),
      ...stats.figures.map((f) => row(f.label, `${f.value}${f.measure}`)),
      ...stats.quotasAddedByUnit.map((l) =>
        row(`\u3000其中：核增${l.unitName}${l.quotaType}`, `${l.amount}名`),
      ),
    ],
  });
}

/** The statistics as a Word document: title, period, the sentences of section 二, the figures. */
export async function renderWorkDocx(stats: WorkStatistics): Promise<Buffer> {
  const title = `${stats.regionName}机构编制工作统计`;
  const period = `${chineseDate(stats.from)}至${chineseDate(stats.to)}`;
  const doc = new Document({
    title,
    creator: '机构编制管理系统',
    description: `${title}，统计期 ${stats.from} 至 ${stats.to}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(FONT.body), size: halfPt(SIZE_3), language: LANGUAGE },
          paragraph: { spacing: exact(LINE) },
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
              // The page number's line starts 7 mm below the 版心 (GB/T 9704 §7.5).
              footer: mmToTwips(35 - 7) - pt(SIZE_4),
              gutter: 0,
            },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [
          centred(title, FONT.title, SIZE_2, pt(36)),
          centred(`（${period}）`, FONT.heading2, SIZE_3, LINE),
          blankLine(),
          ...renderWorkText(stats)
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map(bodyParagraph),
          blankLine(),
          centred('主要指标', FONT.heading1, SIZE_3, LINE),
          figuresTable(stats),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function reportWorkCommand(
  b: Booted,
  opts: { region: string; from: string; to: string; format: string | undefined; out: string | undefined },
  out: Out,
): Promise<number> {
  const format = opts.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    out(`--format 应为 ${FORMATS.join('、')} 之一`);
    return 2;
  }
  if (!ISO_DATE.test(opts.from) || !ISO_DATE.test(opts.to)) {
    out('--from、--to 日期格式应为 YYYY-MM-DD');
    return 2;
  }
  if (opts.from > opts.to) {
    out('--from 不能晚于 --to');
    return 2;
  }
  if (format === 'docx' && !opts.out) {
    out('--format docx 需要 --out 文件名');
    return 2;
  }
  const stats = await computeWorkStatistics(b.ctx.db.kysely, {
    regionCode: opts.region,
    from: opts.from,
    to: opts.to,
  });
  const write = (content: string | Buffer) => {
    if (opts.out) fs.writeFileSync(opts.out, content);
    else process.stdout.write(content);
  };
  if (format === 'text') write(`${renderWorkText(stats)}\n`);
  if (format === 'json') write(`${JSON.stringify({ ...stats, text: renderWorkText(stats) }, null, 2)}\n`);
  if (format === 'docx') write(await renderWorkDocx(stats));
  if (opts.out) out(`已写入 ${opts.out}`);
  return 0;
}
