// Who may do what in 事业单位登记管理, 年度报告, 抽查 and 中文域名: ONE table, applied by ONE
// function (authorizeRegistration) that every route and use case calls with the entity named.
// Scope: office staff act within their county; leaders and viewers read within their
// region; a liaison (the institution's 经办人, or the 举办单位's) acts only on their own unit.
import type { Role } from '../../common/labels.ts';
import { forbidden } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { regionWithin } from '../accounts/scope.ts';

type Scope = 'county' | 'region' | 'unit';

interface Rule {
  roles: Partial<Record<Role, Scope>>;
  message: string;
}

const OFFICE_WRITE = { admin: 'county', clerk: 'county' } as const;
const READERS = {
  admin: 'county',
  clerk: 'county',
  leader: 'region',
  viewer: 'region',
} as const;

export const REGISTRATION_RULES = {
  /** Registration records, certificates, applications of a unit. */
  'registration.read': { roles: { ...READERS, liaison: 'unit' }, message: '无权查看该单位的登记信息' },
  /** File (or re-file) an application for the unit: its 经办人 or the office on its behalf. */
  'registration.file': {
    roles: { ...OFFICE_WRITE, liaison: 'unit' },
    message: '只有本单位经办人或编办可以提交登记申请',
  },
  /** 受理 / 审核 / 核准 / 退回, certificates, USCC issue, imports. */
  'registration.process': { roles: OFFICE_WRITE, message: '只有编办可以办理登记' },
  'registration.configure': { roles: { admin: 'county' }, message: '只有编办管理员可以设置登记管理参数' },
  /** The institution files its annual report. */
  'annual.file': { roles: { ...OFFICE_WRITE, liaison: 'unit' }, message: '只有本单位经办人可以报送年度报告' },
  /** The 举办单位's 保密审查: the target unit is the sponsor. */
  'annual.signOff': { roles: { liaison: 'unit' }, message: '只有举办单位可以进行保密审查' },
  'annual.review': { roles: OFFICE_WRITE, message: '只有编办可以审核年度报告' },
  'spotcheck.manage': { roles: OFFICE_WRITE, message: '只有编办可以组织抽查' },
  /** 单位自查: the checked institution answers the checklist. */
  'spotcheck.selfCheck': {
    roles: { ...OFFICE_WRITE, liaison: 'unit' },
    message: '只有被抽查单位可以填写自查',
  },
  'domain.read': { roles: { ...READERS, liaison: 'unit' }, message: '无权查看该单位的中文域名' },
  'domain.manage': { roles: OFFICE_WRITE, message: '只有编办可以管理中文域名' },
} as const satisfies Record<string, Rule>;

export type RegistrationAction = keyof typeof REGISTRATION_RULES;

/** Whether the principal may take the action on something of this region (and unit). */
export function canRegistration(
  p: Principal,
  action: RegistrationAction,
  target: { regionCode: string; unitId?: number | null },
): boolean {
  const roles: Partial<Record<Role, Scope>> = REGISTRATION_RULES[action].roles;
  const scope = roles[p.role];
  if (scope === undefined) return false;
  if (scope === 'county') return p.regionCode === target.regionCode;
  if (scope === 'region') return regionWithin(target.regionCode, p.regionCode);
  return p.regionCode === target.regionCode && p.unitId !== null && target.unitId === p.unitId;
}

export function authorizeRegistration(
  p: Principal,
  action: RegistrationAction,
  target: { regionCode: string; unitId?: number | null },
): void {
  if (!canRegistration(p, action, target)) throw forbidden(REGISTRATION_RULES[action].message);
}
