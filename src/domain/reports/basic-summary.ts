// The 基本情况 report's figures and findings through the aggregate cache (migration 0012).
//
// Each county's summed figures and per-unit findings on a date are stored once computed,
// stamped with the county's report version — a counter raised in the same transaction as every
// write that changes what the report counts (db/repositories/report-aggregates.ts). A stored row
// is used only while its county's counter is unchanged; otherwise the county is computed directly
// (compute-basic.ts, the reference) and stored again. A province is the sum of its counties, so a
// write in one county leaves the other counties' rows in use. The counter is read before the
// ledger, so a row is never stamped newer than the data it was computed from.
import type { QualityIssue } from '../../common/wire-reports.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { reportVersions, storeAggregate, storedAggregates } from '../../db/repositories/report-aggregates.ts';
import type { BasicReport } from '../../common/report-basic.ts';
import { basicFigures } from './basic-rules.ts';
import {
  figureList,
  missingUnitFindings,
  partitionQuality,
  unitEntriesOn,
  unitQuality,
  type UnitEntry,
} from './compute-basic.ts';
import { reportScope } from './report-scope.ts';

export interface BasicSummary {
  report: BasicReport;
  quality: QualityIssue[];
}

interface CountyAggregate {
  figures: Record<string, number>;
  units: QualityIssue[];
  missing: QualityIssue[];
}

function parseAggregate(figures: string, quality: string): CountyAggregate {
  const q = JSON.parse(quality) as { units: QualityIssue[]; missing: QualityIssue[] };
  return { figures: JSON.parse(figures) as Record<string, number>, units: q.units, missing: q.missing };
}

/** The counties computed directly from the ledger, in one pass over their rows. */
async function computeCounties(
  db: Executor,
  codes: string[],
  asOf: string,
): Promise<Map<string, CountyAggregate>> {
  const entries = await unitEntriesOn(db, codes, asOf);
  const missing = await missingUnitFindings(db, codes, asOf);
  const byCounty = new Map<string, UnitEntry[]>(codes.map((c) => [c, []]));
  for (const e of entries) byCounty.get(e.unit.regionCode)?.push(e);
  const out = new Map<string, CountyAggregate>();
  for (const code of codes) {
    const own = byCounty.get(code) ?? [];
    out.set(code, {
      figures: basicFigures(own.map((e) => e.cells)),
      units: unitQuality(own),
      missing: missing.filter((m) => m.regionCode === code).map((m) => m.issue),
    });
  }
  return out;
}

const byUnit = (a: QualityIssue, b: QualityIssue) => (a.unitId ?? 0) - (b.unitId ?? 0);

/**
 * The report of a county, or the sum over a city's or province's counties, on a date: equal to
 * computeBasicFor's report and quality. Fresh rows are stored in `storeIn` (default `db`): on a
 * standby, the primary — a row computed from the standby's replayed data, stamped with the
 * version the standby had replayed, is as valid on the primary. A failed store there (the primary
 * unreachable) does not fail the report; it is computed again next time.
 */
export async function basicSummaryFor(
  db: Executor,
  opts: { regionCode: string; asOf: string; storeIn?: Executor },
): Promise<BasicSummary> {
  const scope = await reportScope(db, opts.regionCode);
  const codes = scope.counties.map((c) => c.code);
  const versions = await reportVersions(db, codes);
  const stored = new Map((await storedAggregates(db, codes, opts.asOf)).map((r) => [r.regionCode, r]));
  const counties: CountyAggregate[] = [];
  const stale: string[] = [];
  for (const code of codes) {
    const row = stored.get(code);
    if (row && row.version === (versions.get(code) ?? 0))
      counties.push(parseAggregate(row.figures, row.quality));
    else stale.push(code);
  }
  for (const [code, fresh] of await computeCounties(db, stale, opts.asOf)) {
    counties.push(fresh);
    const row = {
      regionCode: code,
      asOf: opts.asOf,
      version: versions.get(code) ?? 0,
      figures: JSON.stringify(fresh.figures),
      quality: JSON.stringify({ units: fresh.units, missing: fresh.missing }),
      at: new Date().toISOString(),
    };
    const target = opts.storeIn ?? db;
    if (target === db) await storeAggregate(db, row);
    else await storeAggregate(target, row).catch(() => false);
  }
  const values: Record<string, number> = {};
  for (const c of counties) {
    for (const [key, v] of Object.entries(c.figures)) values[key] = (values[key] ?? 0) + v;
  }
  const quality = [
    ...counties.flatMap((c) => c.units).sort(byUnit),
    ...partitionQuality(values),
    ...counties.flatMap((c) => c.missing).sort(byUnit),
  ];
  return {
    report: {
      regionCode: scope.regionCode,
      regionName: scope.regionName,
      cityName: scope.cityName,
      asOf: opts.asOf,
      figures: figureList(values),
      counties: scope.counties,
    },
    quality,
  };
}
