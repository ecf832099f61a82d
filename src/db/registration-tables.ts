// Table types of 事业单位登记管理 and 中文域名 (migration 0010), kept apart from database.ts so
// that the ledger's tables stay readable. JSON columns are text; booleans 0/1.
import type { Generated } from 'kysely';

/** 事业单位法人登记: one record per unit, changed in place with its history kept. */
export interface RegistrationTable {
  id: Generated<number>;
  region_code: string;
  unit_id: number;
  /** 登记 · 变更中 · 注销 */
  state: string;
  name: string;
  /** JSON array of the other names (其他名称). */
  other_names: string;
  purpose: string;
  address: string;
  legal_rep: string;
  /** 开办资金 in 万元, as decimal text. */
  capital: string;
  funding_source: string;
  sponsor: string;
  sponsor_unit_id: number | null;
  uscc: string | null;
  certificate_no: string | null;
  issued_on: string | null;
  valid_until: string | null;
  registered_on: string;
  cancelled_on: string | null;
  updated_at: string;
  version: number;
}

export interface RegistrationHistoryTable {
  id: Generated<number>;
  registration_id: number;
  application_id: number | null;
  kind: string;
  /** JSON of the record before the change. */
  snapshot: string;
  at: string;
}

export interface RegistrationCertificateTable {
  id: Generated<number>;
  registration_id: number;
  certificate_no: string;
  /** 设立 · 变更 · 补领 · 换发 · 导入 */
  reason: string;
  issued_on: string;
  valid_until: string;
  /** JSON of the registered particulars printed on the certificate. */
  snapshot: string;
  revoked_on: string | null;
  revoked_reason: string | null;
  application_id: number | null;
  issued_by: number | null;
}

export interface RegistrationApplicationTable {
  id: Generated<number>;
  region_code: string;
  unit_id: number;
  registration_id: number | null;
  /** 设立 · 变更 · 注销 · 证书补领 */
  kind: string;
  state: string;
  /** JSON of the particulars applied for. */
  details: string;
  /** JSON array of the materials handed in. */
  materials: string;
  /** JSON array of the required materials missing at 受理. */
  missing_materials: string;
  matter_id: number | null;
  /** The statutory deadline set by a matter (变更 30, 注销 15 working days). */
  statutory_due: string | null;
  filed_on: string | null;
  accept_due: string | null;
  accepted_on: string | null;
  decide_due: string | null;
  decided_on: string | null;
  return_reason: string | null;
  created_at: string;
  version: number;
}

export interface RegistrationStepTable {
  id: Generated<number>;
  application_id: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: number | null;
  actor_name: string;
  at: string;
  comment: string;
}

export interface IssuedUsccTable {
  uscc: string;
  region_code: string;
  category: string;
  serial: number;
  organization_code: string;
  unit_id: number | null;
  issued_at: string;
  issued_by: number | null;
}

export interface AnnualReportTable {
  id: Generated<number>;
  region_code: string;
  registration_id: number;
  year: number;
  state: string;
  items: string;
  attachments: string;
  staff_count: number;
  online_names: string;
  submitted_on: string | null;
  late: number;
  secrecy_signed_by: number | null;
  secrecy_signed_at: string | null;
  review_comment: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  published_at: string | null;
  created_at: string;
  version: number;
}

export interface SpotCheckTable {
  id: Generated<number>;
  region_code: string;
  year: number;
  title: string;
  seed: string;
  algorithm: string;
  ratio: string | null;
  count: number | null;
  /** JSON array of the USCCs of the 名录库 at the draw, in draw order input (sorted). */
  population: string;
  excluded: string;
  inspector_pool: string;
  inspectors: string;
  checklist: string;
  created_at: string;
  created_by: number | null;
  published_at: string | null;
}

export interface SpotCheckUnitTable {
  id: Generated<number>;
  spot_check_id: number;
  registration_id: number;
  year: number;
  position: number;
  stage: string;
  answers: string;
  findings: string;
  rectify_due: string | null;
  result: string | null;
  updated_at: string;
  version: number;
}

export interface DomainNameTable {
  id: Generated<number>;
  region_code: string;
  unit_id: number;
  name: string;
  suffix: string;
  state: string;
  registered_on: string;
  expires_on: string;
  annual_fee: string | null;
  updated_at: string;
  version: number;
}

export interface DomainOperationTable {
  id: Generated<number>;
  domain_id: number;
  operation: string;
  from_state: string | null;
  to_state: string;
  on_date: string;
  note: string;
  actor_id: number | null;
  at: string;
}

export interface DomainChangeItemTable {
  id: Generated<number>;
  region_code: string;
  unit_id: number;
  domain_id: number;
  matter_id: number;
  /** 更名 · 合并 · 撤销 */
  reason: string;
  /** 变更 · 注销 */
  required: string;
  opened_on: string;
  resolved_on: string | null;
  resolution: string | null;
}
