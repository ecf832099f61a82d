// Who may do what: declared once here. Routes ask these questions; the web receives the
// answers (Permissions) so that it shows no button a user may not press.
import type { Role } from '../../common/labels.ts';
import type { Permissions } from '../../common/wire.ts';

export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /** A county for office staff, liaisons and leaders; a city or province for read-only users above. */
  regionCode: string;
  /** A liaison's own unit: they see it and the units below it. */
  unitId: number | null;
  mustChangePassword: boolean;
}

const OFFICE: readonly Role[] = ['admin', 'clerk'];

export const policies = {
  writeLedger: (p: Principal): boolean => OFFICE.includes(p.role),
  importData: (p: Principal): boolean => OFFICE.includes(p.role),
  /** The exchange workbook carries 身份证号 in the clear (it must re-import): office staff only. */
  exportData: (p: Principal): boolean => OFFICE.includes(p.role),
  manageUsers: (p: Principal): boolean => p.role === 'admin',
  revealIdNumbers: (p: Principal): boolean => OFFICE.includes(p.role),
  readAudit: (p: Principal): boolean => p.role === 'auditor' || p.role === 'admin',
  readLedger: (_p: Principal): boolean => true,
  /** County-wide reports: a liaison sees only their own unit's subtree, so not these. */
  readReports: (p: Principal): boolean => p.role !== 'liaison',
} as const;

export function permissionsOf(p: Principal): Permissions {
  return {
    writeLedger: policies.writeLedger(p),
    importData: policies.importData(p),
    exportData: policies.exportData(p),
    manageUsers: policies.manageUsers(p),
    revealIdNumbers: policies.revealIdNumbers(p),
    readAudit: policies.readAudit(p),
  };
}

/** Roles whose home region is a county; the others sit at a city or province. */
export const COUNTY_ROLES: readonly Role[] = ['admin', 'clerk', 'liaison', 'leader', 'auditor'];
