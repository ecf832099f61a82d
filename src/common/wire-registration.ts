// zod schemas of the HTTP wire for 事业单位登记管理, 年度报告, 抽查, 中文域名 and the 公示 page;
// request types are inferred from them, never written twice.
import { z } from 'zod';
import {
  ANNUAL_REPORT_ITEMS,
  APPLICATION_KINDS,
  APPLICATION_STATES,
  DOMAIN_OPERATIONS,
  REGISTRATION_STATES,
  SPOT_CHECK_STAGES,
  USCC_CATEGORIES,
} from './registration.ts';
import { RegionCode } from './wire.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Text = (max: number) => z.string().trim().max(max);

export const RegistrationDetails = z
  .object({
    name: Text(100),
    otherNames: z.array(Text(100)).max(10),
    purpose: Text(2000),
    address: Text(200),
    legalRep: Text(50),
    capital: z.string().regex(/^\d+(\.\d{1,4})?$/, '开办资金应为数字（万元）'),
    fundingSource: Text(50),
    sponsor: Text(100),
    sponsorUnitId: z.number().int().positive().nullable(),
    reason: Text(500),
  })
  .partial();

export const RegistrationListQuery = z.object({
  region: RegionCode,
  state: z.enum(REGISTRATION_STATES).optional(),
  q: z.string().max(100).optional(),
});

export const ApplicationListQuery = z.object({
  region: RegionCode,
  state: z.enum(APPLICATION_STATES).optional(),
  overdue: z.enum(['1', '0']).optional(),
});

export const NewApplicationBody = z.object({
  unitId: z.number().int().positive(),
  kind: z.enum(APPLICATION_KINDS),
  details: RegistrationDetails,
  materials: z.array(Text(100)).max(30),
  on: IsoDate.optional(),
});

export const RefileApplicationBody = z.object({
  details: RegistrationDetails,
  materials: z.array(Text(100)).max(30),
  on: IsoDate.optional(),
});

export const ApplicationStepBody = z.object({ comment: Text(1000).optional(), on: IsoDate.optional() });
export const ReturnApplicationBody = z.object({ reason: Text(1000).min(1, '退回须说明理由') });

export const IssueUsccBody = z.object({
  region: RegionCode,
  category: z.enum(
    Object.keys(USCC_CATEGORIES) as [keyof typeof USCC_CATEGORIES, ...(keyof typeof USCC_CATEGORIES)[]],
  ),
  unitId: z.number().int().positive().nullable(),
});

export const RegistrationSettingsBody = z.object({
  region: RegionCode,
  acceptDays: z.number().int().min(1).max(60),
  decideDays: z.number().int().min(1).max(120),
  usccRange: z
    .object({ prefix: z.string().max(4), from: z.number().int().min(0), to: z.number().int().min(0) })
    .nullable(),
  annualWindow: z.object({ from: z.string(), to: z.string() }),
});

const ItemKeys = Object.keys(ANNUAL_REPORT_ITEMS) as [
  keyof typeof ANNUAL_REPORT_ITEMS,
  ...(keyof typeof ANNUAL_REPORT_ITEMS)[],
];
export const AnnualReportBody = z.object({
  registrationId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  items: z.record(z.enum(ItemKeys), Text(5000)),
  attachments: z.array(Text(100)).max(20),
  on: IsoDate.optional(),
});
export const AnnualReportReviewBody = z.object({
  decision: z.enum(['通过', '退回修改']),
  comment: Text(1000).optional(),
});
export const YearQuery = z.object({ region: RegionCode, year: z.coerce.number().int().min(2000).max(2100) });

export const SpotCheckBody = z
  .object({
    region: RegionCode,
    year: z.number().int().min(2000).max(2100),
    title: Text(200).min(1),
    ratio: z.number().gt(0).max(1).optional(),
    count: z.number().int().min(1).optional(),
    seed: Text(200).min(1),
    inspectorPool: z.array(Text(50)).min(1).max(500),
    inspectorCount: z.number().int().min(1).max(50),
    checklist: z.array(Text(200)).min(1).max(100).optional(),
  })
  .refine((b) => (b.ratio === undefined) !== (b.count === undefined), '请给出抽查比例或家数之一');

export const SpotCheckAdvanceBody = z.object({
  stage: z.enum(SPOT_CHECK_STAGES).exclude(['已完成']),
  answers: z.record(z.string(), Text(500)).optional(),
  findings: Text(2000).optional(),
  rectifyDue: IsoDate.nullable().optional(),
  result: Text(2000).optional(),
});

export const DomainBody = z.object({
  unitId: z.number().int().positive(),
  name: Text(100).min(3),
  registeredOn: IsoDate,
  expiresOn: IsoDate,
  annualFee: z
    .string()
    .regex(/^\d+(\.\d{1,2})?$/)
    .nullable()
    .optional(),
  administrativeFunctions: z.boolean().optional(),
});

export const DomainOperationBody = z.object({
  operation: z.enum(DOMAIN_OPERATIONS).exclude(['注册']),
  on: IsoDate,
  newName: Text(100).optional(),
  expiresOn: IsoDate.optional(),
  administrativeFunctions: z.boolean().optional(),
  note: Text(500).optional(),
});

export const DomainListQuery = z.object({
  region: RegionCode,
  dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});

export const PublicQuery = z.object({
  region: RegionCode.optional(),
  q: z.string().trim().max(100).optional(),
});

// ---- Responses as the web reads them (the server's records carry these fields and more) ----
export interface RegistrationView {
  id: number;
  regionCode: string;
  unitId: number;
  state: (typeof REGISTRATION_STATES)[number];
  name: string;
  otherNames: string[];
  purpose: string;
  address: string;
  legalRep: string;
  capital: string;
  fundingSource: string;
  sponsor: string;
  sponsorUnitId: number | null;
  uscc: string | null;
  certificateNo: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  registeredOn: string;
  cancelledOn: string | null;
}
export interface CertificateView {
  id: number;
  certificateNo: string;
  reason: string;
  issuedOn: string;
  validUntil: string;
  revokedOn: string | null;
  revokedReason: string | null;
}
export interface ApplicationView {
  id: number;
  unitId: number;
  registrationId: number | null;
  kind: (typeof APPLICATION_KINDS)[number];
  state: (typeof APPLICATION_STATES)[number];
  details: { name?: string; reason?: string };
  materials: string[];
  missingMaterials: string[];
  matterId: number | null;
  filedOn: string | null;
  acceptedOn: string | null;
  decidedOn: string | null;
  returnReason: string | null;
  due: string | null;
  workingDaysOverdue: number;
}
export interface ApplicationStepView {
  action: string;
  fromState: string | null;
  toState: string;
  actorName: string;
  at: string;
  comment: string;
}
export interface RegistrationDetailView {
  record: RegistrationView;
  certificates: CertificateView[];
  applications: ApplicationView[];
}
export interface AnnualReportView {
  id: number;
  year: number;
  state: string;
  items: Record<string, string>;
  attachments: string[];
  staffCount: number;
  onlineNames: string[];
  submittedOn: string | null;
  late: boolean;
  secrecySignedAt: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
}
export interface AnnualOverviewView {
  year: number;
  expected: number;
  filed: number;
  onTime: number;
  late: number;
  published: number;
  onTimeRate: number | null;
  rows: {
    registrationId: number;
    name: string;
    uscc: string | null;
    report: AnnualReportView | null;
    may: { file: boolean; signOff: boolean; pass: boolean; return: boolean };
  }[];
}
export interface SpotCheckView {
  id: number;
  regionCode: string;
  year: number;
  title: string;
  seed: string;
  algorithm: string;
  ratio: number | null;
  count: number | null;
  population: string[];
  excluded: string[];
  inspectors: string[];
  checklist: string[];
  createdAt: string;
  publishedAt: string | null;
}
export interface SpotCheckUnitView {
  id: number;
  registrationId: number;
  unitId: number;
  name: string;
  uscc: string | null;
  stage: (typeof SPOT_CHECK_STAGES)[number];
  answers: Record<string, string>;
  findings: string;
  rectifyDue: string | null;
  result: string | null;
}
export interface DomainView {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  suffix: string;
  state: string;
  registeredOn: string;
  expiresOn: string;
  annualFee: string | null;
}
export interface DomainChangeView {
  id: number;
  unitId: number;
  unitName: string;
  domainName: string;
  matterId: number;
  reason: string;
  required: string;
  openedOn: string;
  resolvedOn: string | null;
}

export type AnnualReportInput = z.input<typeof AnnualReportBody>;
export type SpotCheckInput = z.input<typeof SpotCheckBody>;
export type SpotCheckAdvanceInput = z.input<typeof SpotCheckAdvanceBody>;
export type DomainInput = z.input<typeof DomainBody>;
export type DomainOperationInput = z.input<typeof DomainOperationBody>;
export type NewApplicationInput = z.input<typeof NewApplicationBody>;
