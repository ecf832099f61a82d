// Reconciliation (数据比对) on both databases: a 财政 payroll list against the county fixture
// finds each kind of difference exactly, keeps the comparison with its date and counts, shows
// 身份证号 only masked, and changes nothing in the ledger.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/common/codes/id-card.ts';
import { loadConfig } from '../../src/config.ts';
import type { Booted } from '../../src/bootstrap.ts';
import { reconcileCommand } from '../../src/cli/reconcile.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import type { DifferenceKind } from '../../src/domain/reconciliation/compare.ts';
import {
  getReconciliation,
  listReconciliationItems,
  listReconciliations,
} from '../../src/domain/reconciliation/list-reconciliations.ts';
import { ListRejected, reconcileList } from '../../src/domain/reconciliation/reconcile-list.ts';
import { todayInChina } from '../../src/context.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tableCounts, tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const NEW_ID = `64012119910101123${idNumberCheckChar('64012119910101123')}`;
const BAD_ID = '640121199001011230';

// A 财政 list as another department writes it: a title above the header, its own column names
// and order, short unit names, a 合计 row at the bottom. 赵敏 (在编, 望洪镇卫生院) is left out.
const PAYROLL_CSV = [
  '2024年6月工资统发人员名单,,,,',
  '序号,姓  名,身份证号码,单位名称,编制类型',
  '1,张伟,64012119800101001X,县委组织部,行政编制',
  '2,李娜,640121198502150029,永宁县教育局,行政编制',
  '3,王强,640121199003200030,永宁县第一中学,行政编制',
  '4,杨磊,640121198809090067,永宁县监察委员会,行政',
  `5,孙丽,${NEW_ID},望洪镇,事业编制`,
  `6,周涛,${BAD_ID},永宁县第一中学,事业编制`,
  '合计,6人,,,',
  '',
].join('\n');

function principal(userId: number, role: Principal['role'], regionCode = '640121'): Principal {
  return {
    userId,
    username: `u${userId}`,
    displayName: `u${userId}`,
    role,
    regionCode,
    unitId: null,
    mustChangePassword: false,
  };
}

describe.each(DIALECTS)('reconciliation on %s', (dialect) => {
  let t: TestDb;
  let clerk: Principal;
  const dir = tempDir();
  const payroll = path.join(dir, '工资统发名单.csv');

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const imported = await importWorkbook(t.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(imported.ok).toBe(true);
    const user = await createUser(t.ctx, {
      actor,
      username: 'clerk',
      displayName: '业务员',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      password: 'Correct-Horse-9',
    });
    clerk = { ...principal(user.id, 'clerk'), username: 'clerk' };
    fs.writeFileSync(payroll, PAYROLL_CSV);
  });

  afterAll(async () => {
    await t?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function itemsOf(id: number, kind: DifferenceKind) {
    return (await listReconciliationItems(t.ctx, { principal: clerk, id, kind })).items;
  }

  it('finds each kind of difference exactly, and changes nothing in the ledger', async () => {
    const before = await tableCounts(t.ctx.db.kysely);
    const s = await reconcileList(t.ctx, {
      principal: clerk,
      regionCode: '640121',
      source: '财政',
      file: payroll,
    });
    const after = await tableCounts(t.ctx.db.kysely);
    expect(after).toEqual({ ...before, audit_events: (before.audit_events ?? 0) + 1 });

    expect(s).toMatchObject({
      regionCode: '640121',
      source: '财政',
      fileName: '工资统发名单.csv',
      comparedOn: todayInChina(),
      createdByName: 'clerk',
    });
    expect(s.counts).toEqual({
      listRows: 6,
      ledgerPeople: 5,
      matched: 2,
      not_on_establishment: 1,
      not_on_list: 1,
      other_unit: 1,
      other_quota_type: 1,
      invalid_row: 1,
    });

    const [notOn] = await itemsOf(s.id, 'not_on_establishment');
    expect(notOn).toMatchObject({
      rowNumber: 7,
      name: '孙丽',
      idMasked: '6401**********' + NEW_ID.slice(-4),
      listUnit: '望洪镇',
      ledgerUnitId: null,
      note: '实名库中无此人',
    });
    const missing = await itemsOf(s.id, 'not_on_list');
    expect(missing.map((d) => [d.name, d.rowNumber, d.ledgerUnitName, d.ledgerQuotaType])).toEqual([
      ['赵敏', null, '望洪镇卫生院', '事业编制'],
    ]);
    const otherUnit = await itemsOf(s.id, 'other_unit');
    expect(otherUnit.map((d) => [d.name, d.rowNumber, d.listUnit, d.ledgerUnitName])).toEqual([
      ['李娜', 4, '永宁县教育局', '中共永宁县委组织部'],
    ]);
    const otherQuota = await itemsOf(s.id, 'other_quota_type');
    expect(otherQuota.map((d) => [d.name, d.rowNumber, d.listQuotaType, d.ledgerQuotaType])).toEqual([
      ['王强', 5, '行政编制', '事业编制'],
    ]);
    const invalid = await itemsOf(s.id, 'invalid_row');
    expect(invalid.map((d) => [d.name, d.rowNumber, d.idMasked])).toEqual([
      ['周涛', 8, '6401**********1230'],
    ]);
    expect(invalid[0]?.note).toMatch(/^第8行 身份证号: 校验码错误/);

    const all = await listReconciliationItems(t.ctx, { principal: clerk, id: s.id, pageSize: 2, page: 2 });
    expect(all.total).toBe(5);
    expect(all.items).toHaveLength(2);
  });

  it('keeps 身份证号 out of the stored differences and the audit log', async () => {
    const items = await sql<{ text: string }>`select name || id_masked || coalesce(note, '') as text
      from reconciliation_items`.execute(t.ctx.db.kysely);
    const audit = await sql<{ text: string }>`select summary || payload as text from audit_events
      where action = 'reconciliation.run'`.execute(t.ctx.db.kysely);
    const text = [...items.rows, ...audit.rows].map((r) => r.text).join('\n');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(audit.rows).toHaveLength(1);
  });

  it('compares with the establishment on another date, and keeps the history with dates', async () => {
    // On 2024-01-01 刘洋 (出编 2024-03-31) and 黄勇 (出编 2024-06-30) were still on the establishment.
    const s = await reconcileList(t.ctx, {
      principal: clerk,
      regionCode: '640121',
      source: '人社',
      file: payroll,
      fileName: '人社名单.csv',
      comparedOn: '2024-01-01',
    });
    expect(s.counts).toMatchObject({ ledgerPeople: 7, not_on_list: 3, matched: 2 });
    const history = await listReconciliations(t.ctx, { principal: clerk, regionCode: '640121' });
    expect(history.total).toBe(2);
    expect(history.items.map((h) => [h.source, h.fileName, h.comparedOn])).toEqual([
      ['财政', '工资统发名单.csv', todayInChina()],
      ['人社', '人社名单.csv', '2024-01-01'],
    ]);
    expect((await getReconciliation(t.ctx, { principal: clerk, id: s.id })).counts).toEqual(s.counts);
    const onlyHr = await listReconciliations(t.ctx, {
      principal: clerk,
      regionCode: '640121',
      source: '人社',
    });
    expect(onlyHr.items.map((h) => h.id)).toEqual([s.id]);
  });

  it('explains why a listed person is not on the establishment', async () => {
    const file = path.join(dir, 'left.csv');
    fs.writeFileSync(
      file,
      '身份证号,姓名,单位\n640121197506100040,刘洋,永宁县第一中学\n640121199207080050,陈静,永宁县第一中学\n',
    );
    const s = await reconcileList(t.ctx, { principal: clerk, regionCode: '640121', source: '组织', file });
    const notOn = await itemsOf(s.id, 'not_on_establishment');
    expect(notOn.map((d) => [d.name, d.ledgerUnitName, d.note])).toEqual([
      ['刘洋', '永宁县第一中学', '实名库中已出编（出编日期 2024-03-31，永宁县第一中学）'],
      ['陈静', '永宁县第一中学', '实名库中为待入编（永宁县第一中学）'],
    ]);
  });

  it('reads the first sheet of a workbook with a title row and spots IDs Excel turned into numbers', async () => {
    const file = path.join(dir, '干部名单.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('干部花名册');
    sheet.addRow(['永宁县干部名单（2024年）']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(['序号', '姓 名', '公民身份号码', '工作单位']);
    sheet.addRow([1, '张伟', '64012119800101001x', '中共永宁县委组织部']);
    // What Excel keeps of an ID typed as a number: 15 significant digits.
    sheet.addRow([2, '李娜', Number('640121198502150029'), '县委组织部']);
    // An abbreviation is not guessed: 县纪委 is not 中共永宁县纪律检查委员会 to the comparison.
    sheet.addRow([3, '杨磊', '640121198809090067', '县纪委']);
    workbook.addWorksheet('说明').addRow(['身份证号', '姓名', '单位']);
    await workbook.xlsx.writeFile(file);

    const s = await reconcileList(t.ctx, { principal: clerk, regionCode: '640121', source: '组织', file });
    expect(s.counts).toMatchObject({
      listRows: 3,
      matched: 1,
      invalid_row: 1,
      other_unit: 1,
      not_on_list: 3,
    });
    const [invalid] = await itemsOf(s.id, 'invalid_row');
    expect(invalid).toMatchObject({ rowNumber: 4, name: '李娜' });
    expect(invalid?.note).toContain('Excel');
  });

  it('rejects a file without the columns it needs, and stores nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, '身份证号,姓名\n64012119800101001X,张伟\n');
    const before = await tableCounts(t.ctx.db.kysely);
    const e = await reconcileList(t.ctx, {
      principal: clerk,
      regionCode: '640121',
      source: '人社',
      file,
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ListRejected);
    expect(e instanceof ListRejected ? e.message : '').toContain('bad.csv 第1行 单位: 缺少该列');
    const none = path.join(dir, 'none.csv');
    fs.writeFileSync(none, '姓名,单位\n张伟,组织部\n');
    await expect(
      reconcileList(t.ctx, { principal: clerk, regionCode: '640121', source: '人社', file: none }),
    ).rejects.toThrow('未找到表头');
    expect(await tableCounts(t.ctx.db.kysely)).toEqual(before);
  });

  it('lets only office staff of the county compare', async () => {
    const opts = { regionCode: '640121', source: '财政', file: payroll };
    await expect(
      reconcileList(t.ctx, { ...opts, principal: principal(clerk.userId, 'leader') }),
    ).rejects.toThrow('编办');
    await expect(
      reconcileList(t.ctx, { ...opts, principal: principal(clerk.userId, 'admin', '640122') }),
    ).rejects.toThrow('无权');
    await expect(reconcileList(t.ctx, { ...opts, principal: clerk, source: '公安' })).rejects.toThrow(
      '名单来源',
    );
    await expect(
      listReconciliations(t.ctx, { principal: principal(clerk.userId, 'liaison'), regionCode: '640121' }),
    ).rejects.toThrow('无权');
  });

  it('runs from the command line and exports every difference, a sheet per kind', async () => {
    const booted: Booted = {
      config: loadConfig({ BIANZHI_DATA_DIR: dir }),
      ctx: t.ctx,
      close: () => Promise.resolve(),
    };
    const lines: string[] = [];
    const out = path.join(dir, '差异.xlsx');
    const code = await reconcileCommand(
      booted,
      { file: payroll, source: '财政局', region: undefined, out },
      (l) => lines.push(l),
    );
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('名单 6 行，编制内实有 5 人，一致 2 人');
    expect(text).toContain('单位不一致：1');
    expect(text).toContain('[编制内有、名单无]  名单无  赵敏');
    expect(text).not.toMatch(/\d{17}[\dX]/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '名单有、编制内无',
      '编制内有、名单无',
      '单位不一致',
      '编制类型不一致',
      '无效行',
    ]);
    expect(workbook.getWorksheet('单位不一致')?.getRow(2).getCell(2).value).toBe('李娜');
    expect(workbook.getWorksheet('无效行')?.rowCount).toBe(2);

    expect(
      await reconcileCommand(
        booted,
        { file: payroll, source: '公安', region: undefined, out: undefined },
        () => {},
      ),
    ).toBe(2);
  });
});
