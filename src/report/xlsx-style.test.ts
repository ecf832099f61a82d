import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BOLD, BORDER, FONT, HEADER_FILL, TITLE, titledTable } from './xlsx-style.ts';

describe('titledTable', () => {
  it('writes title, line, a styled frozen header and bordered rows with text neutralised', async () => {
    const wb = new ExcelJS.Workbook();
    titledTable(
      wb.addWorksheet('表'),
      '标题',
      '=说明',
      [
        { header: '单位', width: 30 },
        { header: '得分', width: 8 },
      ],
      [
        ['=HYPERLINK("x")', 95],
        ['乙', null],
      ],
    );
    // Read back from the file, as a user opens it.
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    const ws = back.getWorksheet('表');
    expect(ws?.getCell('A1').value).toBe('标题');
    expect(ws?.getCell('A1').font).toMatchObject(TITLE);
    expect(ws?.getCell('A2').value).toBe("'=说明");
    expect(ws?.getCell('A2').font).toMatchObject(FONT);
    for (const ref of ['A3', 'B3']) {
      expect(ws?.getCell(ref).font).toMatchObject(BOLD);
      expect(ws?.getCell(ref).fill).toMatchObject(HEADER_FILL);
      expect(ws?.getCell(ref).border).toMatchObject(BORDER);
    }
    expect([ws?.getCell('A3').value, ws?.getCell('B3').value]).toEqual(['单位', '得分']);
    expect(ws?.getCell('A4').value).toBe('\'=HYPERLINK("x")');
    expect(ws?.getCell('B4').value).toBe(95);
    expect(ws?.getCell('B5').border).toMatchObject(BORDER);
    expect(ws?.getColumn(1).width).toBe(30);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });
});
