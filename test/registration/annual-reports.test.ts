// 年度报告 on both databases: 从业人员 from the ledger on 31 December, 网上名称 from the domain
// register; a report after the window is accepted and marked 逾期; without the 举办单位's
// 保密审查 it cannot be published; the on-time rate of the year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReportItemKey } from '../../src/common/registration.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { registerDomain } from '../../src/domain/domains/register-domain.ts';
import { acceptApplication } from '../../src/domain/registration/accept-application.ts';
import { annualReportOverview } from '../../src/domain/registration/annual-report-stats.ts';
import { approveApplication } from '../../src/domain/registration/approve-application.ts';
import {
  reviewAnnualReport,
  signOffAnnualReport,
} from '../../src/domain/registration/decide-annual-report.ts';
import { fileAnnualReport } from '../../src/domain/registration/file-annual-report.ts';
import { fileApplication } from '../../src/domain/registration/file-application.ts';
import { reviewApplication } from '../../src/domain/registration/review-application.ts';
import { getAnnualReport } from '../../src/db/repositories/annual-reports.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { FULL_SETUP, REGION, registrationCounty, type Who } from './support.ts';

const ITEMS: Record<AnnualReportItemKey, string> = {
  businessActivities: '完成高中教学任务',
  assetsAndResults: '资产总额 3200 万元',
  changeRegistration: '无',
  performanceAndAwards: '获评市级文明校园',
  litigation: '无',
  complaints: '无',
  donations: '无',
  other: '无',
};
const ATTACHMENTS = ['资产负债表', '法定代表人任职文件', '住所证明'];

describe.each(DIALECTS)('annual reports on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  let as: Record<Who, Principal>;
  const registrationIds: Record<string, number> = {};

  beforeAll(async () => {
    t = await openTestDb(dialect);
    ({ unit, as } = await registrationCounty(t));
    for (const [code, name] of [
      ['B01', '永宁县第一中学'],
      ['B02', '永宁县职业教育学校'],
    ] as const) {
      const id = await fileApplication(t.ctx, {
        principal: as.clerk,
        unitId: unit(code),
        kind: '设立',
        details: {
          name,
          purpose: '教育',
          address: '永宁县',
          legalRep: '王某',
          capital: '100',
          fundingSource: '财政补助',
          sponsor: '永宁县教育局',
          sponsorUnitId: unit('A03'),
        },
        materials: FULL_SETUP,
        on: '2023-01-05',
      });
      await acceptApplication(t.ctx, { principal: as.clerk, applicationId: id, on: '2023-01-06' });
      await reviewApplication(t.ctx, { principal: as.clerk, applicationId: id });
      registrationIds[code] = (
        await approveApplication(t.ctx, { principal: as.clerk, applicationId: id, on: '2023-01-09' })
      ).id;
    }
    await registerDomain(t.ctx, {
      principal: as.clerk,
      unitId: unit('B01'),
      name: '永宁县第一中学.公益',
      registeredOn: '2020-01-01',
      expiresOn: '2028-01-01',
    });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('pre-fills 从业人员 from the ledger on 31 December and 网上名称 from the domain register', async () => {
    const { id, late } = await fileAnnualReport(t.ctx, {
      principal: as.school,
      registrationId: registrationIds.B01 ?? -1,
      year: 2023,
      items: ITEMS,
      attachments: ATTACHMENTS,
      on: '2024-03-15',
    });
    expect(late).toBe(false);
    const r = await getAnnualReport(t.ctx.db.kysely, id);
    // 王强 (在编) and 刘洋 (出编 2024-03-31) were on the establishment on 2023-12-31; 陈静 is 待入编.
    expect(r).toMatchObject({
      staffCount: 2,
      onlineNames: ['永宁县第一中学.公益'],
      state: '待审查',
      submittedOn: '2024-03-15',
    });
    const next = await fileAnnualReport(t.ctx, {
      principal: as.school,
      registrationId: registrationIds.B01 ?? -1,
      year: 2025,
      items: ITEMS,
      attachments: ATTACHMENTS,
      on: '2026-01-10',
    });
    expect((await getAnnualReport(t.ctx.db.kysely, next.id))?.staffCount).toBe(1);
    await expect(
      fileAnnualReport(t.ctx, {
        principal: as.school,
        registrationId: registrationIds.B01 ?? -1,
        year: 2026,
        items: { ...ITEMS, litigation: ' ' },
        attachments: [],
        on: '2027-01-10',
      }),
    ).rejects.toThrow(/诉讼/);
    await expect(
      fileAnnualReport(t.ctx, {
        principal: as.hospital,
        registrationId: registrationIds.B01 ?? -1,
        year: 2024,
        items: ITEMS,
        attachments: [],
        on: '2025-01-10',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('accepts a report after the window and marks it 逾期; counts the on-time rate', async () => {
    const { id, late } = await fileAnnualReport(t.ctx, {
      principal: as.clerk,
      registrationId: registrationIds.B02 ?? -1,
      year: 2023,
      items: ITEMS,
      attachments: ATTACHMENTS,
      on: '2024-04-01',
    });
    expect(late).toBe(true);
    expect((await getAnnualReport(t.ctx.db.kysely, id))?.late).toBe(true);
    const overview = await annualReportOverview(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      year: 2023,
    });
    expect(overview).toMatchObject({ expected: 2, filed: 2, onTime: 1, late: 1, onTimeRate: 50 });
  });

  it('cannot be published without the 举办单位’s 保密审查; is published once signed off and passed', async () => {
    const db = t.ctx.db.kysely;
    const report = (
      await annualReportOverview(t.ctx, { principal: as.clerk, regionCode: REGION, year: 2023 })
    ).rows.find((r) => r.registrationId === registrationIds.B01)?.report;
    const id = report?.id ?? -1;
    await expect(
      reviewAnnualReport(t.ctx, { principal: as.clerk, reportId: id, decision: '通过' }),
    ).rejects.toThrow(/保密审查/);
    expect((await getAnnualReport(db, id))?.publishedAt).toBeNull();
    // Only the sponsor's liaison signs off: not the institution itself, not another unit.
    await expect(signOffAnnualReport(t.ctx, { principal: as.school, reportId: id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(signOffAnnualReport(t.ctx, { principal: as.township, reportId: id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(signOffAnnualReport(t.ctx, { principal: as.clerk, reportId: id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await signOffAnnualReport(t.ctx, { principal: as.education, reportId: id });
    // Sent back once, filed again: the sign-off has to be given again.
    await reviewAnnualReport(t.ctx, {
      principal: as.clerk,
      reportId: id,
      decision: '退回修改',
      comment: '资产损益未附说明',
    });
    expect((await getAnnualReport(db, id))?.state).toBe('退回修改');
    await fileAnnualReport(t.ctx, {
      principal: as.school,
      registrationId: registrationIds.B01 ?? -1,
      year: 2023,
      items: { ...ITEMS, assetsAndResults: '资产总额 3200 万元，附说明' },
      attachments: ATTACHMENTS,
      on: '2024-03-28',
    });
    await expect(
      reviewAnnualReport(t.ctx, { principal: as.clerk, reportId: id, decision: '通过' }),
    ).rejects.toThrow(/保密审查/);
    await signOffAnnualReport(t.ctx, { principal: as.education, reportId: id });
    expect(await reviewAnnualReport(t.ctx, { principal: as.clerk, reportId: id, decision: '通过' })).toBe(
      '已公示',
    );
    const published = await getAnnualReport(db, id);
    expect(published).toMatchObject({ state: '已公示', late: false });
    expect(published?.publishedAt).not.toBeNull();
    const overview = await annualReportOverview(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      year: 2023,
    });
    expect(overview.published).toBe(1);
  });
});
