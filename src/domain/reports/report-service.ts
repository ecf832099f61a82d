// The heavy report computations, by name, so that they can run in-process (PostgreSQL) or
// in a worker thread with its own connection (SQLite, whose driver is synchronous).
import type { CountiesResponse, HistoryResponse } from '../../common/wire-reports.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { earliestRecordYear } from '../../db/repositories/reports.ts';
import { computeBasic, type BasicComputation } from './compute-basic.ts';
import {
  basicSummariesFor,
  basicSummaryFor,
  buildWindowsFor,
  type BasicSummary,
  type StoreLater,
} from './basic-summary.ts';
import { computeBasicFor } from './get-basic-report.ts';
import { reportScope } from './report-scope.ts';
import { countiesWithin } from '../../common/region-scope.ts';

/** The history chart covers at most this many years back. */
const HISTORY_YEARS = 20;

export async function countiesSideBySide(
  db: Executor,
  opts: { regionCode: string; asOf: string },
): Promise<CountiesResponse> {
  const scope = await reportScope(db, opts.regionCode);
  const all = new Map(scope.counties.map((c) => [c.code, c.name]));
  for (const c of countiesWithin(opts.regionCode)) if (!all.has(c.code)) all.set(c.code, c.name);
  const counties: CountiesResponse['counties'] = [];
  const total: Record<string, number> = {};
  for (const [code, name] of [...all].sort(([a], [b]) => a.localeCompare(b))) {
    const county = { code, name };
    const c = await computeBasic(db, {
      regionCodes: [code],
      regionCode: code,
      regionName: name,
      cityName: scope.cityName,
      counties: [county],
      asOf: opts.asOf,
    });
    for (const f of c.report.figures) total[f.key] = (total[f.key] ?? 0) + f.value;
    counties.push({
      ...county,
      hasData: c.units.length > 0,
      figures: Object.fromEntries(c.report.figures.map((f) => [f.key, f.value])),
    });
  }
  return { regionCode: scope.regionCode, regionName: scope.regionName, asOf: opts.asOf, counties, total };
}

/**
 * The totals at each year's end (this year: today) since the first record, at most 20 years: the
 * 基本情况 report of each date through the aggregate cache (basicSummariesFor), so that a repeated
 * history reads twenty stored rows instead of computing twenty reports.
 */
export async function historyOf(
  db: Executor,
  opts: { regionCode: string; today: string; storeIn?: Executor },
): Promise<HistoryResponse> {
  const scope = await reportScope(db, opts.regionCode);
  const codes = scope.counties.map((c) => c.code);
  const thisYear = Number(opts.today.slice(0, 4));
  const first = Math.max((await earliestRecordYear(db, codes)) ?? thisYear, thisYear - HISTORY_YEARS + 1);
  const years = Array.from({ length: thisYear - first + 1 }, (_, i) => first + i);
  const dates = years.map((year) => (year === thisYear ? opts.today : `${year}-12-31`));
  const summaries = await basicSummariesFor(db, {
    regionCode: opts.regionCode,
    dates,
    storeIn: opts.storeIn,
  });
  return {
    regionCode: scope.regionCode,
    years: summaries.map((c, i) => {
      const v = (key: string) => c.report.figures.find((f) => f.key === key)?.value ?? 0;
      return {
        year: years[i] ?? thisYear,
        asOf: c.report.asOf,
        adminQuota: v('adminQuota'),
        institutionQuota: v('institutionQuota'),
        contractQuota: v('contractQuota'),
        quotaTotal: v('quotaTotal'),
        totalActual: v('totalActual'),
      };
    }),
  };
}

export interface ReportJobs {
  /** The report's figures and findings (through the aggregate cache). */
  summary(args: { regionCode: string; asOf: string }): Promise<BasicSummary>;
  /** The report computed directly with every unit's cells (drill-down, per-unit exports). */
  basic(args: { regionCode: string; asOf: string }): Promise<BasicComputation>;
  counties(args: { regionCode: string; asOf: string }): Promise<CountiesResponse>;
  history(args: { regionCode: string; today: string }): Promise<HistoryResponse>;
  /** Stores the head-count changes day by day of the region's counties between two checkpoints (report-windows.ts). */
  window(args: { regionCode: string; lo: string; hi: string }): Promise<void>;
}

/**
 * `storeAggregatesIn`: where fresh report aggregates are stored when `db` is read-only (the
 * standby's primary); `storeLater`: the single-date report's fresh rows stored after it is answered.
 */
export function inProcessJobs(
  db: Executor,
  opts: { storeAggregatesIn?: Executor; storeLater?: StoreLater } = {},
): ReportJobs {
  return {
    summary: (a) =>
      basicSummaryFor(db, { ...a, storeIn: opts.storeAggregatesIn, storeLater: opts.storeLater }),
    basic: (a) => computeBasicFor(db, a),
    counties: (a) => countiesSideBySide(db, a),
    history: (a) => historyOf(db, { ...a, storeIn: opts.storeAggregatesIn }),
    window: (a) => buildWindowsFor(db, { ...a, storeIn: opts.storeAggregatesIn }),
  };
}
