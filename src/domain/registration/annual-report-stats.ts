// The year's annual reports for the office: every live registration with its report (or none),
// and the on-time rate (filed within the window over the institutions expected to file).
import type { AppContext } from '../../context.ts';
import { listAnnualReports, type AnnualReportRecord } from '../../db/repositories/annual-reports.ts';
import { listRegistrations } from '../../db/repositories/registration.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize, permits } from '../accounts/authorize.ts';
import { expectedToFile, onTimeRate } from './rules.ts';
import { ownUnit, unitOf } from './targets.ts';

export interface AnnualReportOverview {
  year: number;
  expected: number;
  filed: number;
  onTime: number;
  late: number;
  published: number;
  /** Percent, two decimals; null when no institution is registered. */
  onTimeRate: number | null;
  rows: {
    registrationId: number;
    name: string;
    uscc: string | null;
    report: AnnualReportRecord | null;
    /** What the principal may do with the row now (the web shows only these buttons). */
    may: { file: boolean; signOff: boolean; pass: boolean; return: boolean };
  }[];
}

export async function annualReportOverview(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; year: number },
): Promise<AnnualReportOverview> {
  const p = opts.principal;
  const db = ctx.db.kysely;
  await authorize(db, p, 'registration.read', { region: opts.regionCode, units: ownUnit(p) });
  // Expected to file: registered before the year ended and not cancelled by then.
  // A liaison sees their institution's report and, as the 举办单位, those of the institutions
  // it sponsors (to give the 保密审查).
  const records = (await listRegistrations(db, { regionCodes: [opts.regionCode] })).filter(
    (r) =>
      expectedToFile(r, opts.year) &&
      (p.role !== 'liaison' ||
        (p.unitId !== null && (r.unitId === p.unitId || r.sponsorUnitId === p.unitId))),
  );
  const reports = new Map(
    (await listAnnualReports(db, { regionCodes: [opts.regionCode], year: opts.year })).map((r) => [
      r.registrationId,
      r,
    ]),
  );
  const rows = records.map((r) => {
    const report = reports.get(r.id) ?? null;
    const state = report?.state ?? null;
    const review = permits(p, 'annual.review', { region: r.regionCode, units: [unitOf(r)] });
    return {
      registrationId: r.id,
      name: r.name,
      uscc: r.uscc,
      report,
      may: {
        file:
          permits(p, 'annual.file', { region: r.regionCode, units: [unitOf(r)] }) &&
          r.state !== '注销' &&
          (state === null || state === '草稿' || state === '退回修改'),
        signOff:
          state === '待审查' &&
          r.sponsorUnitId !== null &&
          permits(p, 'annual.signOff', {
            region: r.regionCode,
            units: [{ id: r.sponsorUnitId, regionCode: r.regionCode }],
          }),
        pass: review && state === '待审核' && report?.secrecySignedAt !== null,
        return: review && (state === '待审查' || state === '待审核'),
      },
    };
  });
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
