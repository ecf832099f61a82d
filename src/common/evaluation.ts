// 评估问效 and the 法规制度 library: the enumerations with their Chinese labels, kept here once.
// Values are English identifiers; the labels are what users read (and what documents print).

/** The three evaluations of domain.md §10. */
export const EVALUATION_TYPES = ['application', 'execution', 'benefit'] as const;
export type EvaluationType = (typeof EVALUATION_TYPES)[number];
export const EVALUATION_TYPE_LABELS: Record<EvaluationType, string> = {
  application: '申请事项评估',
  execution: '执行情况评估',
  benefit: '使用效益评估',
};

/** 共性指标 apply to every evaluated unit; 个性指标 to one kind of unit (e.g. schools). */
export const INDICATOR_CATEGORIES = ['common', 'specific'] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];
export const INDICATOR_CATEGORY_LABELS: Record<IndicatorCategory, string> = {
  common: '共性指标',
  specific: '个性指标',
};

/** How an indicator is scored (src/domain/evaluation/rules.ts applies them). */
export const RULE_KINDS = ['deduction', 'ratio', 'veto', 'manual'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  deduction: '按次扣分',
  ratio: '按比例扣分',
  veto: '一票否优',
  manual: '人工评分',
};

/** The grades, best first. */
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

/** The validity of a 法规制度 document. */
export const DOCUMENT_VALIDITIES = ['valid', 'repealed', 'amended'] as const;
export type DocumentValidity = (typeof DOCUMENT_VALIDITIES)[number];
export const DOCUMENT_VALIDITY_LABELS: Record<DocumentValidity, string> = {
  valid: '有效',
  repealed: '失效',
  amended: '修订',
};

/** Training records: 集中学习 and 宣讲 (section 二(一) of the county's report counts both). */
export const TRAINING_KINDS = ['study', 'lecture'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  study: '学习',
  lecture: '宣讲',
};

/**
 * The stages a plan's units are scored in, in order: 自评 by the unit, 实地评估 by the county
 * team, 交叉互评 by evaluators from another county (docs/SECURITY.md, 交叉互评授权).
 */
export const EVALUATION_STAGES = ['self', 'onsite', 'cross'] as const;
export type EvaluationStage = (typeof EVALUATION_STAGES)[number];
export const EVALUATION_STAGE_LABELS: Record<EvaluationStage, string> = {
  self: '自评',
  onsite: '实地评估',
  cross: '交叉互评',
};

/** Why a role that may not score a stage after 自评 cannot read a unit's saved scores of it. */
export function stageScoresReadDenied(stage: Exclude<EvaluationStage, 'self'>): string {
  return `只有编办评估组可以查看单位的${EVALUATION_STAGE_LABELS[stage]}评分`;
}

/**
 * How the final score is made, in the words of the documents and the result page: without stage
 * weights the latest view counts (交叉互评 over 实地评估 over 测算 over 自评, the cross stage named
 * only when the plan has one); with weights, the weighted mean of the weighted stages' totals
 * (src/domain/evaluation/stage-rules.ts).
 */
export function scoreBasisText(
  weights: Readonly<Record<EvaluationStage, number>> | null,
  hasCrossStage: boolean,
): string {
  if (weights === null)
    return hasCrossStage
      ? '每项指标以交叉互评得分为准，未经交叉互评的取实地评估得分，未经实地评估的由系统依据台账测算，其余采用自评得分'
      : '每项指标以实地评估得分为准，未经实地评估的由系统依据台账测算，其余采用自评得分';
  const parts = EVALUATION_STAGES.filter((s) => weights[s] > 0).map(
    (s) => `${EVALUATION_STAGE_LABELS[s]}${weights[s]}`,
  );
  return (
    `按权重（${parts.join('、')}）取各阶段得分的加权平均，某阶段未评的指标沿用前一阶段的评分；` +
    '任一计权阶段触发一票否优的，等次受其限制'
  );
}

/** Where a final leaf score's measurement came from (a stage, or the ledger's 测算). */
export const SCORE_SOURCES = ['cross', 'onsite', 'computed', 'self'] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];
export const SCORE_SOURCE_LABELS: Record<ScoreSource, string> = {
  cross: '交叉互评',
  onsite: '实地评估',
  computed: '系统测算',
  self: '自评',
};

/** A 交叉互评 grant as the evaluated county's office sees it. */
export const CROSS_GRANT_STATES = ['active', 'expired', 'revoked'] as const;
export type CrossGrantState = (typeof CROSS_GRANT_STATES)[number];
export const CROSS_GRANT_STATE_LABELS: Record<CrossGrantState, string> = {
  active: '有效',
  expired: '已到期',
  revoked: '已撤销',
};

/** Indicators the ledger measures (src/domain/evaluation/measure-indicators.ts; docs/evaluation.md). */
export const COMPUTED_MEASURES = [
  'overQuotaEntries',
  'leaderPostsExceeded',
  'institutionLimit',
  'matterRecordFaults',
  'schoolQuotaRatio',
  'quotaUseRatio',
  'realNameDifferences',
  'annualReportsOnTime',
] as const;
export type ComputedMeasure = (typeof COMPUTED_MEASURES)[number];
export const COMPUTED_MEASURE_LABELS: Record<ComputedMeasure, string> = {
  overQuotaEntries: '超编进人（按次）',
  leaderPostsExceeded: '超职数配备领导干部（按人）',
  institutionLimit: '突破机构限额设立机构（否优）',
  matterRecordFaults: '机构编制事项无文号或录入不及时（按件）',
  schoolQuotaRatio: '中小学编制保障率（%）',
  quotaUseRatio: '编制使用率（100% − 空编率）',
  realNameDifferences: '实名制信息与组织、人社、财政名单不一致（按人次）',
  annualReportsOnTime: '事业单位年度报告按时报送率（%）',
};

/** The scoring rule a computed measure is scored by (a plan binding it to another is refused). */
export const COMPUTED_MEASURE_RULE_KINDS: Record<ComputedMeasure, 'deduction' | 'ratio' | 'veto'> = {
  overQuotaEntries: 'deduction',
  leaderPostsExceeded: 'deduction',
  institutionLimit: 'veto',
  matterRecordFaults: 'deduction',
  schoolQuotaRatio: 'ratio',
  quotaUseRatio: 'ratio',
  realNameDifferences: 'deduction',
  annualReportsOnTime: 'ratio',
};

/** 问题整改: 未整改 → 整改中 → 已整改 (the date done is kept with 已整改). */
export const FINDING_STATUSES = ['open', 'inProgress', 'done'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  open: '未整改',
  inProgress: '整改中',
  done: '已整改',
};
/** Shown beside the status of an item past its deadline and not done. */
export const OVERDUE_LABEL = '逾期';
