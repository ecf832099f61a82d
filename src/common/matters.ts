// Staffing matters (机构编制事项, domain.md §9): the kinds of change a matter carries, their
// payloads as zod schemas (shared by server and web), and the steps of the procedure.
import { z } from 'zod';
import { LeaveReasons, RULE_NAMES, type RuleName } from './matter-labels.ts';
import {
  AFFILIATIONS,
  ENTRY_CHANNELS,
  FUNDING_FORMS,
  INSTITUTION_TYPES,
  LEADERSHIP_LEVELS,
  POST_LEVELS,
  QUOTA_TYPES,
  SECTORS,
  UNIT_CATEGORIES,
  UNIT_RANKS,
} from './labels.ts';

const UnitId = z.number().int().positive();
/**
 * A unit a change names: a unit of the ledger by its id, or — negative — the unit that the n-th
 * 设立 (establish) earlier in the same change list creates (-1 the first, -2 the second …), so
 * one plan or matter can set a unit up and give it quota, people, 职数 and 职责 (docs/reform.md).
 */
const UnitRef = z
  .number()
  .int()
  .min(-500)
  .refine((n) => n !== 0, '机构无效');
const Count = z.number().int().min(1, '数量至少为 1').max(100_000);

export const Change = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('establish'),
    code: z.string().min(1).max(40),
    name: z.string().min(2).max(100),
    category: z.enum(UNIT_CATEGORIES),
    parentUnitId: UnitRef.nullable(),
    rank: z.enum(UNIT_RANKS).nullable(),
    affiliation: z.enum(AFFILIATIONS).nullable(),
    countsTowardDirectLimit: z.boolean().nullable(),
    funding: z.enum(FUNDING_FORMS).nullable(),
    type: z.enum(INSTITUTION_TYPES).nullable(),
    sector: z.enum(SECTORS).nullable(),
  }),
  z.object({ kind: z.literal('abolish'), unitId: UnitRef }),
  z.object({ kind: z.literal('merge'), unitIds: z.array(UnitRef).min(1).max(200), intoUnitId: UnitRef }),
  z.object({ kind: z.literal('rename'), unitId: UnitRef, name: z.string().min(2).max(100) }),
  z.object({ kind: z.literal('rank'), unitId: UnitRef, rank: z.enum(UNIT_RANKS) }),
  z.object({ kind: z.literal('plaque'), unitId: UnitRef, name: z.string().min(2).max(100) }),
  z.object({ kind: z.literal('quotaAdd'), unitId: UnitRef, quotaType: z.enum(QUOTA_TYPES), amount: Count }),
  z.object({
    kind: z.literal('quotaReduce'),
    unitId: UnitRef,
    quotaType: z.enum(QUOTA_TYPES),
    amount: Count,
  }),
  z.object({
    kind: z.literal('transfer'),
    quotaType: z.enum(QUOTA_TYPES),
    /** Units giving (negative) and receiving (positive): 增减平衡 requires a zero sum. 减上补下 = from departments to townships. */
    lines: z
      .array(
        z.object({
          unitId: UnitRef,
          delta: z
            .number()
            .int()
            .min(-100_000)
            .max(100_000)
            .refine((d) => d !== 0, '调剂数不能为 0'),
        }),
      )
      .min(2, '调剂至少涉及调出、调入两个单位')
      .max(500),
  }),
  z.object({ kind: z.literal('poolBorrow'), unitId: UnitRef, amount: Count }),
  z.object({ kind: z.literal('poolReturn'), unitId: UnitRef, amount: Count }),
  z.object({
    kind: z.literal('posts'),
    unitId: UnitRef,
    level: z.enum(POST_LEVELS),
    approved: z.number().int().min(0).max(100),
  }),
  z.object({
    kind: z.literal('recruitmentPlan'),
    unitId: UnitId,
    quotaType: z.enum(QUOTA_TYPES),
    places: Count,
    channel: z.enum(['考录', '招聘']),
    /** Of the places, those for 公费师范生 (free normal-school graduates). */
    freeNormalStudents: z.number().int().min(0).max(100_000).default(0),
  }),
  z.object({
    kind: z.literal('enter'),
    /** An existing person (e.g. 待入编), or a new one by 身份证号 and name. */
    personId: UnitId.nullable(),
    /** Typed in by the user; the server seals it (`sealed:…`), never the client. */
    idNumber: z
      .string()
      .max(32)
      .refine((v) => !v.startsWith('sealed:'), '身份证号无效')
      .nullable(),
    name: z.string().max(50).nullable(),
    unitId: UnitRef,
    quotaType: z.enum(QUOTA_TYPES),
    channel: z.enum(ENTRY_CHANNELS),
    leadershipLevel: z.enum(LEADERSHIP_LEVELS).default('无'),
    /** The recruitment plan whose place this entry uses, if any. */
    planMatterId: UnitId.nullable().default(null),
  }),
  z.object({ kind: z.literal('leave'), personId: UnitId, reason: z.enum(LeaveReasons) }),
  z.object({
    kind: z.literal('duty'),
    /** 职责划转: the responsibility (text of 职责任务) moves from one unit to another. */
    fromUnitId: UnitRef,
    toUnitId: UnitRef,
    duty: z.string().trim().min(2, '请填写划转的职责').max(2000),
  }),
]);
export type Change = z.infer<typeof Change>;

export const RuleResult = z.object({
  rule: z.enum(Object.keys(RULE_NAMES) as [RuleName, ...RuleName[]]),
  ok: z.boolean(),
  /** Whether a recorded exception lets the matter go on although the rule fails. */
  waived: z.boolean(),
  /** e.g. "永宁县统计局 行政编制：核定 5，实施后实有 6，超编 1 名". */
  message: z.string(),
  unitId: z.number().nullable(),
  /** By how much the rule is broken (0 when it holds). */
  excess: z.number(),
});
export type RuleResult = z.infer<typeof RuleResult>;

export {
  CHANGE_KINDS,
  DECISION_BODIES,
  LeaveReasons,
  MATTER_ACTIONS,
  MATTER_STATES,
  RULE_NAMES,
  type ChangeKind,
  type MatterAction,
  type MatterState,
  type RuleName,
} from './matter-labels.ts';
