// A small world for authorization tests: the fixture county 640121 (永宁县, 银川市), a second
// county 640122 (贺兰县) of the same city and a county 640221 (平罗县) of another city, each with
// units and people; one account per role, signed in.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { idNumberCheckChar } from '../../src/common/codes/id-card.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import type { AppOptions } from '../../src/http/app.ts';
import { loginCookie, testApp } from './app.ts';
import { openTestDb, type TestDb } from './databases.ts';
import { COUNTY_DIR, tempDir } from './fixtures.ts';
import type { Dialect } from '../../src/db/connect.ts';

export const PASSWORD = 'Correct-Horse-9';
const actor = { id: null, name: '测试' };

/** A valid 身份证号 of a region, born 1985, with a serial. */
export function idOf(region: string, serial: number): string {
  const first17 = `${region}19850101${String(serial).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const UNIT_HEADER =
  '行政区划代码,机构编码,机构名称,上级机构编码,机构类别,机构规格,隶属关系,占直属限额,经费形式,单位类型,所属系统,是否法人,统一社会信用代码,加挂牌子,成立日期,撤销日期\n';
const PEOPLE_HEADER =
  '身份证号,姓名,行政区划代码,机构编码,编制类型,人员状态,入编方式,领导职务,入编日期,出编日期\n';

/** 贺兰县 (640122) and 平罗县 (640221): a unit each and two people, one of whom has left. */
async function importOtherCounties(t: TestDb): Promise<void> {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, '机构.csv'),
    UNIT_HEADER +
      '640122,A01,贺兰县委组织部,,党委工作机关,正科,,,,,,是,,,1984-01-01,\n' +
      '640221,A01,平罗县委组织部,,党委工作机关,正科,,,,,,是,,,1984-01-01,\n',
  );
  fs.writeFileSync(
    path.join(dir, '编制.csv'),
    '行政区划代码,机构编码,编制类型,核定数,来源,生效日期\n' +
      '640122,A01,行政编制,10,,2019-01-01\n' +
      '640221,A01,行政编制,10,,2019-01-01\n',
  );
  fs.writeFileSync(
    path.join(dir, '人员.csv'),
    PEOPLE_HEADER +
      `${idOf('640122', 11)},贺兰甲,640122,A01,行政编制,在编,考录,,2010-01-01,\n` +
      `${idOf('640122', 21)},贺兰乙,640122,A01,行政编制,已出编,考录,,2010-01-01,2024-01-31\n` +
      `${idOf('640221', 11)},平罗甲,640221,A01,行政编制,在编,考录,,2010-01-01,\n`,
  );
  const r = await importWorkbook(t.ctx, { actor, paths: [dir], dryRun: false, allowedRegions: null });
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Every role, where it sits: county roles in 640121, the viewer in 银川市 (640100); 贺兰县's
 * administrator and a 业务员 there (the matrix's 交叉互评 evaluator).
 */
export const ACCOUNTS = [
  { username: 'admin', role: 'admin', region: '640121', unit: null },
  { username: 'clerk', role: 'clerk', region: '640121', unit: null },
  { username: 'liaison', role: 'liaison', region: '640121', unit: 'A03' },
  { username: 'leader', role: 'leader', region: '640121', unit: null },
  { username: 'city', role: 'viewer', region: '640100', unit: null },
  { username: 'sysadmin', role: 'sysadmin', region: '640121', unit: null },
  { username: 'secadmin', role: 'secadmin', region: '640121', unit: null },
  { username: 'auditor', role: 'auditor', region: '640121', unit: null },
  { username: 'helan', role: 'admin', region: '640122', unit: null },
  /** A 业务员 of 贺兰县 whom the authorization matrix names 交叉互评 evaluator of a 永宁县 plan. */
  { username: 'reviewer', role: 'clerk', region: '640122', unit: null },
] as const;
export type Username = (typeof ACCOUNTS)[number]['username'];

export interface World {
  t: TestDb;
  app: FastifyInstance;
  cookies: Record<string, string>;
  userIds: Record<string, number>;
  /** `640121/B01` → unit id. */
  unit(code: string, region?: string): number;
  /** A person's id by name. */
  person(name: string): number;
}

export async function openWorld(dialect: Dialect, app: Partial<AppOptions> = {}): Promise<World> {
  const t = await openTestDb(dialect);
  const imported = await importWorkbook(t.ctx, {
    actor,
    paths: [COUNTY_DIR],
    dryRun: false,
    allowedRegions: null,
  });
  if (!imported.ok) throw new Error('fixture county did not import');
  await importOtherCounties(t);
  await ensureRegion(t.ctx, { code: '640100', actor });
  const units = await unitIdsByCode(t.ctx.db.kysely, ['640121', '640122', '640221']);
  const userIds: Record<string, number> = {};
  for (const a of ACCOUNTS) {
    const { id } = await createUser(t.ctx, {
      actor,
      username: a.username,
      displayName: a.username,
      role: a.role,
      regionCode: a.region,
      unitId: a.unit ? (units.get(`${a.region}/${a.unit}`) ?? null) : null,
      password: PASSWORD,
    });
    userIds[a.username] = id;
  }
  const people = new Map(
    (await t.ctx.db.kysely.selectFrom('people').select(['id', 'name']).execute()).map((p) => [p.name, p.id]),
  );
  const server = await testApp(t, app);
  const cookies: Record<string, string> = {};
  for (const a of ACCOUNTS) cookies[a.username] = await loginCookie(server, a.username, PASSWORD);
  return {
    t,
    app: server,
    cookies,
    userIds,
    unit: (code, region = '640121') => {
      const id = units.get(`${region}/${code}`);
      if (id === undefined) throw new Error(`no unit ${region}/${code}`);
      return id;
    },
    person: (name) => {
      const id = people.get(name);
      if (id === undefined) throw new Error(`no person ${name}`);
      return id;
    },
  };
}
