// Reads a stored plan back into its wire shape (shared by the evaluation use cases).
import { EVALUATION_TYPES, type EvaluationType } from '../../common/evaluation.ts';
import { IndicatorSystemInput, StageWeights, type EvaluationPlan } from '../../common/wire-evaluation.ts';
import { todayInChina } from '../../context.ts';
import type { PlanRow } from '../../db/repositories/evaluation.ts';
import { planUnitIds } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';

const typeOf = (v: string): EvaluationType => EVALUATION_TYPES.find((t) => t === v) ?? 'execution';

export function parseIndicators(json: string): IndicatorSystemInput {
  const parsed = IndicatorSystemInput.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error('评估方案的指标体系记录损坏');
  return parsed.data;
}

/** The plan's stage weights, or null when the latest stage counts. */
export function parseStageWeights(json: string | null): StageWeights | null {
  if (json === null) return null;
  const parsed = StageWeights.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error('评估方案的阶段权重记录损坏');
  return parsed.data;
}

export async function planRecord(db: Executor, row: PlanRow): Promise<EvaluationPlan> {
  const ids = await planUnitIds(db, row.id);
  const today = todayInChina();
  const names = await unitNamesAsOf(db, ids, row.periodTo < today ? row.periodTo : today);
  return {
    id: row.id,
    regionCode: row.regionCode,
    year: row.year,
    type: typeOf(row.type),
    title: row.title,
    leadingGroup: row.leadingGroup,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    selfFrom: row.selfFrom,
    selfTo: row.selfTo,
    onsiteFrom: row.onsiteFrom,
    onsiteTo: row.onsiteTo,
    crossFrom: row.crossFrom,
    crossTo: row.crossTo,
    stageWeights: parseStageWeights(row.stageWeights),
    units: ids.map((id) => ({ id, name: names.get(id)?.name ?? `机构 ${id}` })),
    indicators: parseIndicators(row.indicators),
    updatedAt: row.updatedAt,
  };
}
