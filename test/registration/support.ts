// The county fixture with the users the registration tests act as: office clerk and admin, the
// 经办人 of 望洪镇卫生院 (B03) and of 永宁县第一中学 (B01), and the liaison of their 举办单位.
import type { Role } from '../../src/common/labels.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { setRegistrationSettings } from '../../src/domain/registration/settings.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import type { TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

export const REGION = '640121';

export type Who = 'clerk' | 'admin' | 'leader' | 'hospital' | 'school' | 'township' | 'education';

export async function registrationCounty(t: TestDb): Promise<{
  unit: (code: string) => number;
  as: Record<Who, Principal>;
}> {
  const actor = { id: null, name: '测试' };
  const imported = await importWorkbook(t.ctx, {
    actor,
    paths: [COUNTY_DIR],
    dryRun: false,
    allowedRegions: null,
  });
  if (!imported.ok) throw new Error('fixture import failed');
  const ids = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
  const unit = (code: string) => ids.get(`${REGION}/${code}`) ?? -1;
  const as = {} as Record<Who, Principal>;
  const users: [Who, Role, string | null][] = [
    ['clerk', 'clerk', null],
    ['admin', 'admin', null],
    ['leader', 'leader', null],
    ['hospital', 'liaison', 'B03'],
    ['school', 'liaison', 'B01'],
    ['township', 'liaison', 'A04'],
    ['education', 'liaison', 'A03'],
  ];
  for (const [username, role, unitCode] of users) {
    const unitId = unitCode ? unit(unitCode) : null;
    const { id } = await createUser(t.ctx, {
      actor,
      username,
      displayName: username,
      role,
      regionCode: REGION,
      unitId,
      password: 'Registration-Pass-2026',
    });
    as[username] = {
      userId: id,
      username,
      displayName: username,
      role,
      regionCode: REGION,
      unitId,
      mustChangePassword: false,
    };
  }
  await setRegistrationSettings(t.ctx, {
    principal: as.admin,
    regionCode: REGION,
    settings: {
      acceptDays: 3,
      decideDays: 30,
      usccRange: { prefix: 'MB', from: 100, to: 999_999 },
      annualWindow: { from: '01-01', to: '03-31' },
    },
  });
  return { unit, as };
}

export const FULL_SETUP = [
  '登记申请书',
  '审批机关批准设立的文件',
  '场所使用权证明',
  '法定代表人任职文件及身份证明',
  '开办资金确认证明',
  '章程草案',
];

/** Adds `n` registered institutions (units C001…, records with codes of the office's range). */
export async function registeredInstitutions(t: TestDb, n: number, sponsorUnitId: number): Promise<number[]> {
  const { insertUnit, insertVersion, versionValues } = await import('../../src/db/repositories/units.ts');
  const { insertRegistration } = await import('../../src/db/repositories/registration.ts');
  const { composeUscc } = await import('../../src/domain/registration/rules.ts');
  const db = t.ctx.db.kysely;
  const at = new Date().toISOString();
  const ids: number[] = [];
  for (let i = 1; i <= n; i += 1) {
    const code = `C${String(i).padStart(3, '0')}`;
    const name = `永宁县第${i}服务中心`;
    const unitId = await insertUnit(db, { regionCode: REGION, code, at });
    await insertVersion(
      db,
      versionValues(
        unitId,
        {
          name,
          shortName: null,
          parentUnitId: sponsorUnitId,
          category: '事业单位',
          rank: '不定级',
          affiliation: '部门所属',
          countsTowardDirectLimit: false,
          funding: '全额拨款',
          type: '一般',
          sector: '其他',
          legalPerson: true,
          uscc: null,
          foundedOn: '2000-01-01',
          abolishedOn: null,
        },
        { validFrom: '2000-01-01', changeKind: '设立', docNo: null, at, by: null },
      ),
    );
    const { uscc } = composeUscc('事业单位', REGION, { prefix: 'MC', from: 0, to: 999_999 }, i);
    await insertRegistration(db, {
      regionCode: REGION,
      unitId,
      state: '登记',
      name,
      otherNames: [],
      purpose: '提供公益服务',
      address: '永宁县',
      legalRep: `负责人${i}`,
      capital: '10',
      fundingSource: '财政补助',
      sponsor: '永宁县教育局',
      sponsorUnitId,
      uscc,
      registeredOn: '2020-01-01',
      at,
    });
    ids.push(unitId);
  }
  return ids;
}
