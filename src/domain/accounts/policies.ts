// The principal of a request, and the permissions sent to the web: derived from the one table
// in permissions.ts, so that the web shows no button a user may not press.
import type { Role } from '../../common/labels.ts';
import type { Permissions } from '../../common/wire.ts';
import { roleMay, type Action } from './permissions.ts';

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

/** Each permission the web is told about, and the action of the table it answers. */
const WEB_PERMISSIONS = {
  readLedger: 'unit.read',
  readReports: 'report.read',
  writeLedger: 'standards.write',
  proposeMatters: 'matter.propose',
  configureTimeliness: 'timeliness.configure',
  importData: 'data.import',
  exportData: 'data.export',
  manageUsers: 'user.create',
  revealIdNumbers: 'person.revealId',
  readAudit: 'audit.read',
  configureSecurity: 'security.configure',
  readYearend: 'yearend.read',
  submitYearend: 'yearend.submit',
  readRegistration: 'registration.read',
  fileRegistration: 'registration.file',
  processRegistration: 'registration.process',
  fileAnnualReport: 'annual.file',
  reviewAnnualReport: 'annual.review',
  manageSpotChecks: 'spotcheck.manage',
  selfCheck: 'spotcheck.selfCheck',
  readDomains: 'domain.read',
  manageDomains: 'domain.manage',
  readReform: 'reform.read',
  writeReform: 'reform.write',
  setReformLimits: 'reform.limit',
  readLibrary: 'library.read',
  writeLibrary: 'library.write',
  readEvaluation: 'evaluation.read',
  manageEvaluation: 'evaluation.manage',
  selfScoreEvaluation: 'evaluation.selfScore',
  onsiteScoreEvaluation: 'evaluation.onsiteScore',
  readEvaluationResults: 'evaluation.results',
  crossEvaluationTasks: 'evaluation.crossGrants',
  readFullReport: 'fullReport.read',
  writeFullReport: 'fullReport.write',
  readEvaluationFindings: 'evaluation.findingsRead',
  manageEvaluationFindings: 'evaluation.findingsManage',
  reportEvaluationFindingProgress: 'evaluation.findingsProgress',
} as const satisfies Record<keyof Permissions, Action>;

export function permissionsOf(p: Principal): Permissions {
  const out = {} as Permissions;
  for (const [key, action] of Object.entries(WEB_PERMISSIONS) as [keyof Permissions, Action][]) {
    out[key] = roleMay(p.role, action);
  }
  return out;
}

/** Roles whose home region is a county; viewers sit at a city or province, the 三员 anywhere. */
export const COUNTY_ROLES: readonly Role[] = ['admin', 'clerk', 'liaison', 'leader'];
