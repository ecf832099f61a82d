// The HTTP wire of matters (机构编制事项).
import { z } from 'zod';
import {
  Change,
  DECISION_BODIES,
  MATTER_ACTIONS,
  MATTER_STATES,
  RuleResult,
  type MatterAction,
} from './matters.ts';
import { DateString, RegionCode } from './wire.ts';

const States = Object.keys(MATTER_STATES) as [keyof typeof MATTER_STATES, ...(keyof typeof MATTER_STATES)[]];
const Actions = Object.keys(MATTER_ACTIONS) as [MatterAction, ...MatterAction[]];

export const ProposeBody = z.object({
  region: RegionCode,
  title: z.string().min(2, '请填写事项名称').max(200),
  reasons: z.string().min(2, '请填写动议理由').max(5000),
  changes: z.array(Change).min(1, '事项至少包含一项变更').max(200),
});
export type ProposeBody = z.infer<typeof ProposeBody>;

export const MatterListQuery = z.object({
  region: RegionCode,
  view: z.enum(['mine', 'waiting', 'all']).default('all'),
  state: z.enum(States).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const MatterSummary = z.object({
  id: z.number(),
  regionCode: z.string(),
  title: z.string(),
  state: z.enum(States),
  stateLabel: z.string(),
  kinds: z.array(z.string()),
  proposerName: z.string(),
  docNo: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  updatedAt: z.string(),
  /** Whether it waits for something the current user can do. */
  waitingForMe: z.boolean(),
});
export type MatterSummary = z.infer<typeof MatterSummary>;
export const MatterList = z.object({ total: z.number(), items: z.array(MatterSummary) });
export type MatterList = z.infer<typeof MatterList>;

export const MatterStep = z.object({
  id: z.number(),
  action: z.enum(Actions),
  actionLabel: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  at: z.string(),
  comment: z.string(),
  ruleResults: z.array(RuleResult).nullable(),
});

export const MatterDetail = MatterSummary.extend({
  reasons: z.string(),
  /** The changes, with 身份证号 of new people masked. */
  changes: z.array(Change),
  /** Each change in words, e.g. "永宁县教育局 → 永宁县望洪镇：事业编制 2 名". */
  changeTexts: z.array(z.string()),
  exceptionReason: z.string().nullable(),
  decisionBody: z.string().nullable(),
  decidedOn: z.string().nullable(),
  steps: z.array(MatterStep),
  attachments: z.array(
    z.object({
      id: z.number(),
      fileName: z.string(),
      size: z.number(),
      sha256: z.string(),
      uploadedAt: z.string(),
    }),
  ),
  /** The actions the current user may take now (buttons to show). */
  actions: z.array(z.enum(Actions)),
  /** Whether the current user may add an attachment now (the 上传附件 button shows only then). */
  mayAttach: z.boolean(),
  /** The step the procedure waits for and who takes it (null once implemented or rejected). */
  nextStep: z.object({ action: z.enum(Actions), label: z.string(), who: z.string() }).nullable(),
});
export type MatterDetail = z.infer<typeof MatterDetail>;

export const CheckResponse = z.object({ results: z.array(RuleResult), blocking: z.number() });
export type CheckResponse = z.infer<typeof CheckResponse>;

export const AssessBody = z.object({
  comment: z.string().max(2000).default(''),
  exceptionReason: z.string().max(2000).nullable().default(null),
});
export const DecideBody = z.object({
  decisionBody: z.enum(DECISION_BODIES),
  docNo: z.string().min(2, '请填写批准文号').max(100),
  decidedOn: DateString,
  comment: z.string().max(2000).default(''),
});
export const ImplementBody = z.object({ effectiveOn: DateString, comment: z.string().max(2000).default('') });
export const ReasonBody = z.object({ reason: z.string().min(2, '请填写理由').max(2000) });
export const ResubmitBody = z.object({
  comment: z.string().max(2000).default(''),
  changes: z.array(Change).min(1).max(200).nullable().default(null),
});

export const WaitingCount = z.object({ waiting: z.number() });
