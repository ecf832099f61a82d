// 事业单位登记 on both databases: 设立 → 变更 → 证书补领 → 注销 through every step, checking the
// record and its certificates after each; USCC issue (valid, never repeated, also when racing);
// working-day deadlines and the overdue list; who may act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUscc } from '../../src/common/codes/uscc.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { acceptApplication } from '../../src/domain/registration/accept-application.ts';
import { approveApplication } from '../../src/domain/registration/approve-application.ts';
import { fileApplication } from '../../src/domain/registration/file-application.ts';
import { issueUscc } from '../../src/domain/registration/issue-uscc.ts';
import {
  getApplicationDetail,
  getRegistrationDetail,
  listApplications,
} from '../../src/domain/registration/list-registrations.ts';
import { returnApplication } from '../../src/domain/registration/return-application.ts';
import { reviewApplication } from '../../src/domain/registration/review-application.ts';
import { registrationOfUnit } from '../../src/db/repositories/registration.ts';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { FULL_SETUP, REGION, registrationCounty, type Who } from './support.ts';

describe.each(DIALECTS)('registration on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  let as: Record<Who, Principal>;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    ({ unit, as } = await registrationCounty(t));
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const detail = async (unitCode: string) => {
    const r = await registrationOfUnit(t.ctx.db.kysely, unit(unitCode));
    if (!r) throw new Error('no record');
    return getRegistrationDetail(t.ctx, { principal: as.clerk, id: r.id });
  };
  const steps = async (id: number, opts: { on: string }) => {
    expect(
      (await acceptApplication(t.ctx, { principal: as.clerk, applicationId: id, on: opts.on })).state,
    ).toBe('待审核');
    expect(
      await reviewApplication(t.ctx, { principal: as.clerk, applicationId: id, comment: '材料齐全' }),
    ).toBe('待核准');
    return approveApplication(t.ctx, { principal: as.clerk, applicationId: id, on: opts.on });
  };

  it('takes 设立 → 变更 → 证书补领 → 注销 through every step, with the record and certificate after each', async () => {
    const db = t.ctx.db.kysely;
    // 设立, filed by the hospital's 经办人 on Friday 2026-03-06 with one material missing.
    const id = await fileApplication(t.ctx, {
      principal: as.hospital,
      unitId: unit('B03'),
      kind: '设立',
      details: {
        name: '望洪镇卫生院',
        purpose: '为人民身体健康提供医疗与护理保健服务',
        address: '永宁县望洪镇望洪街1号',
        legalRep: '张某',
        capital: '120',
        fundingSource: '财政补助',
        sponsor: '永宁县望洪镇人民政府',
        sponsorUnitId: unit('A04'),
      },
      materials: FULL_SETUP.slice(1),
      on: '2026-03-06',
    });
    let app = await getApplicationDetail(t.ctx, { principal: as.hospital, id });
    expect(app.state).toBe('待受理');
    expect(app.acceptDue).toBe('2026-03-11'); // 3 working days: Mon 9, Tue 10, Wed 11
    const first = await acceptApplication(t.ctx, {
      principal: as.clerk,
      applicationId: id,
      on: '2026-03-09',
    });
    expect(first).toEqual({ state: '材料不全', missingMaterials: ['登记申请书'] });
    expect(await registrationOfUnit(db, unit('B03'))).toBeUndefined();
    await fileApplication(t.ctx, {
      principal: as.hospital,
      applicationId: id,
      details: app.details,
      materials: FULL_SETUP,
      on: '2026-03-10',
    });
    const record = await steps(id, { on: '2026-03-12' });
    app = await getApplicationDetail(t.ctx, { principal: as.clerk, id });
    expect(app.state).toBe('已核准');
    expect(app.decideDue).toBe('2026-04-23'); // 30 working days after 2026-03-12
    expect(app.steps.map((s) => s.action)).toEqual(['提交申请', '受理', '提交申请', '受理', '审核', '核准']);
    expect(record.state).toBe('登记');
    expect(record.uscc).toMatch(/^12640121MB000100..$/);
    expect(checkUscc(record.uscc ?? '').ok).toBe(true);
    let d = await detail('B03');
    expect(d.certificates).toHaveLength(1);
    expect(d.certificates[0]).toMatchObject({
      reason: '设立',
      issuedOn: '2026-03-12',
      validUntil: '2031-03-11',
      revokedOn: null,
    });
    expect(d.certificates[0]?.particulars).toMatchObject({
      name: '望洪镇卫生院',
      legalRep: '张某',
      uscc: record.uscc,
    });

    // 变更 of the legal representative: returned once, then approved.
    const change = await fileApplication(t.ctx, {
      principal: as.hospital,
      unitId: unit('B03'),
      kind: '变更',
      details: { legalRep: '李某' },
      materials: ['变更登记申请书', '变更事项的证明文件'],
      on: '2026-05-04',
    });
    expect((await detail('B03')).record.state).toBe('变更中');
    await expect(
      fileApplication(t.ctx, {
        principal: as.hospital,
        unitId: unit('B03'),
        kind: '变更',
        details: {},
        materials: [],
        on: '2026-05-04',
      }),
    ).rejects.toThrow(/正在办理的变更/);
    await expect(
      returnApplication(t.ctx, { principal: as.clerk, applicationId: change, reason: '  ' }),
    ).rejects.toThrow(/理由/);
    await returnApplication(t.ctx, { principal: as.clerk, applicationId: change, reason: '任职文件未盖章' });
    expect((await detail('B03')).record.state).toBe('登记');
    expect((await getApplicationDetail(t.ctx, { principal: as.hospital, id: change })).returnReason).toBe(
      '任职文件未盖章',
    );
    await fileApplication(t.ctx, {
      principal: as.hospital,
      applicationId: change,
      details: { legalRep: '李某' },
      materials: ['变更登记申请书', '变更事项的证明文件', '事业单位法人证书正副本'],
      on: '2026-05-06',
    });
    expect((await detail('B03')).record.state).toBe('变更中');
    const changed = await steps(change, { on: '2026-05-07' });
    expect(changed).toMatchObject({
      state: '登记',
      legalRep: '李某',
      name: '望洪镇卫生院',
      uscc: record.uscc,
    });
    d = await detail('B03');
    expect(d.history.map((h) => h.kind)).toEqual(['变更']);
    expect(d.history[0]?.snapshot).toMatchObject({ legalRep: '张某' });
    expect(d.certificates.map((c) => [c.reason, c.revokedOn])).toEqual([
      ['设立', '2026-05-07'],
      ['变更', null],
    ]);
    expect(d.certificates[1]).toMatchObject({ validUntil: '2031-05-06', particulars: { legalRep: '李某' } });
    expect(d.record.certificateNo).toBe(d.certificates[1]?.certificateNo);

    // 证书补领: a new number, the same validity, the lost one void.
    const lost = await fileApplication(t.ctx, {
      principal: as.hospital,
      unitId: unit('B03'),
      kind: '证书补领',
      details: { reason: '证书遗失' },
      materials: ['证书补领申请书', '遗失声明'],
      on: '2026-06-01',
    });
    await steps(lost, { on: '2026-06-02' });
    d = await detail('B03');
    expect(d.certificates.map((c) => [c.reason, c.revokedReason])).toEqual([
      ['设立', '变更登记换发'],
      ['变更', '遗失补领作废'],
      ['补领', null],
    ]);
    expect(d.certificates[2]?.validUntil).toBe('2031-05-06');
    expect(new Set(d.certificates.map((c) => c.certificateNo)).size).toBe(3);

    // 注销: the record closes, every certificate is withdrawn, the code stays with it.
    const cancel = await fileApplication(t.ctx, {
      principal: as.clerk,
      unitId: unit('B03'),
      kind: '注销',
      details: { reason: '机构撤销' },
      materials: ['注销登记申请书', '撤销或解散的批准文件', '清算报告', '事业单位法人证书正副本'],
      on: '2026-09-01',
    });
    const closed = await steps(cancel, { on: '2026-09-02' });
    expect(closed).toMatchObject({ state: '注销', cancelledOn: '2026-09-02', uscc: record.uscc });
    d = await detail('B03');
    expect(d.certificates.every((c) => c.revokedOn !== null)).toBe(true);
    expect(d.certificates[2]?.revokedReason).toBe('注销登记收缴');
    expect(d.history.map((h) => h.kind)).toEqual(['变更', '证书补领', '注销']);
    await expect(
      fileApplication(t.ctx, {
        principal: as.hospital,
        unitId: unit('B03'),
        kind: '变更',
        details: {},
        materials: [],
        on: '2026-09-03',
      }),
    ).rejects.toThrow(/没有有效的登记记录/);
    expect(await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });

  it('lets only the unit’s own 经办人 or the office file, and only the office process', async () => {
    const school = unit('B01');
    await expect(
      fileApplication(t.ctx, {
        principal: as.hospital,
        unitId: school,
        kind: '设立',
        details: {},
        materials: [],
        on: '2026-03-02',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      fileApplication(t.ctx, {
        principal: as.leader,
        unitId: school,
        kind: '设立',
        details: {},
        materials: [],
        on: '2026-03-02',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const id = await fileApplication(t.ctx, {
      principal: as.school,
      unitId: school,
      kind: '设立',
      details: {},
      materials: FULL_SETUP,
      on: '2026-03-02',
    });
    await expect(acceptApplication(t.ctx, { principal: as.school, applicationId: id })).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
    await expect(getApplicationDetail(t.ctx, { principal: as.hospital, id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // The state machine: no 核准 before 审核.
    await acceptApplication(t.ctx, { principal: as.clerk, applicationId: id, on: '2026-03-03' });
    await expect(approveApplication(t.ctx, { principal: as.clerk, applicationId: id })).rejects.toThrow(
      /不能核准/,
    );
    await reviewApplication(t.ctx, { principal: as.clerk, applicationId: id });
    // 设立 without the particulars cannot be approved: the whole step is rolled back.
    await expect(approveApplication(t.ctx, { principal: as.clerk, applicationId: id })).rejects.toThrow(
      /缺少：名称/,
    );
    expect((await getApplicationDetail(t.ctx, { principal: as.clerk, id })).state).toBe('待核准');
    await returnApplication(t.ctx, { principal: as.clerk, applicationId: id, reason: '未填写登记事项' });
  });

  it('lists overdue applications in working days', async () => {
    const id = await fileApplication(t.ctx, {
      principal: as.school,
      unitId: unit('B01'),
      kind: '设立',
      details: {
        name: '永宁县第一中学',
        purpose: '实施高中教育',
        address: '永宁县杨和镇',
        legalRep: '王某',
        capital: '800',
        fundingSource: '财政补助',
        sponsor: '永宁县教育局',
        sponsorUnitId: unit('A03'),
      },
      materials: FULL_SETUP,
      on: '2026-03-02',
    });
    const overdue = await listApplications(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      overdueOnly: true,
      today: '2026-03-09',
    });
    const mine = overdue.find((a) => a.id === id);
    expect(mine).toMatchObject({ due: '2026-03-05', workingDaysOverdue: 2 });
    const onTime = await listApplications(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      overdueOnly: true,
      today: '2026-03-05',
    });
    expect(onTime.some((a) => a.id === id)).toBe(false);
    // A liaison sees only their own unit's applications.
    const theirs = await listApplications(t.ctx, { principal: as.school, regionCode: REGION });
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((a) => a.unitId === unit('B01'))).toBe(true);
    // The school's ledger USCC is valid and kept at 设立.
    const record = await steps(id, { on: '2026-03-10' });
    expect(record.uscc).toBe('12640121MB1234562H');
  });

  it('issues codes that all validate and never repeat, also when issued at once', async () => {
    const issue = () =>
      issueUscc(t.ctx, { principal: as.clerk, regionCode: REGION, category: '机关', unitId: null });
    const serial: string[] = [];
    for (let i = 0; i < 60; i += 1) serial.push(await issue());
    const racing = await Promise.all(Array.from({ length: 20 }, issue));
    const all = [...serial, ...racing];
    expect(all.every((c) => checkUscc(c).ok)).toBe(true);
    expect(all.every((c) => c.startsWith('11640121MB'))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    const hospital = await registrationOfUnit(t.ctx.db.kysely, unit('B03'));
    expect(all).not.toContain(hospital?.uscc);
    await expect(
      issueUscc(t.ctx, { principal: as.school, regionCode: REGION, category: '机关', unitId: null }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
