// The plan form: its values (dates as typed, grade thresholds in percent, the indicator tree as
// edited), a blank form for a new plan, a saved plan as form values, and the form turned into
// the body of POST/PUT /api/evaluation/plans. The server checks dates and tree when it saves.
// The stage weights travel with every save: a PUT without them resets them to none.
import type { EvaluationType } from '../../../../src/common/evaluation.ts';
import type { CreatePlanBody, EvaluationPlan, StageWeights } from '../../api/evaluation.ts';
import { fromPlanIndicators, toPlanIndicators, type DraftIndicator } from './indicatorTree.ts';

export interface PlanFormValues {
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
  crossFrom: string;
  crossTo: string;
  unitIds: number[];
  /** Grade thresholds in percent of the full score. */
  excellent: number;
  good: number;
  pass: number;
  /** 阶段权重: false — the latest stage's scores count; true — the three weights below. */
  weighted: boolean;
  weightSelf: number;
  weightOnsite: number;
  weightCross: number;
}

/** The weights a form offers when the office turns weighting on and the plan had none. */
export const DEFAULT_STAGE_WEIGHTS: StageWeights = { self: 20, onsite: 50, cross: 30 };

/** The form of a new plan for a year: the year as 测算期间, thresholds 90/80/60. */
export function blankPlanForm(year: number): PlanFormValues {
  return {
    year,
    type: 'execution',
    title: `${String(year)}年度机构编制执行情况评估`,
    leadingGroup: '',
    periodFrom: `${String(year)}-01-01`,
    periodTo: `${String(year)}-12-31`,
    selfFrom: '',
    selfTo: '',
    onsiteFrom: '',
    onsiteTo: '',
    crossFrom: '',
    crossTo: '',
    unitIds: [],
    excellent: 90,
    good: 80,
    pass: 60,
    ...weightFields(null),
  };
}

function weightFields(
  w: StageWeights | null,
): Pick<PlanFormValues, 'weighted' | 'weightSelf' | 'weightOnsite' | 'weightCross'> {
  const shown = w ?? DEFAULT_STAGE_WEIGHTS;
  return {
    weighted: w !== null,
    weightSelf: shown.self,
    weightOnsite: shown.onsite,
    weightCross: shown.cross,
  };
}

/** A saved plan as form values and its editable tree. */
export function planToForm(plan: EvaluationPlan): { values: PlanFormValues; tree: DraftIndicator[] } {
  const t = plan.indicators.thresholds;
  return {
    values: {
      year: plan.year,
      type: plan.type,
      title: plan.title,
      leadingGroup: plan.leadingGroup,
      periodFrom: plan.periodFrom,
      periodTo: plan.periodTo,
      selfFrom: plan.selfFrom,
      selfTo: plan.selfTo,
      onsiteFrom: plan.onsiteFrom,
      onsiteTo: plan.onsiteTo,
      crossFrom: plan.crossFrom ?? '',
      crossTo: plan.crossTo ?? '',
      unitIds: plan.units.map((u) => u.id),
      excellent: percent(t.excellent),
      good: percent(t.good),
      pass: percent(t.pass),
      ...weightFields(plan.stageWeights),
    },
    tree: fromPlanIndicators(plan.indicators.indicators),
  };
}

const percent = (share: number): number => Math.round(share * 10000) / 100;
const share = (pct: number): number => Math.round(pct * 100) / 10000;
const optionalDate = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/**
 * The request body. An empty tree sends no indicator system: the server then applies its
 * default 共性 template.
 */
export function planBody(region: string, v: PlanFormValues, tree: readonly DraftIndicator[]): CreatePlanBody {
  return {
    region,
    year: v.year,
    type: v.type,
    title: v.title.trim(),
    leadingGroup: v.leadingGroup.trim(),
    periodFrom: v.periodFrom.trim(),
    periodTo: v.periodTo.trim(),
    selfFrom: v.selfFrom.trim(),
    selfTo: v.selfTo.trim(),
    onsiteFrom: v.onsiteFrom.trim(),
    onsiteTo: v.onsiteTo.trim(),
    crossFrom: optionalDate(v.crossFrom),
    crossTo: optionalDate(v.crossTo),
    stageWeights: v.weighted ? { self: v.weightSelf, onsite: v.weightOnsite, cross: v.weightCross } : null,
    unitIds: [...new Set(v.unitIds)],
    ...(tree.length === 0
      ? {}
      : {
          indicators: {
            indicators: toPlanIndicators(tree),
            thresholds: { excellent: share(v.excellent), good: share(v.good), pass: share(v.pass) },
          },
        }),
  };
}
