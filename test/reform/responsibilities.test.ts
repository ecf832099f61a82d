// 职责任务 and the 三定 document on unit versions, through the exchange format on both databases:
// imported from the optional columns, kept when a later sheet leaves the columns out, corrected
// (old version kept) when a sheet changes them, exported, and recorded in a frozen baseline.
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitDetailsOn } from '../../src/db/repositories/reform.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { exportWorkbook } from '../../src/domain/exchange/export-workbook.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { baselineUnitsOn } from '../../src/domain/reform/county-state.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, countyCopy, tempDir } from '../support/fixtures.ts';

const REGION = '640121';
const withDuties = (duties: string) => (csv: string) =>
  csv
    .trimEnd()
    .split('\n')
    .map((line, i) =>
      i === 0
        ? `${line},职责任务,三定文号,三定日期`
        : line.includes(',A02,')
          ? `${line},${duties},永编发〔2019〕3号,2019-03-01`
          : `${line},,,`,
    )
    .join('\n');

describe.each(DIALECTS)('职责 and 三定 on %s', (dialect) => {
  let t: TestDb;
  let a02 = 0;
  const actor = { id: null, name: '测试' };
  const load = async (dir: string) => {
    const r = await importWorkbook(t.ctx, { actor, paths: [dir], dryRun: false, allowedRegions: null });
    expect(r.ok).toBe(true);
    return r;
  };
  const details = async () => (await unitDetailsOn(t.ctx.db.kysely, REGION, '2026-01-01')).get(a02);

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await load(countyCopy({ '机构.csv': withDuties('负责全县组织工作') }));
    a02 = (await unitIdsByCode(t.ctx.db.kysely, [REGION])).get(`${REGION}/A02`) ?? -1;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('imports them, keeps them when the columns are left out, corrects them when changed', async () => {
    expect(await details()).toMatchObject({
      responsibilities: '负责全县组织工作',
      sandingDocNo: '永编发〔2019〕3号',
      sandingDate: '2019-03-01',
    });
    await load(COUNTY_DIR);
    expect((await details())?.responsibilities).toBe('负责全县组织工作');
    const versions = async () =>
      (await t.ctx.db.kysely.selectFrom('unit_versions').select('id').where('unit_id', '=', a02).execute())
        .length;
    const before = await versions();
    await load(countyCopy({ '机构.csv': withDuties('负责全县组织、干部和人才工作') }));
    expect((await details())?.responsibilities).toBe('负责全县组织、干部和人才工作');
    expect(await versions()).toBe(before + 1);
    const baseline = await baselineUnitsOn(t.ctx.db.kysely, REGION, '2026-01-01', [a02]);
    expect(baseline[0]).toMatchObject({
      responsibilities: '负责全县组织、干部和人才工作',
      sandingDocNo: '永编发〔2019〕3号',
    });
  });

  it('exports them in the 机构 sheet', async () => {
    const out = path.join(tempDir(), '导出.xlsx');
    await exportWorkbook(t.ctx, { actor, regionCode: REGION, out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('机构');
    const header = (ws?.getRow(1).values ?? []) as unknown[];
    const col = (name: string) => header.indexOf(name);
    let found: unknown[] = [];
    ws?.eachRow((row) => {
      const v = row.values as unknown[];
      if (v[col('机构编码')] === 'A02') found = v;
    });
    expect(found[col('职责任务')]).toBe('负责全县组织、干部和人才工作');
    expect(found[col('三定文号')]).toBe('永编发〔2019〕3号');
    expect(found[col('三定日期')]).toBe('2019-03-01');
  });
});
