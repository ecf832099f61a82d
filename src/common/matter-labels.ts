// The labels of staffing matters (机构编制事项, domain.md §9): change kinds, states, actions and
// rules with their Chinese names. No zod here, so that the web client can import these values
// without bundling the schemas of src/common/matters.ts.

/** The kinds of change, with their Chinese names (the 事项类型 of domain.md §9). */
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
  duty: '职责划转',
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

export const LeaveReasons = ['退休', '调出', '辞职', '辞退', '死亡', '离开本地', '合同期满', '其他'] as const;

/** The procedure (domain.md §9): 动议 → 论证 → 审议决定 → 组织实施, or back / rejected. */
export const MATTER_STATES = {
  proposed: '动议',
  assessed: '已论证',
  decided: '已决定',
  implemented: '已实施',
  returned: '已退回',
  rejected: '已驳回',
} as const;
export type MatterState = keyof typeof MATTER_STATES;

export const MATTER_ACTIONS = {
  propose: '动议',
  assess: '论证',
  decide: '审议决定',
  implement: '组织实施',
  return: '退回',
  reject: '驳回',
  resubmit: '重新提交',
} as const;
export type MatterAction = keyof typeof MATTER_ACTIONS;

export const DECISION_BODIES = ['县委编委会', '县委编办'] as const;

export const RULE_NAMES = {
  controlTotal: '严控总量',
  balance: '增减平衡',
  noOverQuota: '不得超编',
  noOverPosts: '不得超职数',
  recruitmentVacancy: '用编不超实际空编',
  poolReturn: '周转池按借归还',
  unitState: '机构状态',
  personState: '人员状态',
  institutionLimit: '机构限额',
} as const;
export type RuleName = keyof typeof RULE_NAMES;
