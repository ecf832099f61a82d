// 报送年度报告: the institution's 经办人 files the report on the previous year — the eight items
// and the attachments; 从业人员 is pre-filled from the ledger's 实有 on 31 December and 网上名称
// from the domain register. Filing after the window (default 1 January – 31 March) is accepted
// and marked 逾期. A report sent back (退回修改) is filed again the same way.
import { ANNUAL_REPORT_ITEMS, type AnnualReportItemKey } from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { insertAnnualReport, reportOf, updateAnnualReport } from '../../db/repositories/annual-reports.ts';
import { listDomains } from '../../db/repositories/domains.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { staffCountsOn } from '../../db/repositories/people.ts';
import { getRegistration, type RegistrationRecord } from '../../db/repositories/registration.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';
import { annualWindow, isLate } from './rules.ts';
import { loadRegistrationSettings } from './settings.ts';

/** What the system fills in: 从业人员 (实有 on 31 December) and 网上名称 (live domain names). */
export async function prefillAnnualReport(
  db: Executor,
  record: RegistrationRecord,
  year: number,
): Promise<{ staffCount: number; onlineNames: string[] }> {
  const staff = await staffCountsOn(db, [record.unitId], `${year}-12-31`);
  const domains = await listDomains(db, { regionCodes: [record.regionCode], unitIds: [record.unitId] });
  return {
    staffCount: staff.reduce((n, s) => n + s.actual, 0),
    onlineNames: domains.map((d) => d.name),
  };
}

export async function fileAnnualReport(
  ctx: AppContext,
  opts: {
    principal: Principal;
    registrationId: number;
    year: number;
    items: Partial<Record<AnnualReportItemKey, string>>;
    attachments: string[];
    on?: string;
  },
): Promise<{ id: number; late: boolean }> {
  const on = opts.on ?? todayInChina();
  const empty = (Object.keys(ANNUAL_REPORT_ITEMS) as AnnualReportItemKey[]).filter(
    (k) => !opts.items[k]?.trim(),
  );
  if (empty.length > 0)
    throw invalid(`请填写：${empty.map((k) => ANNUAL_REPORT_ITEMS[k]).join('、')}（无则填“无”）`);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const record = await getRegistration(trx, opts.registrationId);
    if (!record) throw notFound(`登记记录 ${opts.registrationId} `);
    await authorize(trx, opts.principal, 'annual.file', {
      region: record.regionCode,
      units: [record.unitId],
    });
    if (record.state === '注销') throw invalid('已注销的单位不再报送年度报告');
    const settings = await loadRegistrationSettings(trx, record.regionCode);
    const window = annualWindow(opts.year, settings.annualWindow);
    if (on < window.from) throw invalid(`${opts.year} 年度报告自 ${window.from} 起报送`);
    const late = isLate(on, window);
    const prefill = await prefillAnnualReport(trx, record, opts.year);
    const items = Object.fromEntries(Object.entries(opts.items).map(([k, v]) => [k, (v ?? '').trim()]));
    const at = nowIso();
    const existing = await reportOf(trx, record.id, opts.year);
    let id: number;
    if (existing) {
      if (existing.state !== '退回修改' && existing.state !== '草稿')
        throw invalid(`该年度报告${existing.state}，不能再次报送`);
      const ok = await updateAnnualReport(trx, existing.id, existing.version, {
        state: '待审查',
        items: JSON.stringify(items),
        attachments: JSON.stringify(opts.attachments),
        staff_count: prefill.staffCount,
        online_names: JSON.stringify(prefill.onlineNames),
        submitted_on: on,
        late: late ? 1 : 0,
        secrecy_signed_by: null,
        secrecy_signed_at: null,
      });
      if (!ok) throw new AppError('CONFLICT', '该年度报告已被他人处理，请刷新后重试');
      id = existing.id;
    } else {
      id = await insertAnnualReport(trx, {
        regionCode: record.regionCode,
        registrationId: record.id,
        year: opts.year,
        state: '待审查',
        items,
        attachments: opts.attachments,
        ...prefill,
        submittedOn: on,
        late,
        at,
      });
    }
    await ctx.audit.record(
      trx,
      { id: opts.principal.userId, name: opts.principal.username },
      {
        action: 'annual_report.step',
        entityType: 'annual_report',
        entityId: id,
        regionCode: record.regionCode,
        summary: `${record.name} 报送 ${opts.year} 年度报告${late ? '（逾期）' : ''}`,
        payload: { before: null, after: { year: opts.year, state: '待审查', late, comment: '' } },
      },
    );
    return { id, late };
  });
}
