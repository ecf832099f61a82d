// One check reports every error of every sheet: a missing column in one sheet, a bad value in
// another and references to units that exist neither in the file nor in the database — not in
// rounds where each fix reveals the next error.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRowError } from '../../src/common/exchange.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { countyCopy, tableCounts, tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };

/** Removes one column (by header name) from a CSV text. */
function dropColumn(text: string, column: string): string {
  const lines = text.split('\n');
  const index = (lines[0] ?? '').split(',').indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return lines
    .map((line) =>
      line === ''
        ? line
        : line
            .split(',')
            .filter((_, i) => i !== index)
            .join(','),
    )
    .join('\n');
}

/** The CSV set as one workbook, a sheet per file (the fixtures hold no quoted commas). */
async function asWorkbook(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
    const ws = wb.addWorksheet(path.basename(f, '.csv'));
    const lines = fs
      .readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    for (const line of lines) ws.addRow(line.split(',').map((v) => (v === '' ? null : v)));
  }
  const file = path.join(tempDir(), 'county.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe.each(DIALECTS)('one-pass import check on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('reports a missing column, a bad value and unknown units in the same check, CSV set or workbook', async () => {
    const dir = countyCopy({
      '领导职数.csv': (s) => dropColumn(s, '生效日期'),
      // Row 2: a bad 编制类型 and an unknown unit in the same row; row 3: only an unknown unit.
      '人员.csv': (s) =>
        s
          .replace(
            '64012119800101001X,张伟,640121,A02,行政编制',
            '64012119800101001X,张伟,640121,Z88,临时编制',
          )
          .replace('640121198502150029,李娜,640121,A02', '640121198502150029,李娜,640121,Z89'),
      '编制.csv': (s) => s.replace('640121,A01,政法专项编制,3', '640121,Z77,政法专项编制,3'),
    });
    const before = await tableCounts(t.ctx.db.kysely);
    for (const paths of [[dir], [await asWorkbook(dir)]]) {
      const result = await importWorkbook(t.ctx, { actor, paths, dryRun: true, allowedRegions: null });
      const lines = result.errors.map(formatRowError);
      expect(result.ok).toBe(false);
      expect(lines).toEqual(
        expect.arrayContaining([
          '领导职数 生效日期: 缺少该列',
          expect.stringMatching(/^人员 第2行 编制类型: “临时编制”不是有效的编制类型/),
          '人员 第2行 机构编码: 机构 Z88 不存在（行政区划 640121）',
          '人员 第3行 机构编码: 机构 Z89 不存在（行政区划 640121）',
          '编制 第3行 机构编码: 机构 Z77 不存在（行政区划 640121）',
        ]),
      );
      // The missing column is reported once, not again as an empty cell on every row.
      expect(lines.filter((l) => l.includes('生效日期'))).toEqual(['领导职数 生效日期: 缺少该列']);
      expect(result.errorCount).toBe(5);
    }
    expect(await tableCounts(t.ctx.db.kysely)).toEqual(before);
  });

  it('does not call a unit unknown when the 机构 sheet cannot say which units it names', async () => {
    const dir = countyCopy({
      '机构.csv': (s) => dropColumn(s, '机构编码'),
      '编制.csv': (s) => s.replace('640121,A01,政法专项编制,3', '640121,A01,临时编制,3'),
    });
    const result = await importWorkbook(t.ctx, { actor, paths: [dir], dryRun: true, allowedRegions: null });
    const lines = result.errors.map(formatRowError);
    expect(lines).toContain('机构 机构编码: 缺少该列');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^编制 第3行 编制类型: /)]));
    expect(lines.filter((l) => l.includes('不存在'))).toEqual([]);
  });
});
