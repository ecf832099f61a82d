// Typed audit events: each action has its own payload shape. 身份证号 never appears in a
// payload in the clear: people are named by their masked number.

import { AUDIT_ACTION_LABELS } from '../common/audit-labels.ts';

export interface Change<T> {
  before: T | null;
  after: T | null;
}

export interface AuditEventMap {
  'region.ensure': Change<{ code: string; name: string; level: string }>;
  'unit.create': Change<Record<string, unknown>>;
  'unit.correct': Change<Record<string, unknown>>;
  'plaque.set': Change<{ unitCode: string; plaques: string[] }>;
  'quota.set': Change<{
    unitCode: string;
    quotaType: string;
    source: string;
    approved: number;
    effectiveFrom: string;
  }>;
  'post.set': Change<{ unitCode: string; level: string; approved: number; effectiveFrom: string }>;
  'person.create': Change<{ idMasked: string; name: string }>;
  'person.correct': Change<{ idMasked: string; name: string }>;
  'placement.set': Change<Record<string, unknown> & { idMasked: string }>;
  /** One batch of an import's 人员 sheet: every person it created or corrected. */
  'person.import': Change<{
    /** [person id, masked 身份证号, name, unit code, 编制类型, 人员状态] of each new person. */
    created: [number, string, string, string, string, string][];
    /** Each corrected person with the name and placement before and after. */
    corrected: { personId: number; idMasked: string; before: unknown; after: unknown }[];
  }>;
  'population.set': Change<{ unitCode: string | null; year: number; population: number }>;
  'students.set': Change<Record<string, unknown>>;
  /**
   * One batch of an import's small sheet (机构, 加挂牌子, 编制, 领导职数, 人口, 学生数) in one county:
   * every row it created (`before` null) or corrected, each with the snapshot the per-row event
   * of that sheet carries (unit.create/unit.correct, plaque.set, quota.set, …).
   */
  'unit.import': Change<ImportBatchPayload>;
  'plaque.import': Change<ImportBatchPayload>;
  'quota.import': Change<ImportBatchPayload>;
  'post.import': Change<ImportBatchPayload>;
  'population.import': Change<ImportBatchPayload>;
  'students.import': Change<ImportBatchPayload>;
  'import.run': Change<{
    files: string[];
    counts: Record<string, unknown>;
    /**
     * How the people were written: slices, the longest slice and the final transaction (ms), and
     * the placements published as their slices were committed (PostgreSQL).
     */
    timing?: {
      slices: number;
      longestSliceMs: number;
      finalMs: number;
      publishMs: number;
      publishedWithSlices?: number;
    };
  }>;
  /** An import that wrote slices and then failed or was abandoned: its slices are removed. */
  'import.abort': Change<{ importId: number; people: number }>;
  /** A saved import mapping created, changed (before/after) or deleted (after null). */
  'import.mapping': Change<{ name: string; mapping: unknown }>;
  'export.run': Change<{ regionCode: string; units: number; people: number }>;
  'user.create': Change<{ username: string; role: string; regionCode: string; unitId: number | null }>;
  'user.reset_password': Change<{ username: string }>;
  'user.change_password': Change<{ username: string }>;
  'user.login': Change<{ username: string }>;
  'user.login_failed': Change<{ username: string; reason?: string }>;
  'user.totp_enable': Change<{ username: string }>;
  'security.policy': Change<Record<string, number | boolean>>;
  'person.reveal_id': Change<{ idMasked: string; personId: number }>;
  'matter.step': Change<{ state: string; action: string; comment: string; docNo?: string | null }>;
  'matter.effect': Change<{ kind: string; docNo: string; effectiveOn: string }>;
  'control_total.set': Change<{ quotaType: string; total: number; effectiveFrom: string }>;
  'reconciliation.run': Change<{
    source: string;
    fileName: string;
    comparedOn: string;
    counts: Record<string, number>;
  }>;
  'standard.save': Change<{
    key: string;
    version: number;
    name: string;
    sourceDocument: string;
    validFrom: string;
    validTo: string | null;
    rule: Record<string, unknown>;
    rounding: string;
  }>;
  'backup.run': Change<{ file: string }>;
  'audit.key_rotate': Change<{ keys: number; fromEventId: number }>;
  'keys.rotate_master': Change<{
    people: number;
    matters: number;
    totpSecrets: number;
    reconciliationHashes: number;
  }>;
  'timeliness.settings': Change<{ workingDays: number; holidays: string[]; extraWorkdays: string[] }>;
  // 事业单位登记管理 and 中文域名 (src/domain/registration, src/domain/domains)
  'registration.settings': Change<Record<string, unknown>>;
  'registration.application': Change<{ kind: string; state: string; comment: string }>;
  'registration.record': Change<Record<string, unknown>>;
  'registration.certificate': Change<{ certificateNo: string; reason: string; issuedOn: string }>;
  'uscc.issue': Change<{ uscc: string; category: string; serial: number; unitId: number | null }>;
  'annual_report.step': Change<{ year: number; state: string; late: boolean; comment: string }>;
  'spot_check.draw': Change<{ year: number; seed: string; algorithm: string; drawn: string[] }>;
  'spot_check.stage': Change<{ stage: string; result: string | null }>;
  'domain.change': Change<Record<string, unknown>>;
  'yearend.submit': Change<{ year: number; asOf: string; hash: string; figures: number }>;
  'history.import': Change<Record<string, unknown>>;
  // 机构改革 (src/domain/reform)
  'institution_limit.set': Change<{
    kind: string;
    cap: number;
    sourceDocument: string;
    effectiveFrom: string;
  }>;
  'reform.project': Change<{ name: string; scopeUnitIds: number[] | null; baselineDate: string }>;
  /** The baseline's SM3 hash sealed in the chain: `audit verify` recomputes and compares it. */
  'reform.baseline_freeze': Change<{ projectId: number; asOf: string; units: number; hash: string }>;
  'reform.plan': Change<{ projectId: number; name: string; changes: number }>;
  'reform.plan_adopt': Change<{ projectId: number; matterIds: number[] }>;
  // 法规制度 library and training records (src/domain/library)
  'library.document': Change<{
    title: string;
    docNo: string | null;
    issuer: string;
    issuedOn: string;
    effectiveOn: string | null;
    validity: string;
    /** The full text's length, not the text: the chain records that it changed. */
    fullTextLength: number;
  }>;
  'training.record': Change<{ heldOn: string; topic: string; kind: string; attendance: number }>;
  'library.attachment': Change<{ fileName: string; mediaType: string; size: number; sha256: string }>;
  // 评估问效 (src/domain/evaluation)
  'evaluation.plan': Change<Record<string, unknown>>;
  'evaluation.score': Change<{
    stage: string;
    unitId: number;
    scores: { code: string; score: number; evidence: string }[];
    /** 交叉互评: the grant the evaluator scored under. */
    grantId?: number;
  }>;
  'evaluation.finding': Change<{
    planId: number;
    unitId: number;
    indicatorCode: string | null;
    finding: string;
    measure: string;
    deadline: string;
    responsible: string;
  }>;
  'evaluation.finding_progress': Change<{ status: string; progress: string; doneOn: string | null }>;
  // 全年汇报 (src/domain/full-report): the prose's size and the figures it names, not the text.
  'full_report.save': Change<{
    year: number;
    title: string;
    workFrom: string;
    paragraphs: number;
    figures: string[];
  }>;
  'full_report.render': Change<{ year: number; asOf: string; figures: number; changed: string[] }>;
  /** A user of another county named 交叉互评 evaluator of a plan, or their grant revoked. */
  'evaluation.cross_grant': Change<CrossGrantPayload>;
  'evaluation.cross_revoke': Change<CrossGrantPayload>;
  /** The grant's stage ended: access ended with it (written once, by the server's periodic check). */
  'evaluation.cross_expire': Change<CrossGrantPayload>;
}

/** The rows of one batch of an import's small sheet (`id`: the unit's or the row's id). */
export interface ImportBatchPayload {
  created: number;
  corrected: number;
  rows: { id: number; before: Record<string, unknown> | null; after: Record<string, unknown> }[];
}

/** A 交叉互评 grant in the audit chain: who, of which county, on what, until when. */
export interface CrossGrantPayload {
  grantId: number;
  evaluatorId: number;
  username: string;
  evaluatorRegion: string;
  planId: number;
  unitIds: number[];
  validFrom: string;
  /** The last day of the 交叉互评 stage: the grant ends after it. */
  validUntil: string | null;
  revokedAt?: string;
  /** When the end of the grant was written to the chain (the expiry event). */
  expiredRecordedAt?: string;
}

export type AuditAction = keyof AuditEventMap;

export interface AuditEventInput<A extends AuditAction = AuditAction> {
  action: A;
  entityType: string;
  entityId: string | number | null;
  regionCode: string | null;
  summary: string;
  payload: AuditEventMap[A];
}

export interface Actor {
  id: number | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: '系统' };

/** Every action's Chinese label (src/common/audit-labels.ts): a new action without one fails to compile. */
export const AUDIT_LABELS: Record<AuditAction, string> = AUDIT_ACTION_LABELS;
