// An office's own workbook imported through a mapping: suggested from synonyms, previewed on the
// first rows, applied before parse-row; errors name the office's sheet and headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRowError } from '../../src/common/exchange.ts';
import { UNIT_BY_NAME, type ImportMapping } from '../../src/common/exchange-mapping.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { previewImportMapping } from '../../src/domain/exchange/preview-import-mapping.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tableCounts, tempDir } from '../support/fixtures.ts';
import { OFFICE_PEOPLE, idNumber, writeOfficeWorkbook } from '../support/office-workbook.ts';

const actor = { id: null, name: '测试' };

describe.each(DIALECTS)('import through a mapping on %s', (dialect) => {
  let t: TestDb;
  let suggested: ImportMapping;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    const base = await importWorkbook(t.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(base.errors).toEqual([]);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('suggests the mapping from synonyms and previews the first rows', async () => {
    const file = await writeOfficeWorkbook(tempDir());
    const preview = await previewImportMapping(t.ctx, { paths: [file], mapping: null, regionCode: '640121' });
    expect(preview.problems).toEqual([]);
    const [cover, roster] = preview.mapping.sheets;
    expect(cover).toMatchObject({ sheet: '说明', table: null });
    expect(roster).toEqual({
      sheet: '花名册',
      table: '人员',
      headerRow: 2,
      columns: {
        姓名: '姓名',
        公民身份号码: '身份证号',
        单位名称: UNIT_BY_NAME,
        编制性质: '编制类型',
        人员状态: '人员状态',
        进编时间: '入编日期',
      },
      values: { 编制类型: { 行政: '行政编制' }, 人员状态: { 在职: '在编', 拟入编: '待入编' } },
      constants: { 行政区划代码: '640121' },
    });
    const rows = preview.sheets[1]?.rows ?? [];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      rowNumber: 3,
      cells: {
        姓名: '马小军',
        机构编码: 'A03',
        编制类型: '行政编制',
        人员状态: '在编',
        入编日期: '2011-09-01',
      },
      errors: [],
    });
    expect(rows[1]?.cells['入编日期']).toBe('2015-08-01');
    expect(preview.sheets[1]?.values['编制性质']).toEqual(['行政']);
  });

  it('imports the workbook through the suggested mapping', async () => {
    const file = await writeOfficeWorkbook(tempDir());
    const preview = await previewImportMapping(t.ctx, { paths: [file], mapping: null, regionCode: '640121' });
    suggested = { ...preview.mapping, name: '实名制花名册' };
    const before = await tableCounts(t.ctx.db.kysely);
    const result = await importWorkbook(t.ctx, {
      actor,
      paths: [file],
      dryRun: false,
      allowedRegions: ['640121'],
      mapping: suggested,
    });
    expect(result.errors).toEqual([]);
    expect(result.counts['人员']).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect((await tableCounts(t.ctx.db.kysely))['people']).toBe((before['people'] ?? 0) + 3);
  });

  it("reports errors in the office's sheet and header names, unknown unit names included", async () => {
    const file = await writeOfficeWorkbook(tempDir(), [
      ...OFFICE_PEOPLE,
      [idNumber('64012119900101041'), '吴刚', '永宁县不存在局', '行政', '在职', '2012.01.01'],
      [idNumber('64012119900101051'), '郑敏', '永宁县教育局', '编外', '在职', '2012.01.01'],
    ]);
    const result = await importWorkbook(t.ctx, {
      actor,
      paths: [file],
      dryRun: true,
      allowedRegions: ['640121'],
      mapping: suggested,
    });
    expect(result.errors.map(formatRowError)).toEqual([
      '花名册（人员） 第6行 单位名称（机构编码）: 机构“永宁县不存在局”不存在（行政区划 640121）',
      expect.stringMatching(/^花名册（人员） 第7行 编制性质（编制类型）: “编外”不是有效的编制类型/),
    ]);
  });

  it('reports a required column the mapping does not give, with the rows’ errors', async () => {
    const file = await writeOfficeWorkbook(tempDir());
    const roster = suggested.sheets.find((s) => s.sheet === '花名册');
    if (roster === undefined) throw new Error('no roster');
    const { 编制性质: _quota, 姓名: _name, ...columns } = roster.columns;
    const broken: ImportMapping = {
      ...suggested,
      sheets: suggested.sheets.map((s) =>
        s === roster ? { ...roster, columns: { ...columns, 不存在的列: '姓名' } } : s,
      ),
    };
    const result = await importWorkbook(t.ctx, {
      actor,
      paths: [file],
      dryRun: true,
      allowedRegions: ['640121'],
      mapping: broken,
    });
    const lines = result.errors.map(formatRowError);
    expect(lines).toContain('花名册（人员） 编制类型: 缺少该列：映射中没有对应的列，也没有固定值');
    expect(lines).toContain('花名册（人员） 不存在的列: 映射中的列“不存在的列”在第2行的表头中不存在');
  });
});
