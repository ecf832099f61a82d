// The two checks a filed annual report passes before it is public: the 举办单位's 保密审查
// (signOffAnnualReport, by the sponsor's liaison) and the office's review (reviewAnnualReport:
// 通过 publishes it on the 公示 page, 退回修改 sends it back with a comment). A report without
// the sponsor's sign-off cannot be passed, so it is never published.
import type { AnnualReportState } from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  getAnnualReport,
  updateAnnualReport,
  type AnnualReportRecord,
} from '../../db/repositories/annual-reports.ts';
import { getRegistration, type RegistrationRecord } from '../../db/repositories/registration.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';

async function load(
  trx: Executor,
  id: number,
): Promise<{ report: AnnualReportRecord; record: RegistrationRecord }> {
  const report = await getAnnualReport(trx, id);
  const record = report ? await getRegistration(trx, report.registrationId) : undefined;
  if (!report || !record) throw notFound(`年度报告 ${id} `);
  return { report, record };
}

async function move(
  ctx: AppContext,
  trx: Executor,
  p: Principal,
  r: { report: AnnualReportRecord; record: RegistrationRecord },
  state: AnnualReportState,
  patch: Parameters<typeof updateAnnualReport>[3],
  comment: string,
): Promise<void> {
  if (!(await updateAnnualReport(trx, r.report.id, r.report.version, { ...patch, state })))
    throw new AppError('CONFLICT', '该年度报告已被他人处理，请刷新后重试');
  await ctx.audit.record(
    trx,
    { id: p.userId, name: p.username },
    {
      action: 'annual_report.step',
      entityType: 'annual_report',
      entityId: r.report.id,
      regionCode: r.record.regionCode,
      summary: `${r.record.name} ${r.report.year} 年度报告：${r.report.state} → ${state}${comment ? `（${comment}）` : ''}`,
      payload: {
        before: { year: r.report.year, state: r.report.state, late: r.report.late, comment: '' },
        after: { year: r.report.year, state, late: r.report.late, comment },
      },
    },
  );
}

/** 保密审查 by the 举办单位: its liaison confirms the report discloses nothing secret. */
export async function signOffAnnualReport(
  ctx: AppContext,
  opts: { principal: Principal; reportId: number },
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const r = await load(trx, opts.reportId);
    if (r.record.sponsorUnitId === null) throw invalid('登记记录未关联举办单位，无法进行保密审查');
    await authorize(trx, opts.principal, 'annual.signOff', {
      region: r.record.regionCode,
      units: [r.record.sponsorUnitId],
    });
    if (r.report.state !== '待审查') throw invalid(`该年度报告${r.report.state}，不在保密审查环节`);
    const at = nowIso();
    await move(
      ctx,
      trx,
      opts.principal,
      r,
      '待审核',
      { secrecy_signed_by: opts.principal.userId, secrecy_signed_at: at },
      '举办单位保密审查通过',
    );
  });
}

/** The office's review: 通过 publishes the report; 退回修改 sends it back with the reason. */
export async function reviewAnnualReport(
  ctx: AppContext,
  opts: { principal: Principal; reportId: number; decision: '通过' | '退回修改'; comment?: string },
): Promise<AnnualReportState> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const r = await load(trx, opts.reportId);
    await authorize(trx, opts.principal, 'annual.review', {
      region: r.record.regionCode,
      units: [r.record.unitId],
    });
    const comment = opts.comment?.trim() ?? '';
    const at = nowIso();
    if (opts.decision === '通过') {
      if (r.report.secrecySignedAt === null) throw invalid('举办单位尚未完成保密审查，年度报告不能公示');
      if (r.report.state !== '待审核') throw invalid(`该年度报告${r.report.state}，不能审核通过`);
      await move(
        ctx,
        trx,
        opts.principal,
        r,
        '已公示',
        {
          reviewed_by: opts.principal.userId,
          reviewed_at: at,
          review_comment: comment || null,
          published_at: at,
        },
        '审核通过并公示',
      );
      return '已公示';
    }
    if (!comment) throw invalid('退回修改须说明理由');
    if (r.report.state !== '待审核' && r.report.state !== '待审查')
      throw invalid(`该年度报告${r.report.state}，不能退回`);
    await move(
      ctx,
      trx,
      opts.principal,
      r,
      '退回修改',
      { reviewed_by: opts.principal.userId, reviewed_at: at, review_comment: comment },
      comment,
    );
    return '退回修改';
  });
}
