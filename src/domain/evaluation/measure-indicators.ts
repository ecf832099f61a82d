// The indicators the ledger measures, for every unit of a plan, with the rows behind them
// (docs/evaluation.md defines each): 超编进人 on the placement history, 超职数配备 and 编制使用率
// from the 基本情况 report's per-unit cells at the period's end, 机构限额, matters without 文号 or
// recorded late (the timeliness check), 实名制 differences (the latest comparisons), annual
// reports on time (registration) and 中小学编制保障率 (the standards engine). A unit a measure
// cannot speak for (no quota, no limit set, no list compared …) gets a note and is scored by hand.
import { COMPUTED_MEASURE_LABELS, type ComputedMeasure } from '../../common/evaluation.ts';
import { isOneOf } from '../../common/labels.ts';
import { DIFFERENCE_KINDS } from '../../common/reconciliation.ts';
import type { ComputedIndicator } from '../../common/wire-evaluation.ts';
import { todayInChina } from '../../context.ts';
import { listAnnualReports } from '../../db/repositories/annual-reports.ts';
import {
  latestDifferences,
  leadersOn,
  mattersDecidedIn,
  placementHistory,
  quotaRowsUpTo,
} from '../../db/repositories/evaluation-measures.ts';
import type { PlanRow } from '../../db/repositories/evaluation.ts';
import { findPlan, planUnitIds } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { listRegistrations } from '../../db/repositories/registration.ts';
import { unitsOn } from '../../db/repositories/reports.ts';
import { institutionLimitsOn } from '../../db/repositories/reform.ts';
import { subtreeUnitIds } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import { regionWithin } from '../../common/region-code.ts';
import type { Principal } from '../accounts/policies.ts';
import { unitsReferred } from '../matters/matter-access.ts';
import { parseChanges } from '../matters/snapshot.ts';
import { unitEntriesOn } from '../reports/compute-basic.ts';
import { computeStandards } from '../standards/compute-standards.ts';
import { timelinessOf } from '../timeliness/overdue.ts';
import { loadTimelinessSettings } from '../timeliness/settings.ts';
import { addDays, calendarOf } from '../timeliness/working-days.ts';
import {
  annualReportsOnTime,
  institutionLimitBreach,
  leaderPostsExceeded,
  matterRecordFaults,
  placementStints,
  quotaUseRatio,
  realNameDifferences,
} from './measure-rules.ts';
import { parseIndicators } from './plan-record.ts';
import { leavesOf, overQuotaEntries, schoolQuotaRatio, withoutPersonalNames } from './plan-rules.ts';

type Result = Pick<ComputedIndicator, 'measurement' | 'rows'>;
/** Measures one unit; null when the measure cannot speak for it (a note says why). */
type Measurer = (unitId: number) => Promise<Result | null> | Result | null;

interface Scope {
  db: Executor;
  plan: PlanRow;
  unitIds: number[];
  /** The period's end, or today while the period runs. */
  asOf: string;
  today: string;
  notes: string[];
  subtree: (unitId: number) => Promise<Set<number>>;
}

const deduction = (r: { occurrences: number; rows: ComputedIndicator['rows'] }): Result => ({
  measurement: { kind: 'deduction', occurrences: r.occurrences },
  rows: r.rows,
});

async function overQuota(s: Scope): Promise<Measurer> {
  const stints = placementStints(await placementHistory(s.db, s.unitIds));
  const quotas = await quotaRowsUpTo(s.db, s.unitIds, s.plan.periodTo);
  const period = { from: s.plan.periodFrom, to: s.plan.periodTo };
  return (unitId) => deduction(overQuotaEntries(stints, quotas, unitId, period));
}

async function cellsMeasure(s: Scope, measure: 'leaderPostsExceeded' | 'quotaUseRatio'): Promise<Measurer> {
  const entries = new Map(
    (await unitEntriesOn(s.db, [s.plan.regionCode], s.asOf)).map((e) => [e.unit.id, e.cells]),
  );
  const leaders = measure === 'leaderPostsExceeded' ? await leadersOn(s.db, s.unitIds, s.asOf) : [];
  return (unitId) => {
    const cells = entries.get(unitId);
    if (cells === undefined) return null;
    if (measure === 'leaderPostsExceeded')
      return deduction(
        leaderPostsExceeded(
          unitId,
          cells.posts,
          leaders.filter((l) => l.unitId === unitId),
        ),
      );
    const r = quotaUseRatio(unitId, cells.byType);
    return r && { measurement: { kind: 'ratio', percent: r.percent }, rows: r.rows };
  };
}

async function institutionLimit(s: Scope): Promise<Measurer> {
  const region = s.plan.regionCode;
  const limits = await institutionLimitsOn(s.db, region, s.asOf);
  const unitsAtEnd = await unitsOn(s.db, [region], s.asOf);
  const before = new Set((await unitsOn(s.db, [region], addDays(s.plan.periodFrom, -1))).map((u) => u.id));
  return async (unitId) => {
    const r = institutionLimitBreach({
      limits: limits.map((l) => ({ kind: l.kind, cap: l.cap, source: l.sourceDocument })),
      unitsAtEnd,
      existedBefore: before,
      subtree: await s.subtree(unitId),
      evaluatedUnitId: unitId,
    });
    return r && { measurement: { kind: 'veto', triggered: r.triggered }, rows: r.rows };
  };
}

async function matterFaults(s: Scope): Promise<Measurer> {
  const region = s.plan.regionCode;
  const matters = await mattersDecidedIn(s.db, region, { from: s.plan.periodFrom, to: s.plan.periodTo });
  const settings = await loadTimelinessSettings(s.db, region);
  const { overdue, late } = timelinessOf(
    matters.filter((m) => m.state === 'decided'),
    matters.filter((m) => m.state === 'implemented'),
    {
      workingDays: settings.workingDays,
      calendar: calendarOf(settings.holidays, settings.extraWorkdays),
      today: s.today,
    },
  );
  const lateOf = new Map<number, { daysLate: number; implemented: boolean }>([
    ...overdue.map((i) => [i.matterId, { daysLate: i.daysLate, implemented: false }] as const),
    ...late.map((i) => [i.matterId, { daysLate: i.daysLate, implemented: true }] as const),
  ]);
  const referred = matters.map((m) => ({ m, units: unitsReferred(parseChanges(m.changes)) }));
  return async (unitId) => {
    const subtree = await s.subtree(unitId);
    const own = referred.filter((r) => r.units.some((u) => subtree.has(u))).map((r) => r.m);
    return deduction(matterRecordFaults(own, lateOf));
  };
}

async function realName(s: Scope): Promise<Measurer> {
  const { sources, items } = await latestDifferences(s.db, s.plan.regionCode, s.asOf);
  if (sources.length === 0) {
    s.notes.push(`${s.asOf}前未与组织、人社、财政名单比对，实名制信息一致性未测算，须人工评分`);
    return () => null;
  }
  return (unitId) =>
    deduction(
      realNameDifferences(
        items.flatMap((i) =>
          i.ledgerUnitId === unitId && isOneOf(DIFFERENCE_KINDS, i.kind) ? [{ ...i, kind: i.kind }] : [],
        ),
      ),
    );
}

async function annualReports(s: Scope): Promise<Measurer> {
  // The reports filed in the plan's year: those on the year before.
  const year = s.plan.year - 1;
  const region = [s.plan.regionCode];
  const reports = new Map(
    (await listAnnualReports(s.db, { regionCodes: region, year })).map((r) => [r.registrationId, r]),
  );
  return async (unitId) => {
    const registrations = await listRegistrations(s.db, {
      regionCodes: region,
      unitIds: [...(await s.subtree(unitId))],
    });
    const r = annualReportsOnTime(
      registrations.map((g) => ({
        registrationId: g.id,
        name: g.name,
        registeredOn: g.registeredOn,
        cancelledOn: g.cancelledOn,
        report: reports.get(g.id) ?? null,
      })),
      year,
    );
    return r && { measurement: { kind: 'ratio', percent: r.percent }, rows: r.rows };
  };
}

async function schools(s: Scope): Promise<Measurer> {
  const result = await computeStandards(s.db, {
    regionCode: s.plan.regionCode,
    year: s.plan.year,
    today: s.today,
  });
  const kind = result.kinds.find((k) => k.key === 'school');
  if (!kind?.applied) {
    s.notes.push(`${s.plan.year}年无有效的中小学编制标准，中小学编制保障率未测算，须人工评分`);
    return () => null;
  }
  const all = kind.rows.map((r) => ({
    unitId: r.unitId,
    name: r.name,
    requirement: r.requirement,
    approved: r.approved,
  }));
  return async (unitId) => {
    const subtree = await s.subtree(unitId);
    const own = all.filter((x) => subtree.has(x.unitId));
    const r = schoolQuotaRatio(own.length > 0 ? own : all);
    return { measurement: { kind: 'ratio', percent: r.percent }, rows: r.rows };
  };
}

const MEASURERS: Record<ComputedMeasure, (s: Scope) => Promise<Measurer>> = {
  overQuotaEntries: overQuota,
  leaderPostsExceeded: (s) => cellsMeasure(s, 'leaderPostsExceeded'),
  institutionLimit,
  matterRecordFaults: matterFaults,
  schoolQuotaRatio: schools,
  quotaUseRatio: (s) => cellsMeasure(s, 'quotaUseRatio'),
  realNameDifferences: realName,
  annualReportsOnTime: annualReports,
};

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

  const subtrees = new Map<number, Set<number>>();
  const scope: Scope = {
    db,
    plan,
    unitIds,
    asOf: plan.periodTo < today ? plan.periodTo : today,
    today,
    notes,
    subtree: async (unitId) => {
      const known = subtrees.get(unitId);
      if (known) return known;
      const ids = new Set(await subtreeUnitIds(db, unitId));
      subtrees.set(unitId, ids);
      return ids;
    },
  };
  const measurers = new Map<ComputedMeasure, Measurer>();
  for (const leaf of leaves)
    if (leaf.measure !== undefined && !measurers.has(leaf.measure))
      measurers.set(leaf.measure, await MEASURERS[leaf.measure](scope));

  const unmeasured = new Map<ComputedMeasure, number>();
  for (const unitId of unitIds) {
    for (const leaf of leaves) {
      const measurer = leaf.measure === undefined ? undefined : measurers.get(leaf.measure);
      if (leaf.measure === undefined || measurer === undefined) continue;
      const r = await measurer(unitId);
      if (r === null) unmeasured.set(leaf.measure, (unmeasured.get(leaf.measure) ?? 0) + 1);
      else computed.push({ unitId, code: leaf.code, measure: leaf.measure, ...r });
    }
  }
  for (const [measure, n] of unmeasured)
    if (measure !== 'schoolQuotaRatio' && measure !== 'realNameDifferences')
      notes.push(`${COMPUTED_MEASURE_LABELS[measure]}：${n} 个单位无可测算的数据，须人工评分`);
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
  const measured = await measurePlan(db, plan, opts.today);
  // An evaluator of another county (交叉互评) reads the figures, not the staff behind them.
  return regionWithin(plan.regionCode, opts.principal.regionCode)
    ? measured
    : { ...measured, computed: withoutPersonalNames(measured.computed) };
}
