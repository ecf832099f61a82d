// The year-end 机构编制统计 as an .xlsx in the fixed layout of docs/yearend.md: one sheet per
// table (表1 … 表4: title in A1, 统计日 in A2, header on row 4, data from row 5, 合计 last) and a
// sheet 校验 with every check and its result. Pure of the database.
import ExcelJS from 'exceljs';
import { neutralizeCellText } from '../common/spreadsheet-text.ts';
import type { YearendCheck, YearendTable } from '../common/wire-yearend.ts';
import { BOLD, BORDER, FONT, styleHeaderCell, TITLE } from './xlsx-style.ts';

export interface YearendXlsxInput {
  regionName: string;
  year: number;
  asOf: string;
  tables: YearendTable[];
  checks: YearendCheck[];
  /** The submission's hash when the year is locked. */
  hash?: string | null;
}

/** Where the data of each table sheet start (1-based rows): fixed, the layout documented. */
export const YEAREND_LAYOUT = { titleRow: 1, dateRow: 2, headerRow: 4, firstDataRow: 5 } as const;

export async function renderYearendXlsx(input: YearendXlsxInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bianzhi';
  const heading = `${input.regionName}${input.year}年机构编制统计`;
  for (const t of input.tables) {
    const ws = wb.addWorksheet(t.key);
    ws.getCell(YEAREND_LAYOUT.titleRow, 1).value = neutralizeCellText(`${heading} ${t.key} ${t.title}`);
    ws.getCell(YEAREND_LAYOUT.titleRow, 1).font = TITLE;
    ws.getCell(YEAREND_LAYOUT.dateRow, 1).value = `统计日：${input.asOf}`;
    ws.getCell(YEAREND_LAYOUT.dateRow, 1).font = FONT;
    const header = ws.getRow(YEAREND_LAYOUT.headerRow);
    ['项目', ...t.columns].forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h;
      styleHeaderCell(cell);
    });
    [...t.rows, t.total].forEach((r, ri) => {
      const row = ws.getRow(YEAREND_LAYOUT.firstDataRow + ri);
      const isTotal = ri === t.rows.length;
      row.getCell(1).value = neutralizeCellText(r.label);
      r.values.forEach((v, i) => {
        row.getCell(i + 2).value = v;
        row.getCell(i + 2).numFmt = '0';
      });
      for (let i = 1; i <= t.columns.length + 1; i++) {
        row.getCell(i).border = BORDER;
        row.getCell(i).font = isTotal ? BOLD : FONT;
      }
    });
    ws.getColumn(1).width = 18;
    for (let i = 2; i <= t.columns.length + 1; i++) ws.getColumn(i).width = 12;
  }
  const ws = wb.addWorksheet('校验');
  ws.getCell(1, 1).value = `${heading} 校验结果`;
  ws.getCell(1, 1).font = TITLE;
  ws.getCell(2, 1).value = input.hash ? `已上报并锁定，数据指纹 SHA-256：${input.hash}` : '未上报';
  const header = ws.getRow(YEAREND_LAYOUT.headerRow);
  ['类别', '校验', '结果', '不符之处'].forEach((h, i) => {
    header.getCell(i + 1).value = h;
    styleHeaderCell(header.getCell(i + 1));
  });
  input.checks.forEach((c, i) => {
    const row = ws.getRow(YEAREND_LAYOUT.firstDataRow + i);
    row.getCell(1).value = c.kind;
    row.getCell(2).value = neutralizeCellText(c.name);
    row.getCell(3).value = c.ok ? '通过' : '不通过';
    row.getCell(4).value = neutralizeCellText(c.failures.join('\n'));
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
    for (let j = 1; j <= 4; j++) row.getCell(j).border = BORDER;
  });
  ws.getColumn(1).width = 8;
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 10;
  ws.getColumn(4).width = 70;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
