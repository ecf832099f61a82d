// The year's annual reports for the office: every live registration with its report (or none),
// and the on-time rate (filed within the window over the institutions expected to file).
import type { AppContext } from '../../context.ts';
import { listAnnualReports, type AnnualReportRecord } from '../../db/repositories/annual-reports.ts';
import { listRegistrations } from '../../db/repositories/registration.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorizeRegistration } from './policies.ts';
import { onTimeRate } from './rules.ts';

export interface AnnualReportOverview {
  year: number;
  expected: number;
  filed: number;
  onTime: number;
  late: number;
  published: number;
  /** Percent, two decimals; null when no institution is registered. */
  onTimeRate: number | null;
  rows: { registrationId: number; name: string; uscc: string | null; report: AnnualReportRecord | null }[];
}

export async function annualReportOverview(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; year: number },
): Promise<AnnualReportOverview> {
  const p = opts.principal;
  authorizeRegistration(p, 'registration.read', { regionCode: opts.regionCode, unitId: p.unitId });
  const db = ctx.db.kysely;
  // Expected to file: registered before the year ended and not cancelled by then.
  const records = (
    await listRegistrations(db, {
      regionCodes: [opts.regionCode],
      unitIds: p.role === 'liaison' ? [p.unitId ?? -1] : undefined,
    })
  ).filter(
    (r) =>
      r.registeredOn <= `${opts.year}-12-31` &&
      (r.cancelledOn === null || r.cancelledOn > `${opts.year}-12-31`),
  );
  const reports = new Map(
    (await listAnnualReports(db, { regionCodes: [opts.regionCode], year: opts.year })).map((r) => [
      r.registrationId,
      r,
    ]),
  );
  const rows = records.map((r) => ({
    registrationId: r.id,
    name: r.name,
    uscc: r.uscc,
    report: reports.get(r.id) ?? null,
  }));
  const filed = rows.filter((r) => r.report?.submittedOn);
  const onTime = filed.filter((r) => !r.report?.late).length;
  return {
    year: opts.year,
    expected: rows.length,
    filed: filed.length,
    onTime,
    late: filed.length - onTime,
    published: rows.filter((r) => r.report?.publishedAt).length,
    onTimeRate: onTimeRate(onTime, rows.length),
    rows,
  };
}
