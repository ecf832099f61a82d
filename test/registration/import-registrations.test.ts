// The 事业单位登记 and 中文域名 sheets of the exchange format on both databases: existing
// registrations (with their certificate) and domain names are imported all or nothing with the
// other sheets, exported, and an export re-imports unchanged; an imported code is never issued
// again by the office's range.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUscc } from '../../src/common/codes/uscc.ts';
import { listDomains } from '../../src/db/repositories/domains.ts';
import {
  certificatesOf,
  listRegistrations,
  registrationOfUnit,
} from '../../src/db/repositories/registration.ts';
import { exportWorkbook } from '../../src/domain/exchange/export-workbook.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { issueUscc } from '../../src/domain/registration/issue-uscc.ts';
import { composeUscc } from '../../src/domain/registration/rules.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';
import { REGION, registrationCounty, type Who } from './support.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';

const actor = { id: null, name: '测试' };
const REG_HEADER =
  '行政区划代码,机构编码,名称,其他名称,宗旨和业务范围,住所,法定代表人,开办资金,经费来源,举办单位,举办单位机构编码,统一社会信用代码,登记状态,登记日期,注销日期,证书编号,发证日期,有效期至\n';
const DOMAIN_HEADER = '行政区划代码,机构编码,域名,状态,注册日期,到期日期,年费\n';
/** The office's first serial (range MB 100–999999 in support.ts): the import takes it first. */
const FIRST_CODE = composeUscc('事业单位', REGION, { prefix: 'MB', from: 100, to: 999_999 }, 100).uscc;
const OTHER_CODE = composeUscc('事业单位', REGION, { prefix: 'MC', from: 0, to: 999_999 }, 7).uscc;

function sheets(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const school = `${REGION},B01,永宁县第一中学,永宁县实验中学,实施高中学历教育,永宁县杨和镇,王某,100,财政补助,永宁县教育局,A03,${FIRST_CODE},登记,2015-06-01,,事证第164012100009号,2023-06-01,2028-05-31\n`;
const college = `${REGION},B02,永宁县职业教育学校,,职业教育,永宁县望远镇,李某,50.5,财政补助,永宁县教育局,A03,${OTHER_CODE},登记,2016-01-01,,,,\n`;

describe.each(DIALECTS)('registration and domain sheets on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  let as: Record<Who, Principal>;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    ({ unit, as } = await registrationCounty(t));
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const run = (dir: string, dryRun = false) =>
    importWorkbook(t.ctx, { actor, paths: [dir], dryRun, allowedRegions: [REGION] });

  it('refuses the whole file when one row is wrong, naming every bad row', async () => {
    const dir = sheets({
      '事业单位登记.csv':
        REG_HEADER +
        school +
        `${REGION},Z99,不存在的单位,,x,x,x,1,x,x,,,登记,2015-06-01,,,,\n` +
        `${REGION},B02,永宁县职业教育学校,,职业教育,永宁县,李某,abc,财政补助,永宁县教育局,,${FIRST_CODE},注销,2016-01-01,,,,\n`,
      '中文域名.csv': DOMAIN_HEADER + `${REGION},B01,永宁县第一中学.公益,注册,2020-01-01,2030-01-01,280\n`,
    });
    const result = await run(dir);
    expect(result.ok).toBe(false);
    const where = result.errors.map((e) => `${e.table}:${e.row}:${e.column}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '事业单位登记:3:机构编码',
        '事业单位登记:4:开办资金',
        '事业单位登记:4:注销日期',
      ]),
    );
    expect(await listRegistrations(t.ctx.db.kysely, { regionCodes: [REGION] })).toEqual([]);
    expect(await listDomains(t.ctx.db.kysely, { regionCodes: [REGION] })).toEqual([]);
  });

  it('imports registrations with their certificate and the domain names, once', async () => {
    const dir = sheets({
      '事业单位登记.csv': REG_HEADER + school + college,
      '中文域名.csv':
        DOMAIN_HEADER +
        `${REGION},B01,永宁县第一中学.公益,注册,2020-01-01,2030-01-01,280\n` +
        `${REGION},B02,永宁县职业教育学校.公益,冻结,2019-01-01,2026-01-01,\n`,
    });
    expect((await run(dir, true)).ok).toBe(true);
    expect(await listRegistrations(t.ctx.db.kysely, { regionCodes: [REGION] })).toEqual([]);
    const result = await run(dir);
    expect(result.errors).toEqual([]);
    expect(result.counts['事业单位登记']).toMatchObject({ inserted: 2 });
    expect(result.counts['中文域名']).toMatchObject({ inserted: 2 });
    const db = t.ctx.db.kysely;
    const record = await registrationOfUnit(db, unit('B01'));
    expect(record).toMatchObject({
      name: '永宁县第一中学',
      otherNames: ['永宁县实验中学'],
      sponsorUnitId: unit('A03'),
      uscc: FIRST_CODE,
      state: '登记',
      certificateNo: '事证第164012100009号',
      validUntil: '2028-05-31',
    });
    expect(await certificatesOf(db, record?.id ?? -1)).toEqual([
      expect.objectContaining({ certificateNo: '事证第164012100009号', reason: '导入', revokedOn: null }),
    ]);
    const names = await listDomains(db, { regionCodes: [REGION], includeDeleted: true });
    expect(names.map((d) => [d.name, d.state, d.unitId])).toEqual(
      expect.arrayContaining([
        ['永宁县第一中学.公益', '注册', unit('B01')],
        ['永宁县职业教育学校.公益', '冻结', unit('B02')],
      ]),
    );
    const again = await run(dir);
    expect(again.counts['事业单位登记']).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(again.counts['中文域名']).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('refuses a code that another unit holds', async () => {
    const dir = sheets({
      '事业单位登记.csv':
        REG_HEADER +
        `${REGION},B03,望洪镇卫生院,,医疗,望洪镇,赵某,10,财政补助,永宁县卫生健康局,,${FIRST_CODE},登记,2018-01-01,,,,\n`,
    });
    const result = await run(dir);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ row: 2, column: '统一社会信用代码' });
    expect(await registrationOfUnit(t.ctx.db.kysely, unit('B03'))).toBeUndefined();
  });

  it('exports the sheets so that they re-import unchanged, and never issues an imported code', async () => {
    const out = tempDir();
    await exportWorkbook(t.ctx, { actor, regionCode: REGION, out });
    const text = fs.readFileSync(path.join(out, '事业单位登记.csv'), 'utf8');
    expect(text).toContain(FIRST_CODE);
    expect(text).toContain('A03');
    expect(fs.readFileSync(path.join(out, '中文域名.csv'), 'utf8')).toContain('永宁县职业教育学校.公益');
    const result = await run(out);
    expect(result.errors).toEqual([]);
    expect(result.counts['事业单位登记']).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(result.counts['中文域名']).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    // The range starts at the imported code's serial: the office skips it.
    const issued = await issueUscc(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      category: '事业单位',
      unitId: null,
    });
    expect(issued).not.toBe(FIRST_CODE);
    expect(checkUscc(issued).ok).toBe(true);
  });
});
