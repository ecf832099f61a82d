// Which columns are required is declared once (src/common/exchange.ts): the docs' table, the
// exported workbook's marks and the checker must all say the same.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  REQUIRED_COLUMNS,
  TABLE_COLUMNS,
  TABLE_NAMES,
  columnsTableMarkdown,
} from '../../src/common/exchange.ts';
import { parseRow } from '../../src/domain/exchange/parse-row.ts';
import { REQUIRED_FILL, writeExchange } from '../../src/domain/exchange/write.ts';
import { tempDir } from '../support/fixtures.ts';

describe('required columns', () => {
  it('are the same in docs/import.md as in the declaration', () => {
    const docs = fs.readFileSync(path.resolve('docs/import.md'), 'utf8');
    const m = /<!-- columns:begin -->\n([\s\S]*?)\n<!-- columns:end -->/.exec(docs);
    expect(m?.[1]).toBe(columnsTableMarkdown());
  });

  it('are the ones the exported workbook (the template) marks', async () => {
    const file = path.join(tempDir(), 'template.xlsx');
    // Every table of the format, each empty: the template a clerk downloads.
    await writeExchange(file, Object.fromEntries(TABLE_NAMES.map((table) => [table, []])));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const table of TABLE_NAMES) {
      const ws = wb.getWorksheet(table);
      if (ws === undefined) throw new Error(`no sheet ${table}`);
      const marked = TABLE_COLUMNS[table].filter((_, i) => {
        const cell = ws.getRow(1).getCell(i + 1);
        return JSON.stringify(cell.fill) === JSON.stringify(REQUIRED_FILL) && cell.note === '必填';
      });
      expect(marked, table).toEqual(REQUIRED_COLUMNS[table]);
    }
  });

  it('are the ones the checker reports empty', () => {
    for (const table of TABLE_NAMES) {
      const empty = Object.fromEntries(TABLE_COLUMNS[table].map((c) => [c, null]));
      const parsed = parseRow(table, { rowNumber: 2, cells: empty });
      const reported = parsed.errors.filter((e) => e.reason === '不能为空').map((e) => e.column);
      expect(reported, table).toEqual(REQUIRED_COLUMNS[table]);
    }
  });
});
