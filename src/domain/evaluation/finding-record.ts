// Reads stored findings into their wire shape (unit and indicator names, overdue on a day), and
// loads the plan a finding request names. Shared by the findings use cases and the documents.
import {
  FINDING_STATUSES,
  type EvaluationFinding,
  type FindingStatus,
} from '../../common/wire-evaluation-findings.ts';
import type { FindingRow } from '../../db/repositories/evaluation-findings.ts';
import type { PlanRow } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';
import { indicatorNames, isOverdue } from './finding-rules.ts';
import { parseIndicators } from './plan-record.ts';

export const statusOf = (v: string): FindingStatus => FINDING_STATUSES.find((s) => s === v) ?? 'open';

export async function findingRecords(
  db: Executor,
  plan: PlanRow,
  rows: readonly FindingRow[],
  today: string,
): Promise<EvaluationFinding[]> {
  const names = await unitNamesAsOf(
    db,
    [...new Set(rows.map((r) => r.unitId))],
    plan.periodTo < today ? plan.periodTo : today,
  );
  const indicators = indicatorNames(parseIndicators(plan.indicators).indicators);
  return rows.map((r) => {
    const status = statusOf(r.status);
    return {
      id: r.id,
      planId: r.planId,
      unitId: r.unitId,
      unitName: names.get(r.unitId)?.name ?? `机构 ${r.unitId}`,
      indicatorCode: r.indicatorCode,
      indicatorName: r.indicatorCode === null ? null : (indicators.get(r.indicatorCode) ?? null),
      finding: r.finding,
      measure: r.measure,
      deadline: r.deadline,
      responsible: r.responsible,
      status,
      progress: r.progress,
      doneOn: r.doneOn,
      overdue: isOverdue({ status, deadline: r.deadline }, today),
      updatedAt: r.updatedAt,
    };
  });
}
