// History from before the system on both databases: the 机构沿革 and 历史事项 sheets imported
// into the hand-made county; the past states appear in the as-of ledger and in 沿革, the past
// matters in 沿革 and in 工作统计 for their years; a year with nothing recorded says 无记录;
// a re-import changes nothing; a bad row is refused with its reason.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWorkText, workFigure, workValue } from '../../src/common/report-work.ts';
import { unitsOn } from '../../src/db/repositories/reports.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { exportWorkbook } from '../../src/domain/exchange/export-workbook.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { unitHistory } from '../../src/domain/registry/unit-history.ts';
import { computeWorkStatistics } from '../../src/domain/reports/work-statistics.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const REGION = '640121';
const UNIT_HISTORY = [
  '行政区划代码,机构编码,生效日期,文号,变更类型,机构名称,上级机构编码,机构类别,机构规格,隶属关系,经费形式,单位类型,所属系统',
  '640121,B01,1956-09-01,,设立,永宁县一中,A03,事业单位,副科,部门所属,全额拨款,中小学,教育',
  '640121,B01,2005-01-01,永编发〔2005〕2号,更名,永宁县第一中学,A03,事业单位,正科,部门所属,全额拨款,中小学,教育',
].join('\n');
const HISTORY_MATTERS = [
  '行政区划代码,文号,日期,机构编码,机构名称,事项类型,编制类型,数量,入编方式,说明',
  '640121,永编发〔2005〕2号,2005-01-01,B01,永宁县一中,更名,,1,,更名并升格为正科级',
  '640121,永编发〔2015〕3号,2015-03-01,B01,永宁县第一中学,核增编制,事业编制,10,,',
  '640121,永人社发〔2016〕1号,2016-07-01,A04,望洪镇,上编,行政编制,2,考录,',
  '640121,永编发〔2016〕9号,2016-05-01,,,招考计划,事业编制,20,,',
].join('\n');

function historyDir(matters = HISTORY_MATTERS, versions = UNIT_HISTORY): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, '机构沿革.csv'), `${versions}\n`);
  fs.writeFileSync(path.join(dir, '历史事项.csv'), `${matters}\n`);
  return dir;
}

describe.each(DIALECTS)('history from before the system on %s', (dialect) => {
  let t: TestDb;
  let admin: Principal;
  let b01 = -1;
  const actor = { id: null, name: '测试' };
  const run = (paths: string[]) =>
    importWorkbook(t.ctx, { actor, paths, dryRun: false, allowedRegions: null });

  beforeAll(async () => {
    t = await openTestDb(dialect);
    expect((await run([COUNTY_DIR])).ok).toBe(true);
    const { id } = await createUser(t.ctx, {
      actor,
      username: 'hist-admin',
      displayName: '管理员',
      role: 'admin',
      regionCode: REGION,
      unitId: null,
      password: 'History-2026-ok',
    });
    admin = {
      userId: id,
      username: 'hist-admin',
      displayName: '管理员',
      role: 'admin',
      regionCode: REGION,
      unitId: null,
      mustChangePassword: false,
    };
    b01 = (await unitIdsByCode(t.ctx.db.kysely, [REGION])).get(`${REGION}/B01`) ?? -1;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('imports both sheets, and a second import changes nothing', async () => {
    const first = await run([historyDir()]);
    expect(first.errors).toEqual([]);
    expect(first.counts).toMatchObject({
      机构沿革: { inserted: 2, updated: 0, unchanged: 0 },
      历史事项: { inserted: 4, updated: 0, unchanged: 0 },
    });
    const again = await run([historyDir()]);
    expect(again.ok).toBe(true);
    expect(again.counts).toMatchObject({
      机构沿革: { inserted: 0, updated: 0, unchanged: 2 },
      历史事项: { inserted: 0, updated: 0, unchanged: 4 },
    });
  });

  it('the as-of ledger gives the past state; today the unit is as the 机构 sheet says', async () => {
    const on = async (date: string) =>
      (await unitsOn(t.ctx.db.kysely, [REGION], date)).find((u) => u.id === b01);
    expect(await on('2000-12-31')).toMatchObject({ name: '永宁县一中', rank: '副科' });
    expect(await on('2010-12-31')).toMatchObject({ name: '永宁县第一中学', rank: '正科' });
  });

  it('沿革 lists the past states and the past matters with their 文号', async () => {
    const entries = await unitHistory(t.ctx, { principal: admin, unitId: b01 });
    expect(entries).toContainEqual(
      expect.objectContaining({ date: '2005-01-01', docNo: '永编发〔2005〕2号', kind: 'unit' }),
    );
    expect(entries).toContainEqual({
      date: '2015-03-01',
      docNo: '永编发〔2015〕3号',
      what: '核增编制，事业编制 10 名',
      kind: 'history',
      matterId: null,
      retracted: false,
    });
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'history', what: '更名，更名并升格为正科级', date: '2005-01-01' }),
    );
  });

  it('工作统计 of the past years counts the imported matters, with them behind each figure', async () => {
    const s = await computeWorkStatistics(t.ctx.db.kysely, {
      regionCode: REGION,
      from: '2015-01-01',
      to: '2016-12-31',
    });
    expect(s.recorded).toBe(true);
    expect(workValue(s, 'quotasAdded')).toBe(10);
    expect(workValue(s, 'inQuotaSupplement')).toBe(2);
    expect(workValue(s, 'recruitmentPlaces')).toBe(20);
    expect(workValue(s, 'unitsAdjusted')).toBe(0);
    expect(workFigure(s, 'quotasAdded').matters).toEqual([
      expect.objectContaining({ docNo: '永编发〔2015〕3号', historical: true, effectiveOn: '2015-03-01' }),
    ]);
    expect(s.quotasAddedByUnit).toEqual([
      expect.objectContaining({ unitId: b01, unitName: '永宁县第一中学', quotaType: '事业编制', amount: 10 }),
    ]);
    const text = renderWorkText(s);
    expect(text).toContain('核增永宁县第一中学事业编制10名。');
    expect(text).toContain('审核公务员、事业编招考计划20名');

    const y2005 = await computeWorkStatistics(t.ctx.db.kysely, {
      regionCode: REGION,
      from: '2005-01-01',
      to: '2005-12-31',
    });
    expect(workValue(y2005, 'unitsAdjusted')).toBe(1);
  });

  it('a year with nothing recorded says 无记录 instead of zeros', async () => {
    const s = await computeWorkStatistics(t.ctx.db.kysely, {
      regionCode: REGION,
      from: '2010-01-01',
      to: '2010-12-31',
    });
    expect(s.recorded).toBe(false);
    const text = renderWorkText(s);
    expect(text).toContain('2010年，无记录');
    expect(text).not.toMatch(/核增编制0名|调整优化机构设置0个/);
  });

  it('exports the past matters, and the export re-imports unchanged', async () => {
    const out = path.join(tempDir(), 'export');
    await exportWorkbook(t.ctx, { actor, regionCode: REGION, out });
    const lines = fs.readFileSync(path.join(out, '历史事项.csv'), 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).toContain(
      '永编发〔2015〕3号,2015-03-01,B01,永宁县第一中学,核增编制,事业编制,10',
    );
    const again = await run([path.join(out, '历史事项.csv')]);
    expect(again.ok).toBe(true);
    expect(again.counts).toMatchObject({ 历史事项: { inserted: 0, updated: 0, unchanged: 4 } });
  });

  it('exports 机构沿革 (every past state of a unit with history) and the export round-trips', async () => {
    const out = path.join(tempDir(), 'export');
    await exportWorkbook(t.ctx, { actor, regionCode: REGION, out });
    const sheet = (dir: string, name: string) =>
      fs
        .readFileSync(path.join(dir, `${name}.csv`), 'utf8')
        .trim()
        .split(/\r?\n/);
    // B01: its 设立 state (the 机构 sheet's own row of that day is superseded by it) and its 更名.
    expect(sheet(out, '机构沿革')).toEqual([
      '行政区划代码,机构编码,生效日期,文号,变更类型,机构名称,上级机构编码,机构类别,机构规格,隶属关系,经费形式,单位类型,所属系统',
      '640121,B01,1956-09-01,,设立,永宁县一中,A03,事业单位,副科,部门所属,全额拨款,中小学,教育',
      '640121,B01,2005-01-01,永编发〔2005〕2号,更名,永宁县第一中学,A03,事业单位,正科,部门所属,全额拨款,中小学,教育',
    ]);
    // Into an empty database: the same 沿革 (as-of names) and the same sheets exported again.
    const other = await openTestDb(dialect);
    try {
      const r = await importWorkbook(other.ctx, { actor, paths: [out], dryRun: false, allowedRegions: null });
      expect(r.errors).toEqual([]);
      const id = (await unitIdsByCode(other.ctx.db.kysely, [REGION])).get(`${REGION}/B01`) ?? -1;
      const names = async (ctx: TestDb['ctx'], unitId: number, date: string) =>
        (await unitsOn(ctx.db.kysely, [REGION], date)).find((u) => u.id === unitId)?.name;
      for (const date of ['2000-01-01', '2010-01-01'])
        expect(await names(other.ctx, id, date)).toBe(await names(t.ctx, b01, date));
      const again = path.join(tempDir(), 'again');
      await exportWorkbook(other.ctx, { actor, regionCode: REGION, out: again });
      for (const name of ['机构沿革', '历史事项', '机构'])
        expect(sheet(again, name), name).toEqual(sheet(out, name));
    } finally {
      await other.destroy();
    }
  });

  it('refuses a row that lacks what its kind needs, writing nothing', async () => {
    const before = await t.ctx.db.kysely.selectFrom('history_matters').select('id').execute();
    const bad = await run([
      historyDir(
        [
          '行政区划代码,文号,日期,机构编码,机构名称,事项类型,编制类型,数量,入编方式,说明',
          '640121,永编发〔2017〕1号,2017-03-01,,,核增编制,事业编制,3,,',
          '640121,永编发〔2017〕2号,2017-13-01,B01,,撤销,,1,,',
          '640121,永编发〔2017〕3号,2017-03-01,Z99,,更名,,1,,',
        ].join('\n'),
      ),
    ]);
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: '历史事项', row: 2, column: '机构编码' }),
        expect.objectContaining({ table: '历史事项', row: 3, column: '日期', reason: '日期不存在' }),
        expect.objectContaining({ table: '历史事项', row: 4, column: '机构编码' }),
      ]),
    );
    expect(await t.ctx.db.kysely.selectFrom('history_matters').select('id').execute()).toHaveLength(
      before.length,
    );
  });
});
