// Table types for Kysely. Dates are 'YYYY-MM-DD' text and instants ISO-8601 text in both
// dialects; booleans are 0/1 integers. Rows are never deleted: a correction sets
// `retracted_at` on the old row and inserts a new one, so every past state can be read back.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface RegionTable {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
}

export interface RegionPopulationTable {
  id: Generated<number>;
  region_code: string;
  unit_id: number | null;
  year: number;
  population: number;
  recorded_at: string;
  retracted_at: string | null;
}

export interface UnitTable {
  id: Generated<number>;
  region_code: string;
  code: string;
  created_at: string;
}

/** One state of a unit, in force from `valid_from` until the next version's date. */
export interface UnitVersionTable {
  id: Generated<number>;
  unit_id: number;
  valid_from: string;
  change_kind: string;
  doc_no: string | null;
  name: string;
  short_name: string | null;
  parent_unit_id: number | null;
  category: string;
  rank: string | null;
  affiliation: string | null;
  counts_toward_direct_limit: number | null;
  funding: string | null;
  type: string | null;
  sector: string | null;
  legal_person: number | null;
  uscc: string | null;
  founded_on: string | null;
  abolished_on: string | null;
  recorded_at: string;
  recorded_by: number | null;
  retracted_at: string | null;
  matter_id: Generated<number | null>;
  /** 职责任务 (main responsibilities) and the 三定 document (migration 0016). */
  responsibilities: Generated<string | null>;
  sanding_doc_no: Generated<string | null>;
  sanding_date: Generated<string | null>;
}

export interface PlaqueTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
  doc_no: string | null;
  recorded_at: string;
  retracted_at: string | null;
  matter_id: Generated<number | null>;
}

export interface QuotaTableRow {
  id: Generated<number>;
  unit_id: number;
  quota_type: string;
  source: string;
  approved: number;
  effective_from: string;
  doc_no: string | null;
  recorded_at: string;
  recorded_by: number | null;
  retracted_at: string | null;
  matter_id: Generated<number | null>;
}

export interface LeadershipPostTable {
  id: Generated<number>;
  unit_id: number;
  level: string;
  approved: number;
  effective_from: string;
  doc_no: string | null;
  recorded_at: string;
  recorded_by: number | null;
  retracted_at: string | null;
  matter_id: Generated<number | null>;
}

export interface PersonTable {
  id: Generated<number>;
  /** HMAC-SM3 of the normalised 身份证号: finds a person without decrypting anyone. */
  id_hash: string;
  /** SM4-CBC ciphertext with its IV and HMAC-SM3 tag. */
  id_cipher: string;
  id_masked: string;
  name: string;
  gender: string;
  birth_date: string;
  created_at: string;
  /**
   * The import (import_batches) that wrote this person in a slice; the person is visible only
   * once that import is 'done' (isVisiblePerson in repositories/import-slices.ts). Null: written
   * otherwise.
   */
  import_id: Generated<number | null>;
}

/** An import that writes its people in slices before its final transaction (migration 0026). */
export interface ImportBatchTable {
  id: Generated<number>;
  /** 'applying' (slices being written, invisible), 'done' (published) or 'failed' (slices removed). */
  state: string;
  /** host/pid/thread of the process writing it: a sweep leaves a live owner's import alone. */
  owner: string;
  /** JSON list of the counties the import writes. */
  region_codes: string;
  started_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  /** Slices committed so far (migration 0031): publication requires every slice written to be there. */
  slices: Generated<number>;
}

/** A placement written by a slice, copied into placements when its import is published. */
export interface ImportPlacementTable {
  id: Generated<number>;
  import_id: number;
  person_id: number;
  region_code: string;
  unit_code: string;
  quota_type: string;
  status: string;
  channel: string | null;
  leadership_level: string;
  entered_on: string | null;
  left_on: string | null;
  recorded_at: string;
  recorded_by: number | null;
}

export interface PlacementTable {
  id: Generated<number>;
  person_id: number;
  unit_id: number;
  quota_type: string;
  status: string;
  channel: string | null;
  leadership_level: string;
  entered_on: string | null;
  left_on: string | null;
  recorded_at: string;
  recorded_by: number | null;
  retracted_at: string | null;
  /** 1 for the person's current placement (the latest not retracted), else 0. */
  is_current: number;
  matter_id: Generated<number | null>;
}

export interface StudentCountTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  senior: number | null;
  junior: number | null;
  primary_school: number | null;
  preschool: number | null;
  recorded_at: string;
  retracted_at: string | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  region_code: string;
  unit_id: number | null;
  must_change_password: number;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
  /** When the password was last set: its expiry counts from here. */
  password_changed_at: string | null;
  /** The TOTP secret, sealed with SM4 (field crypto); null when never enrolled. */
  totp_secret: string | null;
  /** Set once a code from the authenticator has been confirmed: from then on it is asked at login. */
  totp_enabled_at: string | null;
  /** The last TOTP time step accepted: a code is good once. */
  totp_last_step: number | null;
}

/** A previous password hash of a user, so that the last N cannot be chosen again. */
export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: string;
}

/** The deployment's security policy, set by the 安全管理员: one row per key. */
export interface SecurityPolicyTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  summary: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface MatterTable {
  id: Generated<number>;
  region_code: string;
  title: string;
  reasons: string;
  state: string;
  /** JSON array of Change (src/common/matters.ts). */
  changes: string;
  proposer_id: number;
  proposer_unit_id: number | null;
  exception_reason: string | null;
  decision_body: string | null;
  doc_no: string | null;
  decided_on: string | null;
  effective_on: string | null;
  created_at: string;
  updated_at: string;
  /** Bumped by every step: two people acting on the same matter cannot both succeed. */
  version: number;
}

export interface MatterStepTable {
  id: Generated<number>;
  matter_id: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: number;
  actor_name: string;
  at: string;
  comment: string;
  rule_results: string | null;
}

export interface MatterAttachmentTable {
  id: Generated<number>;
  matter_id: number;
  step_id: number | null;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number;
  uploaded_at: string;
}

export interface ControlTotalTable {
  id: Generated<number>;
  region_code: string;
  quota_type: string;
  total: number;
  effective_from: string;
  doc_no: string | null;
  recorded_at: string;
}

/** Raised with every write that changes what the 基本情况 report counts in the county (0012). */
export interface ReportVersionTable {
  region_code: string;
  version: number;
}

/** A county's summed report figures and findings on a date, valid while its version is current. */
export interface ReportAggregateTable {
  region_code: string;
  as_of: string;
  version: number;
  /** JSON: figure key → value (the county's sum of unit contributions). */
  figures: string;
  /** JSON: the county's per-unit and missing-unit findings, in unit order. */
  quality: string;
  computed_at: string;
  /** Every unit's cells on the date, Int32 rows (report-cells.ts); null on rows from before 0028. */
  cells: Buffer | null;
  /** JSON: the distinct unit attribute sets the cells refer to by index. */
  cell_attrs: string | null;
}

/** The units a write touched, at the county counter value it raised (unit_id null: all of them). */
/** A county's head-count changes day by day in the window (lo, hi] (report-windows.ts), stamped with its counter. */
export interface ReportWindowDeltaTable {
  region_code: string;
  lo: string;
  hi: string;
  version: number;
  /** JSON: the window's changes per day, unit and quota type, and the names that hold through it. */
  deltas: string;
  computed_at: string;
}

export interface ReportDirtyUnitTable {
  region_code: string;
  version: number;
  unit_id: number | null;
}

/** A saved import mapping (common/exchange-mapping.ts) of one county, `body` its JSON. */
export interface ImportMappingTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  body: string;
  updated_at: string;
  updated_by: number | null;
}

export interface Database {
  matters: MatterTable;
  matter_steps: MatterStepTable;
  matter_attachments: MatterAttachmentTable;
  control_totals: ControlTotalTable;
  regions: RegionTable;
  region_population: RegionPopulationTable;
  units: UnitTable;
  unit_versions: UnitVersionTable;
  plaques: PlaqueTable;
  quotas: QuotaTableRow;
  leadership_posts: LeadershipPostTable;
  people: PersonTable;
  placements: PlacementTable;
  import_batches: ImportBatchTable;
  import_placements: ImportPlacementTable;
  student_counts: StudentCountTable;
  users: UserTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  standards: StandardTable;
  reconciliations: ReconciliationTable;
  reconciliation_items: ReconciliationItemTable;
  settings: SettingTable;
  password_history: PasswordHistoryTable;
  security_policy: SecurityPolicyTable;
  registrations: RegistrationTable;
  registration_history: RegistrationHistoryTable;
  registration_certificates: RegistrationCertificateTable;
  registration_applications: RegistrationApplicationTable;
  registration_steps: RegistrationStepTable;
  issued_usccs: IssuedUsccTable;
  annual_reports: AnnualReportTable;
  spot_checks: SpotCheckTable;
  spot_check_units: SpotCheckUnitTable;
  domain_names: DomainNameTable;
  domain_operations: DomainOperationTable;
  domain_change_items: DomainChangeItemTable;
  yearend_submissions: YearendSubmissionTable;
  history_matters: HistoryMatterTable;
  report_versions: ReportVersionTable;
  report_aggregates: ReportAggregateTable;
  report_dirty_units: ReportDirtyUnitTable;
  report_window_deltas: ReportWindowDeltaTable;
  institution_limits: InstitutionLimitTable;
  reform_projects: ReformProjectTable;
  reform_baselines: ReformBaselineTable;
  reform_plans: ReformPlanTable;
  reform_plan_matters: ReformPlanMatterTable;
  import_mappings: ImportMappingTable;
  library_documents: LibraryDocumentTable;
  trainings: TrainingTable;
  library_attachments: LibraryAttachmentTable;
  report_documents: ReportDocumentTable;
  report_renderings: ReportRenderingTable;
  evaluation_plans: EvaluationPlanTable;
  evaluation_units: EvaluationUnitTable;
  evaluation_scores: EvaluationScoreTable;
  evaluation_findings: EvaluationFindingTable;
  evaluation_cross_grants: EvaluationCrossGrantTable;
}

/** 机构限额: the county's cap on 党政机构 or 直属事业单位, from its document, in force from a date. */
export interface InstitutionLimitTable {
  id: Generated<number>;
  region_code: string;
  /** '党政机构' | '直属事业单位' */
  kind: string;
  cap: number;
  source_document: string;
  effective_from: string;
  recorded_at: string;
  recorded_by: number | null;
}

/** A 机构改革 project: the units concerned (JSON ids, null = whole county) and its baseline date. */
export interface ReformProjectTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  scope_unit_ids: string | null;
  baseline_date: string;
  created_at: string;
  created_by: number | null;
}

/** A frozen 底数 (insert-only): canonical JSON and its SM3 hash, also carried by the audit chain. */
export interface ReformBaselineTable {
  id: Generated<number>;
  region_code: string;
  project_id: number;
  as_of: string;
  content: string;
  hash: string;
  frozen_at: string;
  frozen_by: number | null;
}

/** A plan drafted in the sandbox: matter changes (JSON), never applied to the ledger directly. */
export interface ReformPlanTable {
  id: Generated<number>;
  region_code: string;
  project_id: number;
  name: string;
  changes: string;
  created_at: string;
  updated_at: string;
  adopted_at: string | null;
  adopted_by: number | null;
}

/** The matters (动议) an adopted plan filed. */
export interface ReformPlanMatterTable {
  region_code: string;
  plan_id: number;
  matter_id: number;
}

export type * from './yearend-tables.ts';
import type { HistoryMatterTable, YearendSubmissionTable } from './yearend-tables.ts';

export type * from './registration-tables.ts';
import type {
  AnnualReportTable,
  DomainChangeItemTable,
  DomainNameTable,
  DomainOperationTable,
  IssuedUsccTable,
  RegistrationApplicationTable,
  RegistrationCertificateTable,
  RegistrationHistoryTable,
  RegistrationStepTable,
  RegistrationTable,
  SpotCheckTable,
  SpotCheckUnitTable,
} from './registration-tables.ts';

export type UnitVersionRow = Selectable<UnitVersionTable>;
export type NewUnitVersion = Insertable<UnitVersionTable>;
export type UserRow = Selectable<UserTable>;
export type AuditEventRow = Selectable<AuditEventTable>;

/** One comparison of a list from 组织部, 人社 or 财政 with the real-name records (数据比对). */
export interface ReconciliationTable {
  id: Generated<number>;
  region_code: string;
  /** '组织' | '人社' | '财政' */
  source: string;
  file_name: string;
  compared_on: string;
  created_at: string;
  created_by: number | null;
  created_by_name: string;
  /** JSON of ReconciliationCounts (src/domain/reconciliation/compare.ts). */
  counts: string;
}

/** One difference found by a comparison; 身份证号 only hashed and masked. */
export interface ReconciliationItemTable {
  id: Generated<number>;
  reconciliation_id: number;
  /** 'not_on_establishment' | 'not_on_list' | 'other_unit' | 'other_quota_type' | 'invalid_row' */
  kind: string;
  row_number: number | null;
  name: string;
  id_masked: string;
  id_hash: string | null;
  list_unit: string | null;
  ledger_unit_id: number | null;
  list_quota_type: string | null;
  ledger_quota_type: string | null;
  note: string | null;
}

/** One version of a region's staffing standard (编制标准); an edit inserts the next version. */
export interface StandardTable {
  id: Generated<number>;
  region_code: string;
  /** school · kindergarten · healthCentre (src/common/standards.ts). */
  key: string;
  version: number;
  name: string;
  source_document: string;
  valid_from: string;
  /** The last day in force; null while in force. */
  valid_to: string | null;
  /** JSON of the rule (SchoolRule, KindergartenRule or HealthCentreRule). */
  rule: string;
  rounding: string;
  recorded_at: string;
  recorded_by: number | null;
}

/** A per-county setting (及时性 and the like): one row per region and key. */
export interface SettingTable {
  region_code: string;
  key: string;
  /** Text: a number or a JSON array, as the key defines. */
  value: string;
  updated_at: string;
  updated_by: number | null;
}

/** A document of the 法规制度 library (法律法规, 党内法规, 规范性文件 the office works under). */
export interface LibraryDocumentTable {
  id: Generated<number>;
  region_code: string;
  title: string;
  doc_no: string | null;
  issuer: string;
  issued_on: string;
  effective_on: string | null;
  /** 'valid' | 'repealed' | 'amended' (有效, 失效, 修订). */
  validity: string;
  full_text: string;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
}

/** A 学习 or 宣讲 session on the 法规制度 (section 二(一) of the county's report counts them). */
export interface TrainingTable {
  id: Generated<number>;
  region_code: string;
  held_on: string;
  topic: string;
  /** 'study' | 'lecture' (学习, 宣讲). */
  kind: string;
  attendance: number;
  materials: string;
  created_at: string;
  created_by: number | null;
}

/** A file attached to a 法规制度 document or a training record (0025): exactly one owner is set. */
export interface LibraryAttachmentTable {
  id: Generated<number>;
  region_code: string;
  document_id: number | null;
  training_id: number | null;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number;
  uploaded_at: string;
}

/** An evaluation (评估问效) plan of a county: type, year, leading group, stage dates, indicators. */
export interface EvaluationPlanTable {
  id: Generated<number>;
  region_code: string;
  year: number;
  /** 'application' | 'execution' | 'benefit' */
  type: string;
  title: string;
  leading_group: string;
  period_from: string;
  period_to: string;
  self_from: string;
  self_to: string;
  onsite_from: string;
  onsite_to: string;
  cross_from: string | null;
  cross_to: string | null;
  /** The indicator system (src/domain/evaluation/rules.ts) as JSON. */
  indicators: string;
  /** 自评/实地评估/交叉互评 weights of the final score (JSON), or null: the latest stage counts. */
  stage_weights: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
}

/** A unit evaluated under a plan. */
export interface EvaluationUnitTable {
  plan_id: number;
  unit_id: number;
  region_code: string;
}

/**
 * A user of another county named as 交叉互评 evaluator of a plan: read-only access to the plan's
 * units and scoring at the 'cross' stage, until the plan's cross_to or revoked_at.
 */
export interface EvaluationCrossGrantTable {
  id: Generated<number>;
  /** The evaluated county (the plan's). */
  region_code: string;
  plan_id: number;
  evaluator_id: number;
  evaluator_region: string;
  granted_at: string;
  granted_by: number | null;
  revoked_at: string | null;
  revoked_by: number | null;
  /** When the grant's end (its stage over, not revoked) was written to the audit chain. */
  expiry_recorded_at: string | null;
}

/** One indicator's score of one unit at one stage (自评 'self', 实地评估 'onsite', 交叉互评 'cross'). */
export interface EvaluationScoreTable {
  id: Generated<number>;
  region_code: string;
  plan_id: number;
  unit_id: number;
  stage: string;
  indicator_code: string;
  /** rules.ts Measurement as JSON. */
  measurement: string;
  score: number;
  evidence: string;
  scored_at: string;
  scored_by: number | null;
}

/** A finding of an evaluation and its rectification (问题清单 / 整改清单), per plan and unit. */
export interface EvaluationFindingTable {
  id: Generated<number>;
  region_code: string;
  plan_id: number;
  unit_id: number;
  /** The indicator the finding concerns (a code of the plan's system), or null. */
  indicator_code: string | null;
  finding: string;
  /** The rectification measure. */
  measure: string;
  deadline: string;
  /** The unit (or office) responsible for the rectification, as written. */
  responsible: string;
  /** 'open' | 'inProgress' | 'done' */
  status: string;
  progress: string;
  done_on: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
}
/** The county's yearly report (全年汇报): prose with {{figure}} placeholders (docs/full-report.md). */
export interface ReportDocumentTable {
  id: Generated<number>;
  region_code: string;
  year: number;
  title: string;
  /** First day of the 工作统计 period of section 二. */
  work_from: string;
  /** JSON array of paragraph strings. */
  paragraphs: string;
  version: number;
  updated_at: string;
  updated_by: number | null;
}

/** One rendering of a report document: the figure values it printed (JSON key → value). */
export interface ReportRenderingTable {
  id: Generated<number>;
  region_code: string;
  document_id: number;
  as_of: string;
  figures: string;
  rendered_at: string;
  rendered_by: number | null;
}
