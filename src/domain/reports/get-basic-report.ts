// The 基本情况 report a user asked for: scope checked, computed, rendered as text.
import { renderBasicText } from '../../common/report-basic.ts';
import type { BasicReportResponse } from '../../common/wire-reports.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { basicSummaryFor } from './basic-summary.ts';
import { computeBasic, type BasicComputation } from './compute-basic.ts';
import { reportScope } from './report-scope.ts';

export async function computeBasicFor(
  db: Executor,
  opts: { regionCode: string; asOf: string },
): Promise<BasicComputation> {
  const scope = await reportScope(db, opts.regionCode);
  return computeBasic(db, {
    regionCodes: scope.counties.map((c) => c.code),
    regionCode: scope.regionCode,
    regionName: scope.regionName,
    cityName: scope.cityName,
    counties: scope.counties,
    asOf: opts.asOf,
  });
}

/** The report of a county (or the sum over a city's or province's counties) on a date. */
export async function getBasicReport(
  db: Executor,
  opts: { principal: Principal | null; regionCode: string; asOf: string },
): Promise<BasicReportResponse> {
  if (opts.principal) {
    await authorize(db, opts.principal, 'report.read', { region: opts.regionCode, wholeRegion: true });
  }
  const c = await basicSummaryFor(db, { regionCode: opts.regionCode, asOf: opts.asOf });
  return { report: c.report, text: renderBasicText(c.report), quality: c.quality };
}
