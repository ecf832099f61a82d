// The labels of matters (机构编制事项) as the web shows them. The Chinese names come from
// src/common/matter-labels.ts (zod-free, so it can be bundled); this file adds display order and colours.
import type { LeadershipLevel, QuotaType } from '../../../src/common/labels.ts';
import {
  CHANGE_KINDS,
  DECISION_BODIES,
  LeaveReasons,
  MATTER_ACTIONS,
  MATTER_STATES,
  RULE_NAMES,
  type ChangeKind,
  type MatterState,
  type RuleName,
} from '../../../src/common/matter-labels.ts';
import type { Change } from '../../../src/common/matters.ts';

export { CHANGE_KINDS, DECISION_BODIES, MATTER_ACTIONS, MATTER_STATES, RULE_NAMES };
export const LEAVE_REASONS = LeaveReasons;

/** The kinds in the order users think of them: structure, quotas, posts, people. */
export const CHANGE_KIND_ORDER: readonly ChangeKind[] = [
  'establish',
  'abolish',
  'merge',
  'rename',
  'rank',
  'plaque',
  'duty',
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

export const MATTER_STATE_COLORS: Record<MatterState, string> = {
  proposed: 'processing',
  assessed: 'cyan',
  decided: 'geekblue',
  implemented: 'success',
  returned: 'warning',
  rejected: 'error',
};

export type DecisionBody = (typeof DECISION_BODIES)[number];

export function ruleLabel(rule: string): string {
  return Object.hasOwn(RULE_NAMES, rule) ? RULE_NAMES[rule as RuleName] : rule;
}

type LeaveChange = Extract<Change, { kind: 'leave' }>;
export type LeaveReason = LeaveChange['reason'];

type PlanChange = Extract<Change, { kind: 'recruitmentPlan' }>;
export type PlanChannel = PlanChange['channel'];
export const PLAN_CHANNELS = ['考录', '招聘'] as const satisfies readonly PlanChannel[];

/** 周转池 quotas are always 事业编制 (domain.md §3). */
export const POOL_QUOTA_TYPE: QuotaType = '事业编制';
export const NO_LEADERSHIP: LeadershipLevel = '无';
