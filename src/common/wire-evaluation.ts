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
  type EvaluationStage,
  type EvaluationType,
  type Grade,
  type IndicatorCategory,
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
export const StageScoresQuery = z.object({
  stage: z.enum(EVALUATION_STAGES),
  unit: z.coerce.number().int().positive(),
});
export type StageScoresQuery = z.infer<typeof StageScoresQuery>;

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
  /** The ledger row: a placement id, or a school unit id. */
  ref: { table: 'placements' | 'units'; id: number };
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
  /** Where the measurement came from. */
  source: 'onsite' | 'computed' | 'self';
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
}

export interface EvaluationResult {
  planId: number;
  title: string;
  ranking: FinalUnit[];
  /** Units not yet fully scored: the indicators still missing. */
  incomplete: { unitId: number; unitName: string; missing: string[] }[];
  computed: ComputedIndicator[];
}
