// All SQL of 年度报告: one report per registration and year, with its items, attachments,
// the 举办单位's 保密审查 and the office's review.
import type { Selectable } from 'kysely';
import type { AnnualReportTable } from '../registration-tables.ts';
import type { AnnualReportState } from '../../common/registration.ts';
import type { Executor } from './executor.ts';

export interface AnnualReportRecord {
  id: number;
  regionCode: string;
  registrationId: number;
  year: number;
  state: AnnualReportState;
  items: Record<string, string>;
  attachments: string[];
  staffCount: number;
  onlineNames: string[];
  submittedOn: string | null;
  late: boolean;
  secrecySignedBy: number | null;
  secrecySignedAt: string | null;
  reviewComment: string | null;
  reviewedAt: string | null;
  publishedAt: string | null;
  version: number;
}

const toReport = (r: Selectable<AnnualReportTable>): AnnualReportRecord => ({
  id: r.id,
  regionCode: r.region_code,
  registrationId: r.registration_id,
  year: r.year,
  state: r.state as AnnualReportState,
  items: JSON.parse(r.items) as Record<string, string>,
  attachments: JSON.parse(r.attachments) as string[],
  staffCount: r.staff_count,
  onlineNames: JSON.parse(r.online_names) as string[],
  submittedOn: r.submitted_on,
  late: r.late === 1,
  secrecySignedBy: r.secrecy_signed_by,
  secrecySignedAt: r.secrecy_signed_at,
  reviewComment: r.review_comment,
  reviewedAt: r.reviewed_at,
  publishedAt: r.published_at,
  version: r.version,
});

export async function reportOf(
  db: Executor,
  registrationId: number,
  year: number,
): Promise<AnnualReportRecord | undefined> {
  const r = await db
    .selectFrom('annual_reports')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .where('year', '=', year)
    .executeTakeFirst();
  return r ? toReport(r) : undefined;
}

export async function getAnnualReport(db: Executor, id: number): Promise<AnnualReportRecord | undefined> {
  const r = await db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toReport(r) : undefined;
}

export async function insertAnnualReport(
  db: Executor,
  r: Pick<
    AnnualReportRecord,
    | 'regionCode'
    | 'registrationId'
    | 'year'
    | 'state'
    | 'items'
    | 'attachments'
    | 'staffCount'
    | 'onlineNames'
    | 'submittedOn'
    | 'late'
  > & { at: string },
): Promise<number> {
  const row = await db
    .insertInto('annual_reports')
    .values({
      region_code: r.regionCode,
      registration_id: r.registrationId,
      year: r.year,
      state: r.state,
      items: JSON.stringify(r.items),
      attachments: JSON.stringify(r.attachments),
      staff_count: r.staffCount,
      online_names: JSON.stringify(r.onlineNames),
      submitted_on: r.submittedOn,
      late: r.late ? 1 : 0,
      secrecy_signed_by: null,
      secrecy_signed_at: null,
      review_comment: null,
      reviewed_by: null,
      reviewed_at: null,
      published_at: null,
      created_at: r.at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAnnualReport(
  db: Executor,
  id: number,
  version: number,
  patch: Partial<Omit<Selectable<AnnualReportTable>, 'id' | 'version'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('annual_reports')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listAnnualReports(
  db: Executor,
  f: { regionCodes: string[]; year?: number; registrationIds?: number[]; publishedOnly?: boolean },
): Promise<AnnualReportRecord[]> {
  let q = db.selectFrom('annual_reports').selectAll().where('region_code', 'in', f.regionCodes);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.registrationIds)
    q =
      f.registrationIds.length === 0
        ? q.where('id', '=', -1)
        : q.where('registration_id', 'in', f.registrationIds);
  if (f.publishedOnly) q = q.where('published_at', 'is not', null);
  return (await q.orderBy('year', 'desc').orderBy('id').execute()).map(toReport);
}
