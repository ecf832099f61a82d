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
