// 机构改革 on both databases (issue 12): a frozen baseline that cannot be changed through the
// system and whose direct change `audit verify` catches; a hand-computed plan run in the sandbox
// (writes nothing; the after-report and the breaches as worked out by hand); 机构限额 in matters;
// adopting files a 动议; and the comparison of a hand-built, implemented reform.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/common/matters.ts';
import type { SandboxResult } from '../../src/common/wire-reform.ts';
import { verifyAudit } from '../../src/audit/verify-audit.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { peopleByHash } from '../../src/db/repositories/people.ts';
import { countRows, describeTables } from '../../src/db/repositories/snapshot.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { assessMatter, checkMatter } from '../../src/domain/matters/assess-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { implementMatter } from '../../src/domain/matters/implement-matter.ts';
import { getMatter } from '../../src/domain/matters/list-matters.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { setControlTotal } from '../../src/domain/matters/set-control-total.ts';
import { adoptPlan } from '../../src/domain/reform/adopt-plan.ts';
import { compareReform } from '../../src/domain/reform/compare-reform.ts';
import { freezeBaseline } from '../../src/domain/reform/freeze-baseline.ts';
import { changeProject, createProject, getReformProject } from '../../src/domain/reform/manage-projects.ts';
import { comparePlans, runPlan } from '../../src/domain/reform/run-plan.ts';
import { savePlan } from '../../src/domain/reform/save-plan.ts';
import { setInstitutionLimit } from '../../src/domain/reform/set-institution-limit.ts';
import { exportBaseline, exportComparison } from '../../src/domain/reform/export-reform.ts';
import { blindIndex } from '../../src/security/field-crypto.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';
import { unzip } from '../support/zip.ts';

const REGION = '640121';
const BASE = '2026-01-01';

describe.each(DIALECTS)('机构改革 on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  let yang: number;
  const who: Record<'admin' | 'clerk' | 'leader', Principal> = {} as never;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    const ids = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    unit = (code) => ids.get(`${REGION}/${code}`) ?? -1;
    for (const role of ['admin', 'clerk', 'leader'] as const) {
      const { id } = await createUser(t.ctx, {
        actor,
        username: role,
        displayName: role,
        role,
        regionCode: REGION,
        unitId: null,
        password: 'Reform-Pass-2026',
      });
      who[role] = {
        userId: id,
        username: role,
        displayName: role,
        role,
        regionCode: REGION,
        unitId: null,
        mustChangePassword: false,
      };
    }
    const hash = blindIndex(t.ctx.keys, '640121198809090067');
    yang = (await peopleByHash(t.ctx.db.kysely, [hash])).get(hash)?.id ?? -1;
    await setInstitutionLimit(t.ctx, {
      principal: who.admin,
      body: {
        regionCode: REGION,
        kind: '党政机构',
        cap: 3,
        sourceDocument: '宁编发〔2024〕1号',
        effectiveFrom: '2025-01-01',
      },
    });
    await setControlTotal(t.ctx, {
      principal: who.admin,
      regionCode: REGION,
      quotaType: '行政编制',
      total: 82,
      effectiveFrom: '2025-01-01',
      docNo: null,
    });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const everyTableCount = async () => {
    const out: Record<string, number> = {};
    for (const s of await describeTables(t.ctx.db.kysely, dialect))
      out[s.name] = await countRows(t.ctx.db.kysely, s.name);
    return out;
  };
  const figure = (r: SandboxResult, key: string) => {
    const f = r.figures.find((x) => x.key === key);
    return f ? [f.before, f.after] : null;
  };

  /** Merges A01 into A02 with its quotas and its one person, abolishes B02, sets up two new organs. */
  const mergerPlan = (): Change[] => [
    {
      kind: 'transfer',
      quotaType: '行政编制',
      lines: [
        { unitId: unit('A01'), delta: -20 },
        { unitId: unit('A02'), delta: 20 },
      ],
    },
    {
      kind: 'transfer',
      quotaType: '政法专项编制',
      lines: [
        { unitId: unit('A01'), delta: -3 },
        { unitId: unit('A02'), delta: 3 },
      ],
    },
    { kind: 'leave', personId: yang, reason: '调出' },
    {
      kind: 'enter',
      personId: yang,
      idNumber: null,
      name: null,
      unitId: unit('A02'),
      quotaType: '政法专项编制',
      channel: '县内交流',
      leadershipLevel: '无',
      planMatterId: null,
    },
    { kind: 'merge', unitIds: [unit('A01')], intoUnitId: unit('A02') },
    { kind: 'rename', unitId: unit('A02'), name: '中共永宁县委组织部（合署）' },
    { kind: 'abolish', unitId: unit('B02') },
    ...(['中共永宁县委社会工作部', '永宁县信访局'] as const).map((name, i): Change => ({
      kind: 'establish',
      code: `A0${5 + i}`,
      name,
      category: i === 0 ? '党委工作机关' : '政府工作部门',
      parentUnitId: null,
      rank: '正科',
      affiliation: null,
      countsTowardDirectLimit: null,
      funding: null,
      type: null,
      sector: null,
    })),
    { kind: 'quotaAdd', unitId: unit('A04'), quotaType: '行政编制', amount: 5 },
    {
      kind: 'transfer',
      quotaType: '事业编制',
      lines: [
        { unitId: unit('B03'), delta: -25 },
        { unitId: unit('B01'), delta: 25 },
      ],
    },
    { kind: 'posts', unitId: unit('A02'), level: '正科', approved: 0 },
  ];

  let projectId = 0;
  let planId = 0;

  it('freezes a baseline once; afterwards neither the baseline nor the project can be changed', async () => {
    projectId = await createProject(t.ctx, {
      principal: who.clerk,
      body: { regionCode: REGION, name: '2026年机构改革', scopeUnitIds: [unit('A01')], baselineDate: BASE },
    });
    const scope = ['A01', 'A02', 'A03', 'B02', 'B03'].map(unit);
    await changeProject(t.ctx, {
      principal: who.clerk,
      projectId,
      body: { name: '2026年机构改革', scopeUnitIds: scope, baselineDate: BASE },
    });
    await expect(freezeBaseline(t.ctx, { principal: who.leader, projectId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const frozen = await freezeBaseline(t.ctx, { principal: who.clerk, projectId });
    expect(frozen.units).toBe(5);
    expect(frozen.hash).toMatch(/^[0-9a-f]{64}$/);
    await expect(freezeBaseline(t.ctx, { principal: who.clerk, projectId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      changeProject(t.ctx, {
        principal: who.clerk,
        projectId,
        body: { name: '改名', scopeUnitIds: null, baselineDate: '2025-06-30' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const detail = await getReformProject(t.ctx, { principal: who.leader, projectId });
    expect(detail.baseline?.hash).toBe(frozen.hash);
    expect(detail.scopeUnitIds).toEqual(scope);
    expect((await verifyAudit(t.ctx)).ok).toBe(true);
  });

  it('runs a plan in the sandbox: nothing written, the after-report and the breaches as computed by hand', async () => {
    planId = await savePlan(t.ctx, {
      principal: who.clerk,
      projectId,
      planId: null,
      body: { name: '方案一：合署办公', changes: mergerPlan() },
    });
    const before = await everyTableCount();
    const r = await runPlan(t.ctx, { principal: who.leader, planId, date: BASE });
    const side = await comparePlans(t.ctx, { principal: who.leader, projectId, date: BASE });
    expect(await everyTableCount()).toEqual(before);
    expect(side.plans.map((p) => p.id)).toEqual([planId]);

    // 党政机构 (report): A01 A02 A03 A04 → A02 A03 A04 + 社会工作部 + 信访局.
    expect(figure(r, 'partyGovernmentOrgans')).toEqual([4, 5]);
    expect(figure(r, 'disciplineOrgans')).toEqual([1, 0]);
    expect(figure(r, 'institutions')).toEqual([3, 2]);
    // 行政编制 23+15+12+30 = 80 → A02 15+23, A03 12, A04 30+5 = 85; 政法专项 3 moves with A01.
    expect(figure(r, 'adminQuota')).toEqual([80, 85]);
    expect(figure(r, 'politicalLegalQuota')).toEqual([3, 3]);
    // 事业编制 B01 115 + B02 40 + B03 25 = 180 → B01 140 + B03 0.
    expect(figure(r, 'institutionQuota')).toEqual([180, 140]);
    expect(figure(r, 'totalActual')).toEqual([5, 5]);
    expect(figure(r, 'adminActual')).toEqual([3, 3]);
    // 空编 事业: 114 + 40 + 24 = 178 → 139 + 0.
    expect(figure(r, 'institutionVacant')).toEqual([178, 139]);

    const breaches = r.breaches.map((b) => [b.rule, b.unitName, b.excess]).sort();
    expect(breaches).toEqual(
      [
        ['controlTotal', null, 3],
        ['institutionLimit', null, 1],
        ['noOverPosts', '中共永宁县委组织部（合署）', 1],
        ['noOverQuota', '望洪镇卫生院', 1],
      ].sort(),
    );
    expect(r.breaches.find((b) => b.rule === 'institutionLimit')?.message).toContain('宁编发〔2024〕1号');

    const a02 = r.diff.find((d) => d.unitId === unit('A02'));
    expect(a02?.approvedBefore['行政编制']).toBe(15);
    expect(a02?.approvedAfter['行政编制']).toBe(38);
    expect(a02?.actualAfter['行政编制']).toBe(3);
    expect(r.diff.find((d) => d.unitId === unit('A01'))?.status).toBe('并入中共永宁县委组织部（合署）');
    expect(r.diff.find((d) => d.unitId === unit('B02'))?.status).toBe('撤销');
    expect(r.diff.filter((d) => d.status === '新设').map((d) => d.nameAfter)).toEqual([
      '中共永宁县委社会工作部',
      '永宁县信访局',
    ]);
    expect(r.chartAfter.map((u) => u.name)).toContain('永宁县信访局');
    expect(r.chartAfter.map((u) => u.id)).not.toContain(unit('A01'));
  });

  it('checks 机构限额 in matters like every other rule', async () => {
    const id = await proposeMatter(t.ctx, {
      principal: who.clerk,
      regionCode: REGION,
      title: '设立两个部门',
      reasons: '工作需要',
      changes: mergerPlan().filter((c) => c.kind === 'establish'),
    });
    const results = await checkMatter(t.ctx, { principal: who.clerk, matterId: id, date: BASE });
    expect(results.find((r) => r.rule === 'institutionLimit')).toMatchObject({ ok: false, excess: 1 });
    await expect(
      assessMatter(t.ctx, { principal: who.clerk, matterId: id, comment: '', exceptionReason: '特批' }),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
  });

  it('adopting files one 动议 linked to the plan and nothing reaches the ledger', async () => {
    const before = await everyTableCount();
    const { matterIds } = await adoptPlan(t.ctx, { principal: who.clerk, planId, reasons: '' });
    const after = await everyTableCount();
    expect(after['matters']).toBe((before['matters'] ?? 0) + 1);
    for (const table of ['units', 'unit_versions', 'quotas', 'leadership_posts', 'placements'])
      expect(after[table]).toBe(before[table]);
    const [matterId] = matterIds;
    const m = await getMatter(t.ctx, { principal: who.clerk, matterId: matterId ?? -1 });
    expect(m.state).toBe('proposed');
    expect(m.changes).toHaveLength(mergerPlan().length);
    const detail = await getReformProject(t.ctx, { principal: who.leader, projectId });
    expect(detail.matters).toEqual([{ planId, matterId, title: m.title, state: 'proposed' }]);
    await expect(adoptPlan(t.ctx, { principal: who.clerk, planId, reasons: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      savePlan(t.ctx, {
        principal: who.clerk,
        projectId,
        planId,
        body: { name: '改', changes: mergerPlan() },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('compares a hand-built, implemented reform with its baseline', async () => {
    const pid = await createProject(t.ctx, {
      principal: who.clerk,
      body: { regionCode: REGION, name: '合并纪委与组织部', scopeUnitIds: null, baselineDate: BASE },
    });
    await freezeBaseline(t.ctx, { principal: who.clerk, projectId: pid });
    const clean = mergerPlan().filter(
      (c) =>
        c.kind !== 'establish' &&
        c.kind !== 'quotaAdd' &&
        c.kind !== 'posts' &&
        !(c.kind === 'transfer' && c.quotaType === '事业编制'),
    );
    const plan = await savePlan(t.ctx, {
      principal: who.clerk,
      projectId: pid,
      planId: null,
      body: { name: '合并方案', changes: clean },
    });
    const [matterId = -1] = (await adoptPlan(t.ctx, { principal: who.clerk, planId: plan, reasons: '改革' }))
      .matterIds;
    await assessMatter(t.ctx, { principal: who.clerk, matterId, comment: '同意', exceptionReason: null });
    await decideMatter(t.ctx, {
      principal: who.admin,
      matterId,
      decisionBody: '县委编委会',
      docNo: '永编发〔2026〕9号',
      decidedOn: '2026-02-20',
      comment: '',
    });
    await implementMatter(t.ctx, { principal: who.clerk, matterId, effectiveOn: '2026-03-01', comment: '' });

    const c = await compareReform(t.ctx, { principal: who.leader, projectId: pid, asOf: '2026-06-30' });
    const row = (group: string, label: string) => {
      const r = c.rows.find((x) => x.group === group && x.label === label);
      return r ? [r.before, r.after] : null;
    };
    // Before: A01 A02 A03 A04 B01 B02 B03; after: A01 and B02 gone.
    expect(row('机构数', '合计')).toEqual([7, 5]);
    expect(row('机构数（按类别）', '纪检监察机关')).toEqual([1, 0]);
    expect(row('机构数（按类别）', '事业单位')).toEqual([3, 2]);
    expect(row('机构数（按规格）', '副科')).toEqual([2, 1]);
    // 行政编制 80 (A01's 23 moved to A02); 事业编制 180 → 140 (B02's 40 went with it).
    expect(row('编制', '行政编制')).toEqual([80, 80]);
    expect(row('编制', '事业编制')).toEqual([180, 140]);
    expect(row('编制', '合计')).toEqual([260, 220]);
    expect(row('实有', '合计')).toEqual([5, 5]);
    expect(row('领导职数', '正科级核定')).toEqual([2, 2]);
    const a01 = c.mapping.find((m) => m.code === 'A01');
    expect(a01).toMatchObject({ fate: '并入', becomes: '中共永宁县委组织部（合署）' });
    expect(a01?.quotas).toEqual([
      '行政编制划出 20 名：中共永宁县委组织部（合署） 20 名',
      '政法专项编制划出 3 名：中共永宁县委组织部（合署） 3 名',
    ]);
    expect(a01?.people).toEqual(['1 名转至中共永宁县委组织部（合署）']);
    expect(c.mapping.find((m) => m.code === 'A02')?.fate).toBe('更名');
    expect(c.mapping.find((m) => m.code === 'B02')?.fate).toBe('撤销');
    expect(c.mapping.find((m) => m.code === 'A03')?.fate).toBe('保留');

    const xlsx = await exportComparison(t.ctx, {
      principal: who.leader,
      projectId: pid,
      asOf: '2026-06-30',
      format: 'xlsx',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.content as unknown as ArrayBuffer);
    const total = wb.getWorksheet('改革前后对比表')?.getRows(4, 1)?.[0]?.values;
    expect(Array.isArray(total) ? total.slice(1) : null).toEqual(['机构数', '合计', 7, 5, -2]);
    const docx = await exportBaseline(t.ctx, { principal: who.leader, projectId: pid, format: 'docx' });
    expect(unzip(docx.content).get('word/document.xml')?.toString('utf8')).toContain(
      '合并纪委与组织部底数台账',
    );
  });

  it('audit verify catches a frozen baseline changed directly in the database', async () => {
    expect((await verifyAudit(t.ctx)).ok).toBe(true);
    await t.raw(
      `update reform_baselines set content = replace(content, '中共永宁县纪律检查委员会', '纪委') where project_id = ${projectId}`,
    );
    const v = await verifyAudit(t.ctx);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toContain('底数');
    // Re-sealing the row's own hash does not help: the chain holds the original.
    const { sealHash } = await import('../../src/domain/reform/baseline.ts');
    const row = await t.ctx.db.kysely
      .selectFrom('reform_baselines')
      .select('content')
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(row.content).toContain('"name":"纪委"');
    await t.raw(
      `update reform_baselines set hash = '${sealHash(row.content)}' where project_id = ${projectId}`,
    );
    expect((await verifyAudit(t.ctx)).ok).toBe(false);
    await expect(compareReform(t.ctx, { principal: who.leader, projectId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
