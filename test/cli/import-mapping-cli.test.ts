// `npx bianzhi import FILE --mapping MAPPING.json`: an office's own workbook imported from the
// command line through a mapping file (docs/import.md), on both databases.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNIT_BY_NAME } from '../../src/common/exchange-mapping.ts';
import { cli, cliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';
import { writeOfficeWorkbook } from '../support/office-workbook.ts';

/** The mapping file as an office writes it (or downloads it from the mapping step). */
const MAPPING_FILE: {
  名称: string;
  工作表: ({ 工作表: string; 导入为: string; 列?: Record<string, string> } & Record<string, unknown>)[];
} = {
  名称: '实名制花名册',
  工作表: [
    { 工作表: '说明', 导入为: '不导入' },
    {
      工作表: '花名册',
      导入为: '人员',
      表头行: 2,
      列: {
        姓名: '姓名',
        公民身份号码: '身份证号',
        单位名称: UNIT_BY_NAME,
        编制性质: '编制类型',
        人员状态: '人员状态',
        进编时间: '入编日期',
      },
      值: { 编制类型: { 行政: '行政编制' }, 人员状态: { 在职: '在编', 拟入编: '待入编' } },
      固定值: { 行政区划代码: '640121' },
    },
  ],
};

describe.each(DIALECTS)('bianzhi import --mapping on %s', (dialect) => {
  let env: Record<string, string>;
  let drop = async (): Promise<void> => undefined;
  const dir = tempDir();

  beforeAll(async () => {
    ({ env, drop } = await cliDatabase(dialect, dir, 'bianzhi_map'));
    expect(cli(['init', '--region', '640121'], env).code).toBe(0);
    expect(cli(['import', COUNTY_DIR], env).code).toBe(0);
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('imports an own-layout workbook through a mapping file', async () => {
    const file = await writeOfficeWorkbook(dir);
    const mappingFile = path.join(dir, 'mapping.json');
    fs.writeFileSync(mappingFile, JSON.stringify(MAPPING_FILE, null, 2));
    const without = cli(['import', file, '--dry-run'], env);
    expect(without.code).toBe(1);
    expect(without.out).toContain('工作表“花名册”不是已知的表名');
    const r = cli(['import', file, '--mapping', mappingFile], env);
    expect(r.out).toContain('人员：新增 3，更新 0，未变 0');
    expect(r.code).toBe(0);
    const again = cli(['import', file, '--mapping', mappingFile], env);
    expect(again.out).toContain('人员：新增 0，更新 0，未变 3');
  });

  it('refuses a mapping file that maps onto a column the table does not have', () => {
    const mappingFile = path.join(dir, 'bad.json');
    const bad = structuredClone(MAPPING_FILE);
    const roster = bad.工作表[1];
    if (roster?.列 === undefined) throw new Error('no roster');
    roster.列 = { ...roster.列, 学历: '学历' };
    fs.writeFileSync(mappingFile, JSON.stringify(bad));
    const r = cli(['import', COUNTY_DIR, '--mapping', mappingFile], env);
    expect(r.code).toBe(2);
    expect(r.out).toContain('工作表“花名册”的列“学历”映射到“学历”，但人员表没有该列');
  });
});
