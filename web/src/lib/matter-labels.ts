// The labels of matters (机构编制事项). They mirror src/common/matters.ts, which cannot be imported
// as values here: it builds its zod schemas when loaded, and that would put zod (~90 kB) into the
// browser bundle. The `satisfies` clauses make the type checker flag any key that drifts apart.
import type { LeadershipLevel, QuotaType } from '../../../src/common/labels.ts';
import type { Change, ChangeKind, MatterAction, MatterState, RuleName } from '../../../src/common/matters.ts';

/** Mirrors CHANGE_KINDS of src/common/matters.ts. */
export const CHANGE_KINDS = {
  establish: '机构设立',
  abolish: '撤销',
  merge: '合并',
  rename: '更名',
  rank: '规格调整',
  plaque: '加挂牌子',
  quotaAdd: '编制核增',
  quotaReduce: '核减',
  transfer: '调剂',
  poolBorrow: '周转池借用',
  poolReturn: '周转池归还',
  posts: '领导职数调整',
  recruitmentPlan: '用编/招考计划',
  enter: '上编',
  leave: '下编',
} as const satisfies Record<ChangeKind, string>;

/** The kinds in the order users think of them: structure, quotas, posts, people. */
export const CHANGE_KIND_ORDER: readonly ChangeKind[] = [
  'establish',
  'abolish',
  'merge',
  'rename',
  'rank',
  'plaque',
  'quotaAdd',
  'quotaReduce',
  'transfer',
  'poolBorrow',
  'poolReturn',
  'posts',
  'recruitmentPlan',
  'enter',
  'leave',
];

/** Mirrors MATTER_STATES of src/common/matters.ts. */
export const MATTER_STATES = {
  proposed: '动议',
  assessed: '已论证',
  decided: '已决定',
  implemented: '已实施',
  returned: '已退回',
  rejected: '已驳回',
} as const satisfies Record<MatterState, string>;

export const MATTER_STATE_COLORS: Record<MatterState, string> = {
  proposed: 'processing',
  assessed: 'cyan',
  decided: 'geekblue',
  implemented: 'success',
  returned: 'warning',
  rejected: 'error',
};

/** Mirrors MATTER_ACTIONS of src/common/matters.ts. */
export const MATTER_ACTIONS = {
  propose: '动议',
  assess: '论证',
  decide: '审议决定',
  implement: '组织实施',
  return: '退回',
  reject: '驳回',
  resubmit: '重新提交',
} as const satisfies Record<MatterAction, string>;

/** Mirrors DECISION_BODIES of src/common/matters.ts. */
export const DECISION_BODIES = ['县委编委会', '县委编办'] as const;
export type DecisionBody = (typeof DECISION_BODIES)[number];

/** Mirrors RULE_NAMES of src/common/matters.ts. */
export const RULE_NAMES = {
  controlTotal: '严控总量',
  balance: '增减平衡',
  noOverQuota: '不得超编',
  noOverPosts: '不得超职数',
  recruitmentVacancy: '用编不超实际空编',
  poolReturn: '周转池按借归还',
  unitState: '机构状态',
  personState: '人员状态',
} as const satisfies Record<RuleName, string>;

export function ruleLabel(rule: string): string {
  return Object.hasOwn(RULE_NAMES, rule) ? RULE_NAMES[rule as RuleName] : rule;
}

type LeaveChange = Extract<Change, { kind: 'leave' }>;
export type LeaveReason = LeaveChange['reason'];

/** Mirrors LeaveReasons of src/common/matters.ts. */
export const LEAVE_REASONS = [
  '退休',
  '调出',
  '辞职',
  '辞退',
  '死亡',
  '离开本地',
  '合同期满',
  '其他',
] as const satisfies readonly LeaveReason[];

type PlanChange = Extract<Change, { kind: 'recruitmentPlan' }>;
export type PlanChannel = PlanChange['channel'];
export const PLAN_CHANNELS = ['考录', '招聘'] as const satisfies readonly PlanChannel[];

/** 周转池 quotas are always 事业编制 (domain.md §3). */
export const POOL_QUOTA_TYPE: QuotaType = '事业编制';
export const NO_LEADERSHIP: LeadershipLevel = '无';
