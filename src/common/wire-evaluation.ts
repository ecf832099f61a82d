// Wire shapes of 评估问效: plans with their indicator systems, stage scores and results. Shared
// by the server and the web (the web imports the types only).
import { z } from 'zod';
import { DateString } from './dates.ts';
import {
  COMPUTED_MEASURES,
  EVALUATION_STAGES,
  EVALUATION_TYPES,
  GRADES,
  INDICATOR_CATEGORIES,
  type ComputedMeasure,
  type CrossGrantState,
  type EvaluationStage,
  type EvaluationType,
  type Grade,
  type IndicatorCategory,
  type ScoreSource,
} from './evaluation.ts';
import { RegionCode } from './wire.ts';

const Text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}至多 ${max} 字`);
const Points = z.number().min(0, '分值不能为负').max(1000);

const ScoringRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deduction'), perOccurrence: Points, floor: Points }),
  z.object({ kind: z.literal('ratio'), target: Points, perPercent: Points, floor: Points }),
  z.object({ kind: z.literal('veto'), cap: z.enum(GRADES) }),
  z.object({ kind: z.literal('manual') }),
]);
export type ScoringRuleInput = z.infer<typeof ScoringRule>;

/** An indicator of a plan: rules.ts Indicator plus, for a leaf, what the ledger measures. */
export interface PlanIndicator {
  code: string;
  name: string;
  category: IndicatorCategory;
  points: number;
  weight?: number | undefined;
  rule?: ScoringRuleInput | undefined;
  /** Computed from the ledger when set (the rows behind it are shown). */
  measure?: ComputedMeasure | undefined;
  children?: PlanIndicator[] | undefined;
}

export const PlanIndicator: z.ZodType<PlanIndicator> = z.lazy(() =>
  z.object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]{1,20}$/, '指标编号应为 1—20 位字母、数字'),
    name: Text('指标名称', 100),
    category: z.enum(INDICATOR_CATEGORIES),
    points: Points,
    weight: Points.optional(),
    rule: ScoringRule.optional(),
    measure: z.enum(COMPUTED_MEASURES).optional(),
    children: z.array(PlanIndicator).max(50).optional(),
  }),
);

export const IndicatorSystemInput = z.object({
  indicators: z.array(PlanIndicator).min(1, '至少设一项指标').max(50),
  thresholds: z.object({
    excellent: z.number().min(0).max(1),
    good: z.number().min(0).max(1),
    pass: z.number().min(0).max(1),
  }),
});
export type IndicatorSystemInput = z.infer<typeof IndicatorSystemInput>;

/**
 * How the final score combines the stages: each stage's total (its own scores, a leaf it did not
 * score taken from the stage before it) weighted; null: the latest stage's scores count
 * (交叉互评 over 实地评估 over 测算 over 自评).
 */
export const StageWeights = z
  .object({
    self: z.number().min(0).max(100),
    onsite: z.number().min(0).max(100),
    cross: z.number().min(0).max(100),
  })
  .refine((w) => w.self + w.onsite + w.cross > 0, '各阶段权重之和应大于 0');
export type StageWeights = z.infer<typeof StageWeights>;

export const PlanInput = z.object({
  year: z.number().int().min(2000).max(2100),
  type: z.enum(EVALUATION_TYPES),
  title: Text('方案名称', 200),
  /** One member a line, e.g. "张三（组长，编办主任）". */
  leadingGroup: z.string().trim().max(2000, '领导小组至多 2000 字'),
  periodFrom: DateString,
  periodTo: DateString,
  selfFrom: DateString,
  selfTo: DateString,
  onsiteFrom: DateString,
  onsiteTo: DateString,
  crossFrom: DateString.nullable(),
  crossTo: DateString.nullable(),
  /** Left out or null: the latest stage counts. */
  stageWeights: StageWeights.nullable().optional(),
  unitIds: z.array(z.number().int().positive()).min(1, '请选择被评估单位').max(500),
  /** Left out: the default template of 共性 indicators. */
  indicators: IndicatorSystemInput.optional(),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const CreatePlanBody = PlanInput.extend({ region: RegionCode });
export type CreatePlanBody = z.infer<typeof CreatePlanBody>;

export interface EvaluationPlan {
  id: number;
  regionCode: string;
  year: number;
  type: EvaluationType;
  title: string;
  leadingGroup: string;
  periodFrom: string;
  periodTo: string;
  selfFrom: string;
  selfTo: string;
  onsiteFrom: string;
  onsiteTo: string;
  crossFrom: string | null;
  crossTo: string | null;
  stageWeights: StageWeights | null;
  units: { id: number; name: string }[];
  indicators: IndicatorSystemInput;
  updatedAt: string;
}

export interface EvaluationPlanSummary {
  id: number;
  regionCode: string;
  year: number;
  type: EvaluationType;
  title: string;
  units: number;
}

export const MeasurementInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deduction'), occurrences: z.number().int().min(0).max(100_000) }),
  z.object({ kind: z.literal('ratio'), percent: z.number().min(0).max(1000) }),
  z.object({ kind: z.literal('veto'), triggered: z.boolean() }),
  z.object({
    kind: z.literal('manual'),
    score: z.number().min(0).max(1000),
    evidence: z.string().max(2000, '依据至多 2000 字'),
  }),
]);
export type MeasurementInput = z.infer<typeof MeasurementInput>;

export const UnitScoresBody = z.object({
  unitId: z.number().int().positive(),
  scores: z
    .array(z.object({ code: z.string().trim().min(1).max(20), measurement: MeasurementInput }))
    .min(1, '请至少评一项指标')
    .max(500),
});
export type UnitScoresBody = z.infer<typeof UnitScoresBody>;

export const StageScoresBody = UnitScoresBody.extend({ stage: z.enum(EVALUATION_STAGES) });
export type StageScoresBody = z.infer<typeof StageScoresBody>;

export const PlanListQuery = z.object({ region: RegionCode });

/** The saved scores of one unit at one stage (read back into the stage's form). */
/** One unit's saved scores at one stage (GET …/unit-scores), read back into the stage's form. */
export const UnitStageScoresQuery = z.object({
  stage: z.enum(EVALUATION_STAGES),
  unit: z.coerce.number().int().positive(),
});
export type UnitStageScoresQuery = z.infer<typeof UnitStageScoresQuery>;

export interface StageScore {
  unitId: number;
  stage: EvaluationStage;
  code: string;
  measurement: MeasurementInput;
  score: number;
  evidence: string;
  scoredAt: string;
}

/** One row behind a computed indicator. */
export interface MeasureRow {
  /** What the row is, in the user's words. */
  text: string;
  /** The ledger row behind it (a placement, unit, matter, reconciliation difference or registration). */
  ref: {
    table: 'placements' | 'units' | 'matters' | 'reconciliation_items' | 'registrations';
    id: number;
  };
}

export interface ComputedIndicator {
  unitId: number;
  code: string;
  measure: ComputedMeasure;
  measurement: MeasurementInput;
  rows: MeasureRow[];
}

export interface FinalLeaf {
  code: string;
  points: number;
  score: number;
  explanation: string;
  vetoed: boolean;
  /** Where the measurement came from (with stage weights: in the last weighted stage). */
  source: ScoreSource;
}

export interface FinalUnit {
  unitId: number;
  unitName: string;
  rank: number;
  total: number;
  totalPoints: number;
  grade: Grade;
  vetoes: string[];
  leaves: FinalLeaf[];
  branches: Record<string, number>;
  /** With stage weights: each weighted stage's total, which the final total combines. */
  stages?: { stage: EvaluationStage; weight: number; total: number }[];
}

export interface EvaluationResult {
  planId: number;
  title: string;
  ranking: FinalUnit[];
  /** How the stages were combined (null: the latest stage counts); always set by the server. */
  stageWeights?: StageWeights | null;
  /** Units not yet fully scored: the indicators still missing. */
  incomplete: { unitId: number; unitName: string; missing: string[] }[];
  computed: ComputedIndicator[];
}

/** Names a user of another county as 交叉互评 evaluator of a plan. */
export const CrossEvaluatorBody = z.object({ userId: z.number().int().positive() });
export type CrossEvaluatorBody = z.infer<typeof CrossEvaluatorBody>;

export const CrossEvaluatorParams = z.object({
  id: z.coerce.number().int().positive(),
  userId: z.coerce.number().int().positive(),
});

/** A plan's 交叉互评 evaluator, for the evaluated county's office. */
export interface CrossEvaluator {
  grantId: number;
  userId: number;
  username: string;
  displayName: string;
  regionCode: string;
  /** The evaluator's county with its city and province, e.g. "宁夏回族自治区 银川市 贺兰县". */
  regionName: string;
  grantedAt: string;
  revokedAt: string | null;
  /** The end of the 交叉互评 stage: access ends after this day. */
  validUntil: string | null;
  state: CrossGrantState;
}

/** A plan the signed-in user may evaluate as 交叉互评 evaluator (their grants in force). */
export interface CrossGrantSummary {
  grantId: number;
  planId: number;
  title: string;
  regionCode: string;
  /** The evaluated county with its city and province. */
  regionName: string;
  crossFrom: string;
  crossTo: string;
  units: { id: number; name: string }[];
}

export const StageScoresQuery = z.object({ unitId: z.coerce.number().int().positive().optional() });
