// The HTTP wire: zod schemas shared by the server (validation, OpenAPI) and the web client
// (types). Types are inferred from the schemas, never written twice.
import { z } from 'zod';
import {
  AFFILIATIONS,
  ENTRY_CHANNELS,
  FUNDING_FORMS,
  INSTITUTION_TYPES,
  LEADERSHIP_LEVELS,
  PERSON_STATUSES,
  POST_LEVELS,
  QUOTA_SOURCES,
  QUOTA_TYPES,
  ROLES,
  SECTORS,
  UNIT_CATEGORIES,
  UNIT_RANKS,
} from './labels.ts';
import { DateString } from './dates.ts';

export { DateString };
export const RegionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');
export const IdParam = z.object({ id: z.coerce.number().int().positive() });

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

// ---- accounts ----
/** Answers of the permission table (src/domain/accounts/permissions.ts) for the current user. */
export const Permissions = z.object({
  readLedger: z.boolean(),
  readReports: z.boolean(),
  writeLedger: z.boolean(),
  proposeMatters: z.boolean(),
  configureTimeliness: z.boolean(),
  importData: z.boolean(),
  exportData: z.boolean(),
  manageUsers: z.boolean(),
  revealIdNumbers: z.boolean(),
  readAudit: z.boolean(),
  configureSecurity: z.boolean(),
  readYearend: z.boolean(),
  submitYearend: z.boolean(),
  readRegistration: z.boolean(),
  fileRegistration: z.boolean(),
  processRegistration: z.boolean(),
  fileAnnualReport: z.boolean(),
  reviewAnnualReport: z.boolean(),
  manageSpotChecks: z.boolean(),
  selfCheck: z.boolean(),
  readDomains: z.boolean(),
  manageDomains: z.boolean(),
  readReform: z.boolean(),
  writeReform: z.boolean(),
  setReformLimits: z.boolean(),
  readLibrary: z.boolean(),
  writeLibrary: z.boolean(),
  readEvaluation: z.boolean(),
  manageEvaluation: z.boolean(),
  selfScoreEvaluation: z.boolean(),
  onsiteScoreEvaluation: z.boolean(),
  readEvaluationResults: z.boolean(),
  crossEvaluationTasks: z.boolean(),
  readFullReport: z.boolean(),
  writeFullReport: z.boolean(),
  readEvaluationFindings: z.boolean(),
  manageEvaluationFindings: z.boolean(),
  reportEvaluationFindingProgress: z.boolean(),
});
export type Permissions = z.infer<typeof Permissions>;

export const CurrentUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  mustChangePassword: z.boolean(),
  /** The account asks a TOTP code at login. */
  totpEnabled: z.boolean(),
  /** The security policy requires a TOTP second factor that is not enrolled yet. */
  mustEnrolTotp: z.boolean(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const MeResponse = z.object({ user: CurrentUser, permissions: Permissions });
export type MeResponse = z.infer<typeof MeResponse>;

// Lengths are bounded here, before a value can reach a log or the audit.
export const USERNAME_MAX = 32;
export const PASSWORD_MAX = 128;
export const LoginBody = z.object({
  username: z.string().min(1, '请输入用户名').max(USERNAME_MAX, `用户名至多${USERNAME_MAX}位`),
  password: z.string().min(1).max(PASSWORD_MAX, `密码至多${PASSWORD_MAX}位`),
  /** The 6-digit code of the authenticator app, when the account has a second factor. */
  totp: z
    .string()
    .regex(/^\d{6}$/, '动态口令应为6位数字')
    .optional(),
});
export const PasswordPolicyInfo = z.object({
  /** The rules in one sentence, shown on the change-password form. */
  description: z.string(),
  minLength: z.number(),
});
export type PasswordPolicyInfo = z.infer<typeof PasswordPolicyInfo>;
export const ChangePasswordBody = z.object({
  oldPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: z.string().min(1).max(PASSWORD_MAX, `新密码至多${PASSWORD_MAX}位`),
});

export const UserSummary = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  regionCode: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;
export const CreateUserBody = z.object({
  username: z
    .string()
    .max(USERNAME_MAX)
    .regex(/^[A-Za-z0-9_.-]{2,32}$/, '用户名为2–32位字母、数字或 _ . -'),
  displayName: z.string().min(1).max(40),
  role: z.enum(ROLES),
  regionCode: RegionCode,
  unitId: z.number().int().positive().nullable().optional(),
});
export const PasswordResponse = z.object({ username: z.string(), oneTimePassword: z.string() });

// ---- regions ----
export const RegionDto = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentCode: z.string().nullable(),
});
export type RegionDto = z.infer<typeof RegionDto>;

// ---- units ----
export const UnitTreeQuery = z.object({ region: RegionCode, asOf: DateString.optional() });
export const UnitNode = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  category: z.enum(UNIT_CATEGORIES),
  parentId: z.number().nullable(),
  exists: z.boolean(),
});
export type UnitNode = z.infer<typeof UnitNode>;

export const QuotaFigure = z.object({
  quotaType: z.enum(QUOTA_TYPES),
  approved: z.number(),
  actual: z.number(),
  pending: z.number(),
  vacant: z.number(),
  over: z.number(),
  realVacant: z.number(),
});
export type QuotaFigure = z.infer<typeof QuotaFigure>;

export const UnitDetail = z.object({
  id: z.number(),
  regionCode: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  category: z.enum(UNIT_CATEGORIES),
  rank: z.enum(UNIT_RANKS).nullable(),
  affiliation: z.enum(AFFILIATIONS).nullable(),
  countsTowardDirectLimit: z.boolean().nullable(),
  funding: z.enum(FUNDING_FORMS).nullable(),
  type: z.enum(INSTITUTION_TYPES).nullable(),
  sector: z.enum(SECTORS).nullable(),
  legalPerson: z.boolean().nullable(),
  uscc: z.string().nullable(),
  foundedOn: z.string().nullable(),
  abolishedOn: z.string().nullable(),
  /** 职责任务 and the 三定 document of the version in force. */
  responsibilities: z.string().nullable(),
  sandingDocNo: z.string().nullable(),
  sandingDate: z.string().nullable(),
  parent: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
  children: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), category: z.string() })),
  plaques: z.array(
    z.object({ name: z.string(), validFrom: z.string().nullable(), validTo: z.string().nullable() }),
  ),
  history: z.array(
    z.object({
      validFrom: z.string(),
      changeKind: z.string(),
      name: z.string(),
      category: z.string(),
      rank: z.string().nullable(),
      docNo: z.string().nullable(),
      recordedAt: z.string(),
      retracted: z.boolean(),
    }),
  ),
  quotas: z.array(
    z.object({
      id: z.number(),
      quotaType: z.enum(QUOTA_TYPES),
      source: z.enum(QUOTA_SOURCES),
      approved: z.number(),
      effectiveFrom: z.string(),
      docNo: z.string().nullable(),
      inForce: z.boolean(),
      retracted: z.boolean(),
      recordedAt: z.string(),
    }),
  ),
  posts: z.array(
    z.object({
      id: z.number(),
      level: z.enum(POST_LEVELS),
      approved: z.number(),
      effectiveFrom: z.string(),
      docNo: z.string().nullable(),
      inForce: z.boolean(),
      retracted: z.boolean(),
      recordedAt: z.string(),
    }),
  ),
  figures: z.array(QuotaFigure),
  /** 合计 over the unit's quota types (null when it has fewer than two). */
  figureTotal: QuotaFigure.omit({ quotaType: true }).nullable(),
  postFigures: z.array(z.object({ level: z.enum(POST_LEVELS), approved: z.number(), filled: z.number() })),
  asOf: z.string(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

// ---- people ----
export const PeopleQuery = z.object({
  region: RegionCode,
  unitId: z.coerce.number().int().positive().optional(),
  includeSubunits: z.enum(['true', 'false']).optional(),
  q: z.string().max(40).optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  quotaType: z.enum(QUOTA_TYPES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const PersonSummary = z.object({
  id: z.number(),
  name: z.string(),
  idMasked: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  quotaType: z.enum(QUOTA_TYPES),
  status: z.enum(PERSON_STATUSES),
  channel: z.enum(ENTRY_CHANNELS).nullable(),
  leadershipLevel: z.enum(LEADERSHIP_LEVELS),
  enteredOn: z.string().nullable(),
  leftOn: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;
export const PeoplePage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(PersonSummary),
});
export type PeoplePage = z.infer<typeof PeoplePage>;
export const PersonDetail = PersonSummary.extend({
  placements: z.array(
    PersonSummary.pick({
      unitId: true,
      unitName: true,
      quotaType: true,
      status: true,
      channel: true,
      leadershipLevel: true,
      enteredOn: true,
      leftOn: true,
    }).extend({ recordedAt: z.string(), retracted: z.boolean() }),
  ),
});
export type PersonDetail = z.infer<typeof PersonDetail>;
export const RevealResponse = z.object({ idNumber: z.string() });

// ---- import / export ----
export const RowErrorDto = z.object({
  table: z.string(),
  row: z.number(),
  column: z.string(),
  reason: z.string(),
});
export type RowErrorDto = z.infer<typeof RowErrorDto>;
export const TableCounts = z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() });
export const ImportResult = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  errorCount: z.number(),
  /** At most the first 2,000 errors; errorCount says how many there were. */
  errors: z.array(RowErrorDto),
  /** Plausibility warnings (the rows are imported): at most the first 2,000. */
  warningCount: z.number(),
  warnings: z.array(RowErrorDto),
  counts: z.record(z.string(), TableCounts),
});
export type ImportResult = z.infer<typeof ImportResult>;
export const ImportJob = z.object({
  id: z.string(),
  /** cancelled: stopped by its user before its final commit (nothing of it written). */
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.object({
    phase: z.string(),
    table: z.string().nullable(),
    done: z.number(),
    total: z.number(),
  }),
  result: ImportResult.nullable(),
  message: z.string().nullable(),
  /** Whether its user may still cancel it: running, and its final transaction not yet let commit. */
  cancellable: z.boolean(),
});
export type ImportJob = z.infer<typeof ImportJob>;
export const ExportQuery = z.object({ region: RegionCode });

// ---- overview ----
export const OverviewResponse = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  asOf: z.string(),
  /** 县, 市 or 省 level: a city's or province's figures are sums over its counties. */
  level: z.enum(['province', 'city', 'county']),
  /** 全县 / 全市 / 全省 (全区…): the word the page uses for the summed figures. */
  wideWord: z.string(),
  /** Units counted on the page, on the basis named in unitBasis (the report's 机构 set). */
  unitCount: z.number(),
  unitBasis: z.string(),
  /** Units per category, with their figures per quota type (summed per unit). */
  unitsByCategory: z.array(
    z.object({ category: z.string(), count: z.number(), figures: z.array(QuotaFigure) }),
  ),
  figures: z.array(QuotaFigure),
  /** 合计 over 行政 + 事业 + 聘用, each figure summed per unit as in the report. */
  total: QuotaFigure.omit({ quotaType: true }),
  /** For a city or province: every county-level region below it and whether it has data. */
  counties: z.array(z.object({ code: z.string(), name: z.string(), hasData: z.boolean() })),
  /** For a 部门联络员: the unit the figures are about (with its subordinate units). */
  ownUnit: z.object({ id: z.number(), name: z.string() }).nullable(),
  overQuotaUnits: z.array(
    z.object({ id: z.number(), name: z.string(), quotaType: z.string(), over: z.number() }),
  ),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;

// ---- audit ----
export const AuditQuery = z.object({
  region: RegionCode,
  action: z.string().max(60).optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  actor: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const AuditEventDto = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  payload: z.string(),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;
export const AuditPage = z.object({
  total: z.number(),
  items: z.array(AuditEventDto),
  chain: z.object({ ok: z.boolean(), message: z.string() }),
});
export type AuditPage = z.infer<typeof AuditPage>;

// ---- 沿革: a unit's history as a chain of documents ----
export const UnitHistoryEntry = z.object({
  date: z.string(),
  docNo: z.string().nullable(),
  what: z.string(),
  /** history: a matter from before the system (历史事项, imported). */
  kind: z.enum(['unit', 'quota', 'post', 'plaque', 'history']),
  matterId: z.number().nullable(),
  retracted: z.boolean(),
});
export type UnitHistoryEntry = z.infer<typeof UnitHistoryEntry>;
