// An office's own workbook imported through a mapping: suggested from synonyms, previewed on the
// first rows, applied before parse-row; errors name the office's sheet and headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../src/common/codes/id-card.ts';
import { formatRowError } from '../../src/common/exchange.ts';
import { UNIT_BY_NAME, type ImportMapping } from '../../src/common/exchange-mapping.ts';
import { deleteImportMapping } from '../../src/domain/exchange/delete-import-mapping.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { listImportMappings, loadImportMapping } from '../../src/domain/exchange/list-import-mappings.ts';
import { saveImportMapping } from '../../src/domain/exchange/save-import-mapping.ts';
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
    // 身份证号 leave the server only masked, as cells and as sample values.
    const firstId = OFFICE_PEOPLE[0]?.[0] ?? '';
    expect(rows[0]?.cells['身份证号']).toBe(maskIdNumber(firstId));
    expect(preview.sheets[1]?.values['公民身份号码']?.[0]).toBe(maskIdNumber(firstId));
    expect(JSON.stringify(preview)).not.toContain(firstId);
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

  it('saves a mapping per county, replaces it by name, lists and deletes it, audited', async () => {
    const saved = await saveImportMapping(t.ctx, { actor, regionCode: '640121', mapping: suggested });
    expect(saved).toMatchObject({ name: '实名制花名册', mapping: suggested });
    const changed = { ...suggested, sheets: suggested.sheets.filter((s) => s.table !== null) };
    const again = await saveImportMapping(t.ctx, { actor, regionCode: '640121', mapping: changed });
    expect(again.id).toBe(saved.id);
    expect(await listImportMappings(t.ctx.db.kysely, '640121')).toEqual([
      expect.objectContaining({ id: saved.id, mapping: changed }),
    ]);
    expect(await listImportMappings(t.ctx.db.kysely, '640122')).toEqual([]);
    expect(await loadImportMapping(t.ctx.db.kysely, '640121', saved.id)).toEqual(changed);
    await expect(loadImportMapping(t.ctx.db.kysely, '640122', saved.id)).rejects.toThrow('导入映射不存在');
    await expect(deleteImportMapping(t.ctx, { actor, regionCode: '640122', id: saved.id })).rejects.toThrow(
      '导入映射不存在',
    );
    await deleteImportMapping(t.ctx, { actor, regionCode: '640121', id: saved.id });
    expect(await listImportMappings(t.ctx.db.kysely, '640121')).toEqual([]);
    const events = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'import.mapping')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.summary)).toEqual([
      '保存导入映射“实名制花名册”',
      '修改导入映射“实名制花名册”',
      '删除导入映射“实名制花名册”',
    ]);
  });

  it('refuses to save a mapping onto columns the table does not have', async () => {
    const bad: ImportMapping = {
      name: '错误',
      sheets: [
        { sheet: 'x', table: '人员', headerRow: 1, columns: { 学历: '学历' }, values: {}, constants: {} },
      ],
    };
    await expect(saveImportMapping(t.ctx, { actor, regionCode: '640121', mapping: bad })).rejects.toThrow(
      '工作表“x”的列“学历”映射到“学历”，但人员表没有该列',
    );
  });
});
