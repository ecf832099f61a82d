// An implemented matter opens the registration task it implies, due in working days, linked
// both ways, and puts the unit's domain names on the change list — in the matter's transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/common/matters.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { recordDomainOperation } from '../../src/domain/domains/record-domain-operation.ts';
import { registerDomain } from '../../src/domain/domains/register-domain.ts';
import { assessMatter } from '../../src/domain/matters/assess-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { implementMatter } from '../../src/domain/matters/implement-matter.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { acceptApplication } from '../../src/domain/registration/accept-application.ts';
import { approveApplication } from '../../src/domain/registration/approve-application.ts';
import { fileApplication } from '../../src/domain/registration/file-application.ts';
import { getApplicationDetail, listApplications } from '../../src/domain/registration/list-registrations.ts';
import { reviewApplication } from '../../src/domain/registration/review-application.ts';
import { addWorkingDays, calendarOf } from '../../src/domain/timeliness/working-days.ts';
import { listChangeItems, getDomain } from '../../src/db/repositories/domains.ts';
import { registrationOfUnit } from '../../src/db/repositories/registration.ts';
import { renderWorkText } from '../../src/common/report-work.ts';
import { computeWorkStatistics } from '../../src/domain/reports/work-statistics.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { FULL_SETUP, REGION, registrationCounty, type Who } from './support.ts';

const EFFECTIVE = '2026-04-01';
const cal = calendarOf([], []);

describe.each(DIALECTS)('matters open registration tasks on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  let as: Record<Who, Principal>;
  let doc = 1;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    ({ unit, as } = await registrationCounty(t));
    // The school and the vocational school are registered; each has a .公益 name.
    for (const [code, name, domain] of [
      ['B01', '永宁县第一中学', '永宁县第一中学.公益'],
      ['B02', '永宁县职业教育学校', '永宁县职业教育学校.公益'],
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
        on: '2026-01-05',
      });
      await acceptApplication(t.ctx, { principal: as.clerk, applicationId: id, on: '2026-01-06' });
      await reviewApplication(t.ctx, { principal: as.clerk, applicationId: id });
      await approveApplication(t.ctx, { principal: as.clerk, applicationId: id, on: '2026-01-07' });
      await registerDomain(t.ctx, {
        principal: as.clerk,
        unitId: unit(code),
        name: domain,
        registeredOn: '2020-01-01',
        expiresOn: '2027-01-01',
      });
    }
  });
  afterAll(async () => {
    await t?.destroy();
  });

  async function implement(changes: Change[]): Promise<number> {
    const id = await proposeMatter(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      title: `事项${doc}`,
      reasons: '工作需要',
      changes,
    });
    await assessMatter(t.ctx, { principal: as.clerk, matterId: id, comment: '', exceptionReason: null });
    await decideMatter(t.ctx, {
      principal: as.admin,
      matterId: id,
      decisionBody: '县委编委会',
      docNo: `永编发〔2026〕${doc++}号`,
      decidedOn: '2026-03-20',
      comment: '',
    });
    await implementMatter(t.ctx, { principal: as.clerk, matterId: id, effectiveOn: EFFECTIVE, comment: '' });
    return id;
  }

  it('a rename opens a 变更 task due 30 working days later and puts the unit’s domains on the change list', async () => {
    const matterId = await implement([{ kind: 'rename', unitId: unit('B01'), name: '永宁县第一高级中学' }]);
    const tasks = await listApplications(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      states: ['待申请'],
    });
    const task = tasks.find((a) => a.matterId === matterId);
    expect(task).toMatchObject({
      kind: '变更',
      unitId: unit('B01'),
      statutoryDue: addWorkingDays(EFFECTIVE, 30, cal),
      details: { name: '永宁县第一高级中学' },
    });
    expect(task?.statutoryDue).toBe('2026-05-13');
    expect((await registrationOfUnit(t.ctx.db.kysely, unit('B01')))?.state).toBe('变更中');
    // Linked both ways: the matter's tasks are found by the matter, the task names its matter.
    const byMatter = await listApplications(t.ctx, { principal: as.clerk, regionCode: REGION });
    expect(byMatter.filter((a) => a.matterId === matterId).map((a) => a.id)).toEqual([task?.id]);
    const items = await listChangeItems(t.ctx.db.kysely, { regionCodes: [REGION], openOnly: true });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      unitId: unit('B01'),
      matterId,
      reason: '更名',
      required: '变更',
      openedOn: EFFECTIVE,
    });
    // Overdue once the 30 working days pass without filing.
    const late = await listApplications(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      overdueOnly: true,
      today: '2026-05-15',
    });
    expect(late.find((a) => a.id === task?.id)?.workingDaysOverdue).toBe(2);

    // The school's 经办人 files the task; the office records the new domain name: the item closes.
    const id = task?.id ?? -1;
    await fileApplication(t.ctx, {
      principal: as.school,
      applicationId: id,
      details: { name: '永宁县第一高级中学' },
      materials: ['变更登记申请书', '变更事项的证明文件', '事业单位法人证书正副本'],
      on: '2026-04-02',
    });
    await acceptApplication(t.ctx, { principal: as.clerk, applicationId: id, on: '2026-04-03' });
    await reviewApplication(t.ctx, { principal: as.clerk, applicationId: id });
    const record = await approveApplication(t.ctx, {
      principal: as.clerk,
      applicationId: id,
      on: '2026-04-07',
    });
    expect(record).toMatchObject({ name: '永宁县第一高级中学', state: '登记' });
    expect((await getApplicationDetail(t.ctx, { principal: as.school, id })).state).toBe('已核准');
    const domainId = items[0]?.domainId ?? -1;
    await expect(
      recordDomainOperation(t.ctx, {
        principal: as.clerk,
        domainId,
        operation: '变更',
        on: '2026-04-08',
        newName: '永宁县第一中学.政务',
      }),
    ).rejects.toThrow(/命名规则/);
    await recordDomainOperation(t.ctx, {
      principal: as.clerk,
      domainId,
      operation: '变更',
      on: '2026-04-08',
      newName: '永宁县第一高级中学.公益',
    });
    expect((await getDomain(t.ctx.db.kysely, domainId))?.name).toBe('永宁县第一高级中学.公益');
    expect(await listChangeItems(t.ctx.db.kysely, { regionCodes: [REGION], openOnly: true })).toHaveLength(0);
  });

  it('an abolition opens a 注销 task due 15 working days later and asks for the domain’s cancellation', async () => {
    const matterId = await implement([{ kind: 'abolish', unitId: unit('B02') }]);
    const task = (await listApplications(t.ctx, { principal: as.clerk, regionCode: REGION })).find(
      (a) => a.matterId === matterId,
    );
    expect(task).toMatchObject({ kind: '注销', state: '待申请', statutoryDue: '2026-04-22' });
    const items = await listChangeItems(t.ctx.db.kysely, { regionCodes: [REGION], openOnly: true });
    expect(items.map((i) => [i.unitId, i.reason, i.required])).toEqual([[unit('B02'), '撤销', '注销']]);
  });

  it('counts section 二(三)3–4 in the work statistics of the period', async () => {
    const stats = await computeWorkStatistics(t.ctx.db.kysely, {
      regionCode: REGION,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(
      Object.fromEntries(
        stats.figures
          .filter((f) => f.measure === '件' || f.key.includes('omain'))
          .map((f) => [f.key, f.value]),
      ),
    ).toEqual({
      registrationsHandled: 3,
      registrationsEstablished: 2,
      registrationsChanged: 1,
      registrationsCancelled: 0,
      domainsReviewed: 2,
      unitsNeedingDomainChange: 2,
    });
    expect(renderWorkText(stats)).toContain(
      '梳理排摸出2个涉及机构合并、撤销、变更名称的党政机关和事业单位，并对2个政务和公益中文域名进行全面梳理。',
    );
    const before = await computeWorkStatistics(t.ctx.db.kysely, {
      regionCode: REGION,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(before.figures.find((f) => f.key === 'registrationsHandled')?.value).toBe(0);
  });

  it('a matter about units without registration or domains opens nothing', async () => {
    const before = (await listApplications(t.ctx, { principal: as.clerk, regionCode: REGION })).length;
    await implement([{ kind: 'rename', unitId: unit('A02'), name: '中共永宁县委组织部（新）' }]);
    expect((await listApplications(t.ctx, { principal: as.clerk, regionCode: REGION })).length).toBe(before);
  });
});
