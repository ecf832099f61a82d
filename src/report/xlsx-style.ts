// The look the system's workbooks share: 宋体, a title line, a bold header on a light-blue fill,
// thin grey borders and a grey fill for 合计 rows; and the titled table that 评估问效 and 机构改革
// write (title, the line under it, header, rows, the header frozen). Every text cell of the table
// is neutralised against formula injection.
import type ExcelJS from 'exceljs';
import { neutralizeCellText, safeRow } from '../common/spreadsheet-text.ts';

export const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
export const BOLD: Partial<ExcelJS.Font> = { ...FONT, bold: true };
export const TITLE: Partial<ExcelJS.Font> = { name: '宋体', size: 14, bold: true };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
export const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
export const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A header cell: bold on the header fill, bordered, centred and wrapped. */
export function styleHeaderCell(c: ExcelJS.Cell): void {
  c.font = BOLD;
  c.fill = HEADER_FILL;
  c.border = BORDER;
  c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
}

/** A 合计 cell: bold on the total fill, bordered. */
export function styleTotalCell(c: ExcelJS.Cell): void {
  c.font = BOLD;
  c.fill = TOTAL_FILL;
  c.border = BORDER;
}

/** A sheet that is one table: title, the line under it, the header (frozen), then the rows. */
export function titledTable(
  ws: ExcelJS.Worksheet,
  title: string,
  subtitle: string,
  columns: readonly { header: string; width: number }[],
  rows: readonly (readonly unknown[])[],
): void {
  ws.columns = columns.map((c) => ({ width: c.width }));
  const t = ws.addRow([neutralizeCellText(title)]);
  ws.mergeCells(t.number, 1, t.number, columns.length);
  t.getCell(1).font = TITLE;
  const s = ws.addRow([neutralizeCellText(subtitle)]);
  ws.mergeCells(s.number, 1, s.number, columns.length);
  s.getCell(1).font = FONT;
  const h = ws.addRow(columns.map((c) => c.header));
  h.eachCell(styleHeaderCell);
  for (const r of rows) {
    const row = ws.addRow(safeRow(r));
    row.eachCell({ includeEmpty: true }, (c) => {
      c.font = FONT;
      c.border = BORDER;
      c.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  ws.views = [{ state: 'frozen', ySplit: h.number }];
}
