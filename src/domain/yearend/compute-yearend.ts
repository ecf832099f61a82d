// The year-end 机构编制统计 of a region as of 31 December: the four tables from the per-unit
// aggregates of the report (never loading every person) with their totals read from the ledger
// apart, the checks, and every figure for the submission.
import type { YearendCheck, YearendFigure, YearendTable } from '../../common/wire-yearend.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { unitsOn } from '../../db/repositories/reports.ts';
import { ledgerActual, ledgerPosts, ledgerQuotaByType } from '../../db/repositories/yearend.ts';
import { computeBasic } from '../reports/compute-basic.ts';
import { reportScope } from '../reports/report-scope.ts';
import { buildTables, runChecks, tableFigures } from './tables.ts';

export interface YearendComputation {
  regionCode: string;
  regionName: string;
  year: number;
  asOf: string;
  tables: YearendTable[];
  checks: YearendCheck[];
  passed: boolean;
  figures: YearendFigure[];
}

export const yearEndDate = (year: number): string => `${String(year).padStart(4, '0')}-12-31`;

export async function computeYearend(
  db: Executor,
  opts: { regionCode: string; year: number },
): Promise<YearendComputation> {
  const scope = await reportScope(db, opts.regionCode);
  const regionCodes = scope.counties.map((c) => c.code);
  const asOf = yearEndDate(opts.year);
  const allUnits = await unitsOn(db, regionCodes, asOf);
  const existing = new Set(allUnits.map((u) => u.id));
  const [basic, quotaByType, actual, posts] = await Promise.all([
    computeBasic(db, { ...scope, regionCodes, asOf }),
    ledgerQuotaByType(db, regionCodes, asOf, existing),
    ledgerActual(db, regionCodes, asOf),
    ledgerPosts(db, regionCodes, asOf, existing),
  ]);
  const input = {
    units: basic.units.map((u) => u.cells),
    ledger: { units: allUnits.filter((u) => u.category !== '内设机构').length, quotaByType, actual, posts },
    basic: Object.fromEntries(basic.report.figures.map((f) => [f.key, f.value])),
  };
  const tables = buildTables(input);
  const checks = runChecks(tables, input);
  return {
    regionCode: scope.regionCode,
    regionName: scope.regionName,
    year: opts.year,
    asOf,
    tables,
    checks,
    passed: checks.every((c) => c.ok),
    figures: tableFigures(tables),
  };
}
