// 机构改革 with a unit the plan itself creates (组建社会工作部), on both databases: the plan sets
// up C (local reference -1), moves 3 行政编制 from A02 to C, moves two people into C and gives C
// its 职数, and moves a responsibility (职责划转) from A02 to C. Hand-computed sandbox figures and
// breaches; adoption files one matter whose implementation creates C and then applies the rest
// to it in one transaction; the comparison says where each person was on its date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/common/matters.ts';
import type { SandboxResult } from '../../src/common/wire-reform.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { unitDetailsOn } from '../../src/db/repositories/reform.ts';
import { countRows } from '../../src/db/repositories/snapshot.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { assessMatter } from '../../src/domain/matters/assess-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { implementMatter } from '../../src/domain/matters/implement-matter.ts';
import { getMatter } from '../../src/domain/matters/list-matters.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { adoptPlan } from '../../src/domain/reform/adopt-plan.ts';
import { compareReform } from '../../src/domain/reform/compare-reform.ts';
import { freezeBaseline } from '../../src/domain/reform/freeze-baseline.ts';
import { createProject } from '../../src/domain/reform/manage-projects.ts';
import { previewPlan, runPlan } from '../../src/domain/reform/run-plan.ts';
import { savePlan } from '../../src/domain/reform/save-plan.ts';
import { setInstitutionLimit } from '../../src/domain/reform/set-institution-limit.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { countyCopy } from '../support/fixtures.ts';

const REGION = '640121';
const BASE = '2026-01-01';
const DUTIES = '（一）负责全县组织工作。\n（二）负责党建引领基层治理工作。\n（三）负责全县干部教育工作。';
const MOVED = '负责党建引领基层治理工作。';

/** The county fixture with 职责任务 for A02 (组织部). */
const withDuties = (csv: string) =>
  csv
    .trimEnd()
    .split('\n')
    .map((line, i) =>
      i === 0
        ? `${line},职责任务,三定文号,三定日期`
        : line.includes(',A02,')
          ? `${line},"${DUTIES}",永编发〔2019〕3号,2019-03-01`
          : `${line},,,`,
    )
    .join('\n');

describe.each(DIALECTS)('机构改革 creating a unit on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  const person: Record<string, number> = {};
  const who: Record<'admin' | 'clerk', Principal> = {} as never;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    const dir = countyCopy({ '机构.csv': withDuties });
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [dir], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    const ids = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    unit = (code) => ids.get(`${REGION}/${code}`) ?? -1;
    for (const role of ['admin', 'clerk'] as const) {
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
    const people = await t.ctx.db.kysely.selectFrom('people').select(['id', 'id_hash', 'name']).execute();
    for (const p of people) person[p.name] = p.id;
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
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const figure = (r: SandboxResult, key: string) => {
    const f = r.figures.find((x) => x.key === key);
    return f ? [f.before, f.after] : null;
  };
  const move = (name: string, level: '正科' | '副科'): Change[] => [
    { kind: 'leave', personId: person[name] ?? -1, reason: '调出' },
    {
      kind: 'enter',
      personId: person[name] ?? -1,
      idNumber: null,
      name: null,
      unitId: -1,
      quotaType: '行政编制',
      channel: '县内交流',
      leadershipLevel: level,
      planMatterId: null,
    },
  ];
  /** 组建社会工作部: C is -1, the first (only) 设立 of the list. */
  const plan = (): Change[] => [
    {
      kind: 'establish',
      code: 'A06',
      name: '中共永宁县委社会工作部',
      category: '党委工作机关',
      parentUnitId: null,
      rank: '正科',
      affiliation: null,
      countsTowardDirectLimit: null,
      funding: null,
      type: null,
      sector: null,
    },
    {
      kind: 'transfer',
      quotaType: '行政编制',
      lines: [
        { unitId: unit('A02'), delta: -3 },
        { unitId: -1, delta: 3 },
      ],
    },
    ...move('张伟', '正科'),
    ...move('李娜', '副科'),
    { kind: 'posts', unitId: -1, level: '正科', approved: 1 },
    { kind: 'duty', fromUnitId: unit('A02'), toUnitId: -1, duty: MOVED },
  ];

  let projectId = 0;
  let planId = 0;

  it('refuses a reference to a unit not established earlier in the list', async () => {
    projectId = await createProject(t.ctx, {
      principal: who.clerk,
      body: { regionCode: REGION, name: '组建社会工作部', scopeUnitIds: null, baselineDate: BASE },
    });
    const [establish, ...rest] = plan();
    const wrongOrder = [...rest, ...(establish ? [establish] : [])];
    await expect(
      previewPlan(t.ctx, { principal: who.clerk, projectId, changes: wrongOrder, date: BASE }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('runs the plan: C in the report, chart, diff and breaches, as computed by hand', async () => {
    await freezeBaseline(t.ctx, { principal: who.clerk, projectId });
    planId = await savePlan(t.ctx, {
      principal: who.clerk,
      projectId,
      planId: null,
      body: { name: '方案：组建社会工作部', changes: plan() },
    });
    const r = await runPlan(t.ctx, { principal: who.clerk, planId, date: BASE });
    // 党政机构 (report): A01 A02 A03 A04 + C.
    expect(figure(r, 'partyGovernmentOrgans')).toEqual([4, 5]);
    // 行政编制 80 stays 80 (3 move A02 → C); 实有 行政 3 stays 3 (two move A02 → C).
    expect(figure(r, 'adminQuota')).toEqual([80, 80]);
    expect(figure(r, 'adminActual')).toEqual([3, 3]);
    // 领导职数 正科 核定 A02 1 + B01 1 + C 1 = 3.
    const c = r.diff.find((d) => d.status === '新设');
    expect(c).toMatchObject({
      unitId: -1,
      nameAfter: '中共永宁县委社会工作部',
      approvedAfter: { 行政编制: 3, 事业编制: 0, 聘用编制: 0 },
      actualAfter: { 行政编制: 2, 事业编制: 0, 聘用编制: 0 },
      postsAfter: { 正科: 1, 副科: 0 },
      dutiesBefore: null,
      dutiesAfter: MOVED,
    });
    const a02 = r.diff.find((d) => d.unitId === unit('A02'));
    expect(a02?.approvedBefore['行政编制']).toBe(15);
    expect(a02?.approvedAfter['行政编制']).toBe(12);
    expect(a02?.actualBefore['行政编制']).toBe(2);
    expect(a02?.actualAfter['行政编制']).toBe(0);
    expect(a02?.dutiesBefore).toBe(DUTIES);
    expect(a02?.dutiesAfter).toBe('（一）负责全县组织工作。\n（三）负责全县干部教育工作。');
    expect(r.chartAfter.find((n) => n.id === -1)?.name).toBe('中共永宁县委社会工作部');
    // C gets 正科 1 but not 副科: 李娜 副科 over by 1. 党政机构 A02 A03 → +C = 3, within the cap 3.
    expect(r.breaches.map((b) => [b.rule, b.unitName, b.excess])).toEqual([
      ['noOverPosts', '中共永宁县委社会工作部', 1],
    ]);
    expect(r.rules.find((x) => x.rule === 'institutionLimit')).toMatchObject({ ok: true });
  });

  it('a 职责划转 of a duty the unit does not hold is a breach', async () => {
    const r = await previewPlan(t.ctx, {
      principal: who.clerk,
      projectId,
      date: BASE,
      changes: [{ kind: 'duty', fromUnitId: unit('A03'), toUnitId: unit('A02'), duty: '负责全县教育工作' }],
    });
    expect(r.breaches).toMatchObject([{ rule: 'unitState', unitId: unit('A03') }]);
  });

  it('adoption files one matter; implementing it creates C and gives it the quota, people, 职数 and 职责', async () => {
    const [matterId = -1] = (await adoptPlan(t.ctx, { principal: who.clerk, planId, reasons: '' })).matterIds;
    expect(unit('A06')).toBe(-1);
    const m = await getMatter(t.ctx, { principal: who.clerk, matterId });
    expect(m.changeTexts).toContain(
      '职责划转：中共永宁县委组织部 的“负责党建引领基层治理工作。”划入 新设机构“中共永宁县委社会工作部”',
    );
    await assessMatter(t.ctx, {
      principal: who.clerk,
      matterId,
      comment: '同意',
      exceptionReason: '副科职数另行核定',
    });
    await decideMatter(t.ctx, {
      principal: who.admin,
      matterId,
      decisionBody: '县委编委会',
      docNo: '永编发〔2026〕12号',
      decidedOn: '2026-02-20',
      comment: '',
    });
    const events = await countRows(t.ctx.db.kysely, 'audit_events');
    await implementMatter(t.ctx, { principal: who.clerk, matterId, effectiveOn: '2026-03-01', comment: '' });
    // One matter.effect per change, and the step.
    expect((await countRows(t.ctx.db.kysely, 'audit_events')) - events).toBeGreaterThanOrEqual(plan().length);

    const ids = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    const c = ids.get(`${REGION}/A06`) ?? -1;
    expect(c).toBeGreaterThan(0);
    const db = t.ctx.db.kysely;
    const quotas = await db
      .selectFrom('quotas')
      .select(['unit_id', 'approved'])
      .where('retracted_at', 'is', null)
      .where('effective_from', '=', '2026-03-01')
      .where('quota_type', '=', '行政编制')
      .orderBy('unit_id')
      .execute();
    expect(quotas).toEqual(
      [
        { unit_id: unit('A02'), approved: 12 },
        { unit_id: c, approved: 3 },
      ].sort((x, y) => x.unit_id - y.unit_id),
    );
    const placed = await db
      .selectFrom('placements')
      .select(['person_id', 'unit_id', 'leadership_level'])
      .where('is_current', '=', 1)
      .where('person_id', 'in', [person['张伟'] ?? -1, person['李娜'] ?? -1])
      .orderBy('person_id')
      .execute();
    expect(placed.map((p) => p.unit_id)).toEqual([c, c]);
    const posts = await db
      .selectFrom('leadership_posts')
      .select(['level', 'approved'])
      .where('unit_id', '=', c)
      .execute();
    expect(posts).toEqual([{ level: '正科', approved: 1 }]);
    const details = await unitDetailsOn(db, REGION, '2026-03-01');
    expect(details.get(c)?.responsibilities).toBe(MOVED);
    expect(details.get(unit('A02'))?.responsibilities).toBe(
      '（一）负责全县组织工作。\n（三）负责全县干部教育工作。',
    );
    // Before the effective date the old text stands.
    expect((await unitDetailsOn(db, REGION, '2026-02-28')).get(unit('A02'))?.responsibilities).toBe(DUTIES);
  });

  it('the comparison places each person where they were on its date, not where they are now', async () => {
    const ids = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    const c = ids.get(`${REGION}/A06`) ?? -1;
    // 李娜 moves on from C to 教育局 in August, after the first comparison date.
    const later = await proposeMatter(t.ctx, {
      principal: who.clerk,
      regionCode: REGION,
      title: '李娜转任',
      reasons: '工作需要',
      changes: [
        { kind: 'leave', personId: person['李娜'] ?? -1, reason: '调出' },
        {
          kind: 'enter',
          personId: person['李娜'] ?? -1,
          idNumber: null,
          name: null,
          unitId: unit('A03'),
          quotaType: '行政编制',
          channel: '县内交流',
          leadershipLevel: '无',
          planMatterId: null,
        },
      ],
    });
    await assessMatter(t.ctx, { principal: who.clerk, matterId: later, comment: '', exceptionReason: null });
    await decideMatter(t.ctx, {
      principal: who.admin,
      matterId: later,
      decisionBody: '县委编办',
      docNo: '永编发〔2026〕20号',
      decidedOn: '2026-07-20',
      comment: '',
    });
    await implementMatter(t.ctx, {
      principal: who.clerk,
      matterId: later,
      effectiveOn: '2026-08-01',
      comment: '',
    });

    const june = await compareReform(t.ctx, { principal: who.clerk, projectId, asOf: '2026-06-30' });
    expect(june.mapping.find((m) => m.code === 'A02')?.people).toEqual(['2 名转至中共永宁县委社会工作部']);
    expect(june.newUnits).toEqual([{ unitId: c, code: 'A06', name: '中共永宁县委社会工作部' }]);
    expect(june.mapping.find((m) => m.code === 'A02')?.quotas).toEqual([
      '行政编制划出 3 名：中共永宁县委社会工作部 3 名',
    ]);
    const sept = await compareReform(t.ctx, { principal: who.clerk, projectId, asOf: '2026-09-01' });
    expect(sept.mapping.find((m) => m.code === 'A02')?.people).toEqual([
      '1 名转至中共永宁县委社会工作部',
      '1 名转至永宁县教育局',
    ]);
    // Before the reform took effect, nobody had gone anywhere.
    const feb = await compareReform(t.ctx, { principal: who.clerk, projectId, asOf: '2026-02-01' });
    expect(feb.mapping.find((m) => m.code === 'A02')?.people).toEqual([]);
    expect(feb.newUnits).toEqual([]);
  });
});
