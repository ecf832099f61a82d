// Reads the part of the ledger the rules look at, on a date, into a LedgerSnapshot.
import type { Change } from '../../common/matters.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { controlTotalsOn, mattersInStates } from '../../db/repositories/matters.ts';
import { currentPlacementsOf } from '../../db/repositories/people.ts';
import { quotasOn } from '../../db/repositories/reports.ts';
import { unitIdsByCode } from '../../db/repositories/units.ts';
import { institutionLimitsOn, unitDetailsOn } from '../../db/repositories/reform.ts';
import { reportingType, REPORTING_TYPES, type ReportingType } from '../establishment/rules.ts';
import { unitEntriesOn } from '../reports/compute-basic.ts';
import type { LedgerSnapshot, SnapshotUnit } from './rules.ts';

export function parseChanges(json: string): Change[] {
  return JSON.parse(json) as Change[];
}

/** Places of approved plans (decided or implemented) less the 上编 implemented against them. */
async function planPlaces(db: Executor, regionCode: string): Promise<LedgerSnapshot['planPlaces']> {
  const plans = new Map<number, { unitId: number; type: ReportingType; open: number }>();
  const approved = await mattersInStates(db, regionCode, ['decided', 'implemented']);
  for (const m of approved) {
    for (const c of parseChanges(m.changes)) {
      if (c.kind === 'recruitmentPlan')
        plans.set(m.id, { unitId: c.unitId, type: reportingType(c.quotaType), open: c.places });
    }
  }
  for (const m of approved) {
    if (m.state !== 'implemented') continue;
    for (const c of parseChanges(m.changes)) {
      if (c.kind !== 'enter' || c.planMatterId === null) continue;
      const plan = plans.get(c.planMatterId);
      if (plan) plan.open -= 1;
    }
  }
  return plans;
}

export async function loadSnapshot(
  db: Executor,
  opts: { regionCode: string; date: string; changes: readonly Change[]; excludePlanOf?: number },
): Promise<LedgerSnapshot> {
  const [entries, quotas, controls, plans, codes, limitRows, details] = await Promise.all([
    unitEntriesOn(db, [opts.regionCode], opts.date),
    quotasOn(db, [opts.regionCode], opts.date),
    controlTotalsOn(db, opts.regionCode, opts.date),
    planPlaces(db, opts.regionCode),
    unitIdsByCode(db, [opts.regionCode]),
    institutionLimitsOn(db, opts.regionCode, opts.date),
    unitDetailsOn(db, opts.regionCode, opts.date),
  ]);
  const units = new Map<number, SnapshotUnit>();
  for (const { unit, cells } of entries) {
    units.set(unit.id, {
      id: unit.id,
      code: unit.code,
      name: unit.name,
      category: unit.category,
      affiliation: unit.affiliation,
      countsTowardDirectLimit: unit.countsTowardDirectLimit,
      byType: {
        行政编制: {
          approved: cells.byType['行政编制'].approved,
          actual: cells.byType['行政编制'].actual,
          pending: cells.byType['行政编制'].pending,
        },
        事业编制: {
          approved: cells.byType['事业编制'].approved,
          actual: cells.byType['事业编制'].actual,
          pending: cells.byType['事业编制'].pending,
        },
        聘用编制: {
          approved: cells.byType['聘用编制'].approved,
          actual: cells.byType['聘用编制'].actual,
          pending: cells.byType['聘用编制'].pending,
        },
      },
      posts: { 正科: { ...cells.posts['正科'] }, 副科: { ...cells.posts['副科'] } },
      poolBorrowed: 0,
      responsibilities: details.get(unit.id)?.responsibilities ?? null,
    });
  }
  const countyOwnApproved: Record<ReportingType, number> = { 行政编制: 0, 事业编制: 0, 聘用编制: 0 };
  for (const q of quotas) {
    if (q.source === '周转池') {
      const u = units.get(q.unitId);
      if (u) u.poolBorrowed += q.approved;
    } else if (units.has(q.unitId)) {
      countyOwnApproved[reportingType(q.quotaType)] += q.approved;
    }
  }
  const controlTotals: LedgerSnapshot['controlTotals'] = {};
  for (const t of REPORTING_TYPES) {
    const total = controls.get(t);
    if (total !== undefined) controlTotals[t] = total;
  }
  // A matter's own plan does not compete with itself when it is re-checked at 实施.
  if (opts.excludePlanOf !== undefined) plans.delete(opts.excludePlanOf);
  const openPlanPlaces = new Map<string, number>();
  for (const p of plans.values()) {
    const key = `${p.unitId}|${p.type}`;
    openPlanPlaces.set(key, (openPlanPlaces.get(key) ?? 0) + Math.max(0, p.open));
  }
  const personIds = opts.changes.flatMap((c) =>
    c.kind === 'leave' ? [c.personId] : c.kind === 'enter' && c.personId !== null ? [c.personId] : [],
  );
  const people = new Map(
    (await currentPlacementsOf(db, personIds)).map((p) => [
      p.personId,
      {
        id: p.personId,
        unitId: p.unitId,
        quotaType: p.quotaType,
        status: p.status,
        leadershipLevel: p.leadershipLevel,
      },
    ]),
  );
  return {
    units,
    codes: new Set([...codes.keys()].map((k) => k.split('/')[1] ?? k)),
    countyOwnApproved,
    controlTotals,
    openPlanPlaces,
    planPlaces: plans,
    people,
    limits: Object.fromEntries(limitRows.map((l) => [l.kind, { cap: l.cap, source: l.sourceDocument }])),
  };
}
