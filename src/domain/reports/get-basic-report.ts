// The 基本情况 report a user asked for: scope checked, computed, rendered as text.
import { renderBasicText } from '../../common/report-basic.ts';
import type { BasicReportResponse } from '../../common/wire-reports.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { policies, type Principal } from '../accounts/policies.ts';
import { assertCanReadRegion } from '../accounts/scope.ts';
import { forbidden } from '../../errors.ts';
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

export function assertCanReadReport(p: Principal, regionCode: string): void {
  if (!policies.readReports(p))
    throw forbidden('部门联络员只能查看本单位及下属单位的数据，不能查看全县统计报表');
  assertCanReadRegion(p, regionCode);
}

/** The report of a county (or the sum over a city's or province's counties) on a date. */
export async function getBasicReport(
  db: Executor,
  opts: { principal: Principal | null; regionCode: string; asOf: string },
): Promise<BasicReportResponse> {
  if (opts.principal) assertCanReadReport(opts.principal, opts.regionCode);
  const c = await computeBasicFor(db, opts);
  return { report: c.report, text: renderBasicText(c.report), quality: c.quality };
}
