// The indicators the ledger measures, for every unit of a plan, with the rows behind them:
// 超编进人 (placements entered in the plan's period while the unit was at or over its quota of
// that type) and 中小学编制保障率 (from the standards engine for the plan's year: the schools
// in the evaluated unit's subtree, or, for a unit with none, all the county's schools).
import type { ComputedIndicator } from '../../common/wire-evaluation.ts';
import { todayInChina } from '../../context.ts';
import type { PlanRow } from '../../db/repositories/evaluation.ts';
import {
  establishmentPlacements,
  findPlan,
  planUnitIds,
  quotaRowsUpTo,
} from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { subtreeUnitIds } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { computeStandards } from '../standards/compute-standards.ts';
import { parseIndicators } from './plan-record.ts';
import { leavesOf, overQuotaEntries, schoolQuotaRatio } from './plan-rules.ts';

/** Computes the plan's measured indicators (no authorization: the callers check). */
export async function measurePlan(
  db: Executor,
  plan: PlanRow,
  today: string = todayInChina(),
): Promise<{ computed: ComputedIndicator[]; notes: string[] }> {
  const leaves = leavesOf(parseIndicators(plan.indicators).indicators).filter((l) => l.measure !== undefined);
  const unitIds = await planUnitIds(db, plan.id);
  const computed: ComputedIndicator[] = [];
  const notes: string[] = [];
  if (leaves.length === 0 || unitIds.length === 0) return { computed, notes };

  const needs = (m: string) => leaves.some((l) => l.measure === m);
  const placements = needs('overQuotaEntries') ? await establishmentPlacements(db, unitIds) : [];
  const quotas = needs('overQuotaEntries') ? await quotaRowsUpTo(db, unitIds, plan.periodTo) : [];
  let schools: { unitId: number; name: string; requirement: number; approved: number }[] | null = null;
  if (needs('schoolQuotaRatio')) {
    const result = await computeStandards(db, { regionCode: plan.regionCode, year: plan.year, today });
    const kind = result.kinds.find((k) => k.key === 'school');
    if (kind?.applied) {
      schools = kind.rows.map((r) => ({
        unitId: r.unitId,
        name: r.name,
        requirement: r.requirement,
        approved: r.approved,
      }));
    } else {
      notes.push(`${plan.year}年无有效的中小学编制标准，中小学编制保障率未测算，须人工评分`);
    }
  }

  for (const unitId of unitIds) {
    for (const leaf of leaves) {
      if (leaf.measure === 'overQuotaEntries') {
        const r = overQuotaEntries(placements, quotas, unitId, { from: plan.periodFrom, to: plan.periodTo });
        computed.push({
          unitId,
          code: leaf.code,
          measure: leaf.measure,
          measurement: { kind: 'deduction', occurrences: r.occurrences },
          rows: r.rows,
        });
      } else if (leaf.measure === 'schoolQuotaRatio' && schools !== null) {
        const subtree = new Set(await subtreeUnitIds(db, unitId));
        const own = schools.filter((s) => subtree.has(s.unitId));
        const r = schoolQuotaRatio(own.length > 0 ? own : schools);
        computed.push({
          unitId,
          code: leaf.code,
          measure: leaf.measure,
          measurement: { kind: 'ratio', percent: r.percent },
          rows: r.rows,
        });
      }
    }
  }
  return { computed, notes };
}

/** The measured indicators of a plan, for the office and the county's readers. */
export async function measureEvaluationIndicators(
  db: Executor,
  opts: { principal: Principal; planId: number; today?: string },
): Promise<{ computed: ComputedIndicator[]; notes: string[] }> {
  const plan = await findPlan(db, opts.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(db, opts.principal, 'evaluation.results', {
    region: plan.regionCode,
    wholeRegion: true,
    evaluationPlan: plan.id,
  });
  return measurePlan(db, plan, opts.today);
}
