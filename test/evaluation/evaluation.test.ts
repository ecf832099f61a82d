// 评估问效 on both databases, over test/fixtures/county plus test/fixtures/evaluation (C11
// 永宁县审计事务中心: 事业编制 2 from 2019, 3 from 2023-06-01, 正科 1 post held by 甲一 and 丙三;
// C12 under it, 占直属限额, founded 2023-05-01). 庚七 entered C11 on 2023-08-01 and moved to B01
// on 2023-10-01 by a matter decided 2023-09-20 whose 组织实施 is recorded today (late). Every
// expected number is by hand:
//
// 超编进人 in 2023 at C11, on the placement history (people there before, not yet left or moved):
//   丙三 2023-03-01: 甲一, 乙二 (leaves 2023-04-30) = 2 ≥ 核定 2 → 超编
//   丁四 2023-06-15: 甲一, 丙三 = 2 < 核定 3 → no
//   戊五 2023-07-01: 甲一, 丙三, 丁四 = 3 ≥ 核定 3 → 超编
//   庚七 2023-08-01: 甲一, 丙三, 丁四, 戊五 = 4 ≥ 3 → 超编 (his current placement is B01's: only
//   the history shows it)                                     → 3 次, A1 = 15 − 3×3 = 6
//   B01: 庚七 2023-10-01 finds 王强, 刘洋 = 2 < 115 → 0 次, A1 = 15.
// 超职数配备 on 2023-12-31: C11 正科 核定 1, 甲一 and 丙三 → 1 人, A2 = 10 − 2 = 8; B01 none → 10.
// Matters decided in 2023 without 文号 or recorded late: B01's 庚七 matter (implemented today,
//   deadline 2023-09-27) → 1 件, A4 = 9; C11 none → 10.
// 中小学编制保障率 2023 (standards engine, default standards; 核定 ≤ 应配 counted per school):
//   B01 应配 211, 核定 115; B02 应配 48, 核定 40.
//   B01 (a school: its own subtree) 115 ÷ 211 = 54.50 % → short 45.50 × 0.1 = 4.55 → B1 = 5.45
//   C11 (no school below it: the county) (115 + 40) ÷ 259 = 59.85 % → 40.15 × 0.1 = 4.015 → 4.02
//       (hundredths, half up) → B1 = 5.98
// 编制使用率 on 2023-12-31 (100 % − 空编率): C11 核定 3, 实有 甲一 丙三 丁四 戊五 = 4 → 空编 0 →
//   100 % → B2 = 10. B01 核定 110 + 5 (周转池), 实有 王强 刘洋 庚七 = 3 → 空编 112 → 3 ÷ 115 =
//   2.61 % → short of 90 by 87.39 × 0.5 = 43.70 → floor → B2 = 0.
// Not measured while no 机构限额 is set (A3), no list compared (B3), no institution registered (C3).
// Final (实地评估 over 测算 over 自评):
//   B01: A 15+10+5+9 = 39; B 5.45+0+8 (实地 B3 2 人次) = 13.45; C 10+9 (实地 C2 9)+10 = 29
//        → 81.45 良好, 1st
//   C11: A 6+8+0 (实地 A3 veto)+10 = 24; B 5.98+10+10 = 25.98; C 30 → 79.98 合格, 2nd
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import type { EvaluationResult, MeasurementInput, PlanInput } from '../../src/common/wire-evaluation.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { computeEvaluationResult } from '../../src/domain/evaluation/compute-evaluation-result.ts';
import { getEvaluationPlan, listEvaluationPlans } from '../../src/domain/evaluation/get-evaluation-plan.ts';
import { measureEvaluationIndicators } from '../../src/domain/evaluation/measure-indicators.ts';
import { defaultIndicators } from '../../src/domain/evaluation/plan-rules.ts';
import { saveEvaluationPlan } from '../../src/domain/evaluation/save-evaluation-plan.ts';
import { scoreEvaluationStage } from '../../src/domain/evaluation/score-evaluation-stage.ts';
import { assessMatter } from '../../src/domain/matters/assess-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { implementMatter } from '../../src/domain/matters/implement-matter.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { reconcileList } from '../../src/domain/reconciliation/reconcile-list.ts';
import { setInstitutionLimit } from '../../src/domain/reform/set-institution-limit.ts';
import { fileAnnualReport } from '../../src/domain/registration/file-annual-report.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { DIALECTS, type TestDb } from '../support/databases.ts';
import { openEvaluationWorld } from '../support/evaluation-world.ts';
import { tempDir } from '../support/fixtures.ts';
import { registerSchool } from '../support/registration-factory.ts';

const REGION = '640121';
const OTHER = '640122';
const PASSWORD = 'Evaluate-Pass-2026';
const SELF_DAY = '2024-01-15';
const ONSITE_DAY = '2024-02-05';
const AFTER = '2024-03-01';

const manual = (score: number, evidence = ''): MeasurementInput => ({ kind: 'manual', score, evidence });
/** The leaves the ledger cannot measure yet (no 机构限额, no list compared, not registered). */
const fullSelf = (): { code: string; measurement: MeasurementInput }[] => [
  { code: 'A3', measurement: { kind: 'veto', triggered: false } },
  { code: 'B3', measurement: { kind: 'deduction', occurrences: 0 } },
  { code: 'C1', measurement: manual(10) },
  { code: 'C2', measurement: manual(10) },
  { code: 'C3', measurement: { kind: 'ratio', percent: 100 } },
];

describe.each(DIALECTS)('评估问效 on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const principals = {} as Record<'clerk' | 'admin' | 'liaison' | 'other', Principal>;
  const cookies: Record<string, string> = {};
  let units = new Map<string, number>();
  const unit = (code: string): number => {
    const id = units.get(`${REGION}/${code}`);
    if (id === undefined) throw new Error(`no unit ${code}`);
    return id;
  };
  const planInput = (): PlanInput => ({
    year: 2023,
    type: 'execution',
    title: '2023年度机构编制执行情况评估',
    leadingGroup: '张三（组长，编办主任）\n李四（副组长）',
    periodFrom: '2023-01-01',
    periodTo: '2023-12-31',
    selfFrom: '2024-01-10',
    selfTo: '2024-01-20',
    onsiteFrom: '2024-02-01',
    onsiteTo: '2024-02-15',
    crossFrom: null,
    crossTo: null,
    unitIds: [unit('C11'), unit('B01')],
  });

  beforeAll(async () => {
    const world = await openEvaluationWorld(dialect, {
      region: REGION,
      otherRegion: OTHER,
      password: PASSWORD,
      accounts: [
        ['clerk', 'clerk', REGION],
        ['admin', 'admin', REGION],
        ['leader', 'leader', REGION],
        ['liaison', 'liaison', REGION],
        ['other', 'admin', OTHER],
      ],
    });
    t = world.t;
    units = world.units;
    Object.assign(principals, world.principals);
    // 庚七 moves from C11 to B01 on 2023-10-01 (decided 2023-09-20, implemented today: late).
    const mover = await t.ctx.db.kysely
      .selectFrom('people')
      .select('id')
      .where('name', '=', '庚七')
      .executeTakeFirstOrThrow();
    const matterId = await proposeMatter(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      title: '庚七调入永宁县第一中学',
      reasons: '工作需要',
      changes: [
        { kind: 'leave', personId: mover.id, reason: '调出' },
        {
          kind: 'enter',
          personId: mover.id,
          idNumber: null,
          name: null,
          unitId: unit('B01'),
          quotaType: '事业编制',
          channel: '县内交流',
          leadershipLevel: '无',
          planMatterId: null,
        },
      ],
    });
    await assessMatter(t.ctx, {
      principal: principals.clerk,
      matterId,
      comment: '同意',
      exceptionReason: null,
    });
    await decideMatter(t.ctx, {
      principal: principals.admin,
      matterId,
      decisionBody: '县委编办',
      docNo: '永编发〔2023〕9号',
      decidedOn: '2023-09-20',
      comment: '',
    });
    await implementMatter(t.ctx, {
      principal: principals.clerk,
      matterId,
      effectiveOn: '2023-10-01',
      comment: '',
    });
    app = await testApp(t);
    for (const u of ['clerk', 'leader', 'liaison', 'other']) cookies[u] = await loginCookie(app, u, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('saves a plan with the default 共性 template, edits its tree, and keeps counties apart', async () => {
    const db = t.ctx.db.kysely;
    const plan = await saveEvaluationPlan(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      plan: { ...planInput(), type: 'benefit', title: '草稿' },
    });
    expect(plan.indicators).toEqual(defaultIndicators());
    expect(plan.units.map((u) => u.name).sort()).toEqual(['永宁县审计事务中心', '永宁县第一中学'].sort());
    // Edit the tree: a 个性 indicator for schools under C, and C2 shrinks to keep 30.
    const tree = defaultIndicators();
    const c = tree.indicators[2];
    if (!c?.children) throw new Error('template changed');
    c.children = [
      ...c.children.map((x) => (x.code === 'C2' ? { ...x, points: 5 } : x)),
      { code: 'C4', name: '学校教职工管理', category: 'specific', points: 5, rule: { kind: 'manual' } },
    ];
    const revised = await saveEvaluationPlan(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      planId: plan.id,
      plan: { ...planInput(), type: 'benefit', title: '草稿（修订）', indicators: tree },
    });
    expect(revised.indicators.indicators[2]?.children?.map((x) => [x.code, x.points])).toEqual([
      ['C1', 10],
      ['C2', 5],
      ['C3', 10],
      ['C4', 5],
    ]);
    expect((await getEvaluationPlan(db, { principal: principals.liaison, planId: plan.id })).title).toBe(
      '草稿（修订）',
    );
    // A computed indicator must keep the rule its measure gives; a leaf needs a rule.
    const wrong = defaultIndicators();
    const a1 = wrong.indicators[0]?.children?.[0];
    if (!a1) throw new Error('template changed');
    a1.rule = { kind: 'manual' };
    await expect(
      saveEvaluationPlan(t.ctx, {
        principal: principals.clerk,
        regionCode: REGION,
        plan: { ...planInput(), indicators: wrong },
      }),
    ).rejects.toThrow('评分规则应为按次扣分');
    await expect(
      saveEvaluationPlan(t.ctx, {
        principal: principals.clerk,
        regionCode: REGION,
        plan: { ...planInput(), selfTo: '2024-02-02' },
      }),
    ).rejects.toThrow('实地评估应在自评结束后开始');
    // Another county's administrator, and a liaison, may not.
    await expect(
      saveEvaluationPlan(t.ctx, { principal: principals.other, regionCode: REGION, plan: planInput() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      saveEvaluationPlan(t.ctx, { principal: principals.liaison, regionCode: REGION, plan: planInput() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await listEvaluationPlans(db, { principal: principals.other, regionCode: OTHER })).toEqual([]);
    const event = await db
      .selectFrom('audit_events')
      .select(['summary', 'payload'])
      .where('action', '=', 'evaluation.plan')
      .where('entity_id', '=', String(plan.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.summary).toBe('修改2023年使用效益评估方案“草稿（修订）”，被评估单位 2 个');
    expect(JSON.parse(event.payload)).toMatchObject({
      before: { title: '草稿' },
      after: { title: '草稿（修订）' },
    });
  });

  it('measures the indicators from the ledger, with the rows behind them', async () => {
    const plan = await saveEvaluationPlan(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      plan: planInput(),
    });
    const { computed, notes } = await measureEvaluationIndicators(t.ctx.db.kysely, {
      principal: principals.clerk,
      planId: plan.id,
      today: AFTER,
    });
    const of = (code: string, unitCode: string) => {
      const c = computed.find((x) => x.code === code && x.unitId === unit(unitCode));
      if (!c) throw new Error(`no ${code} for ${unitCode}`);
      return c;
    };
    // 超编进人 on the placement history: 庚七 counts at C11 although he is now at B01.
    expect(of('A1', 'C11').measurement).toEqual({ kind: 'deduction', occurrences: 3 });
    expect(of('A1', 'C11').rows.map((r) => r.text)).toEqual([
      '2023-03-01 丙三进入（事业编制），此前实有 2 名，核定 2 名',
      '2023-07-01 戊五进入（事业编制），此前实有 3 名，核定 3 名',
      '2023-08-01 庚七进入（事业编制），此前实有 4 名，核定 3 名',
    ]);
    expect(of('A1', 'B01').measurement).toEqual({ kind: 'deduction', occurrences: 0 });
    // 超职数配备.
    expect(of('A2', 'C11')).toMatchObject({
      measurement: { kind: 'deduction', occurrences: 1 },
      rows: [
        {
          text: '正科领导职数核定 1 名，实配 2 名（甲一、丙三），超配 1 名',
          ref: { table: 'units', id: unit('C11') },
        },
      ],
    });
    expect(of('A2', 'B01')).toMatchObject({ measurement: { kind: 'deduction', occurrences: 0 }, rows: [] });
    // Matters: the move into B01 was recorded after its deadline; C11 is not named by it.
    expect(of('A4', 'B01').measurement).toEqual({ kind: 'deduction', occurrences: 1 });
    expect(of('A4', 'B01').rows).toHaveLength(1);
    expect(of('A4', 'B01').rows[0]?.text).toMatch(
      /^2023-09-20“庚七调入永宁县第一中学”：组织实施录入不及时（逾期 \d+ 个工作日）$/,
    );
    expect(of('A4', 'B01').rows[0]?.ref.table).toBe('matters');
    expect(of('A4', 'C11')).toMatchObject({ measurement: { kind: 'deduction', occurrences: 0 }, rows: [] });
    // 中小学编制保障率.
    expect(of('B1', 'B01').measurement).toEqual({ kind: 'ratio', percent: 54.5 });
    expect(of('B1', 'B01').rows.map((r) => r.text)).toEqual(['永宁县第一中学：应配 211 名，核定 115 名']);
    expect(of('B1', 'C11').measurement).toEqual({ kind: 'ratio', percent: 59.85 });
    expect(of('B1', 'C11').rows.map((r) => r.ref)).toEqual([
      { table: 'units', id: unit('B01') },
      { table: 'units', id: unit('B02') },
    ]);
    // 编制使用率 from the report's per-unit cells on 2023-12-31.
    expect(of('B2', 'C11').measurement).toEqual({ kind: 'ratio', percent: 100 });
    expect(of('B2', 'B01').measurement).toEqual({ kind: 'ratio', percent: 2.61 });
    expect(of('B2', 'B01').rows.map((r) => r.text)).toEqual([
      '事业编制：核定 115 名，实有 3 名，空编 112 名',
      '空编率 97.39%（空编 112 ÷ 核定 115），编制使用率 2.61%',
    ]);
    // Not measurable yet: said so, and left to the evaluators.
    expect(computed.filter((c) => ['A3', 'B3', 'C3'].includes(c.code))).toEqual([]);
    expect(notes).toEqual([
      '2023-12-31前未与组织、人社、财政名单比对，实名制信息一致性未测算，须人工评分',
      '突破机构限额设立机构（否优）：2 个单位无可测算的数据，须人工评分',
      '事业单位年度报告按时报送率（%）：2 个单位无可测算的数据，须人工评分',
    ]);
    // A liaison does not read county-wide measurements.
    await expect(
      measureEvaluationIndicators(t.ctx.db.kysely, { principal: principals.liaison, planId: plan.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('runs 自评 and 实地评估 in their windows and ranks the units', async () => {
    const db = t.ctx.db.kysely;
    const plan = await saveEvaluationPlan(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      plan: planInput(),
    });
    const score = (
      p: Principal,
      stage: 'self' | 'onsite',
      unitId: number,
      scores = fullSelf(),
      today = SELF_DAY,
    ) =>
      scoreEvaluationStage(t.ctx, { principal: p, planId: plan.id, body: { stage, unitId, scores }, today });

    const before = await computeEvaluationResult(db, {
      principal: principals.clerk,
      planId: plan.id,
      today: AFTER,
    });
    expect(before.ranking).toEqual([]);
    expect(before.incomplete.find((u) => u.unitId === unit('B01'))?.missing).toEqual([
      'A3 擅自设立机构或突破限额',
      'B3 实名制管理信息一致',
      'C1 法规制度学习宣讲',
      'C2 职责任务履行',
      'C3 事业单位年度报告按时报送',
    ]);

    // 自评: the liaison for their own unit only, within the window; the office for C11.
    await score(principals.liaison, 'self', unit('B01'));
    await expect(score(principals.liaison, 'self', unit('C11'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(score(principals.liaison, 'self', unit('B01'), fullSelf(), '2024-01-21')).rejects.toThrow(
      '自评阶段为 2024-01-10 至 2024-01-20',
    );
    await score(principals.clerk, 'self', unit('C11'));
    // A manual deduction needs its evidence; a unit outside the plan is refused.
    await expect(
      score(principals.clerk, 'onsite', unit('B01'), [{ code: 'C2', measurement: manual(9) }], ONSITE_DAY),
    ).rejects.toThrow('扣分须说明依据');
    await expect(score(principals.clerk, 'onsite', unit('B02'), fullSelf(), ONSITE_DAY)).rejects.toThrow(
      '不在本方案的被评估单位之中',
    );
    // 实地评估: the county team, not the liaison, in its own window.
    await expect(
      score(principals.liaison, 'onsite', unit('B01'), [{ code: 'C2', measurement: manual(10) }], ONSITE_DAY),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      score(principals.clerk, 'onsite', unit('B01'), [{ code: 'C2', measurement: manual(10) }], SELF_DAY),
    ).rejects.toThrow('实地评估阶段为 2024-02-01 至 2024-02-15');
    await score(
      principals.clerk,
      'onsite',
      unit('B01'),
      [
        { code: 'C2', measurement: manual(9, '职责任务清单未及时更新') },
        { code: 'B3', measurement: { kind: 'deduction', occurrences: 2 } },
      ],
      ONSITE_DAY,
    );
    await score(
      principals.clerk,
      'onsite',
      unit('C11'),
      [{ code: 'A3', measurement: { kind: 'veto', triggered: true } }],
      ONSITE_DAY,
    );

    const result = await computeEvaluationResult(db, {
      principal: principals.clerk,
      planId: plan.id,
      today: AFTER,
    });
    expect(result.incomplete).toEqual([]);
    expect(result.ranking.map((u) => [u.unitName, u.rank, u.total, u.grade])).toEqual([
      ['永宁县第一中学', 1, 81.45, 'good'],
      ['永宁县审计事务中心', 2, 79.98, 'pass'],
    ]);
    const b01 = result.ranking[0];
    expect(b01?.branches).toEqual({ A: 39, B: 13.45, C: 29 });
    expect(b01?.leaves.map((l) => [l.code, l.score, l.source])).toEqual([
      ['A1', 15, 'computed'],
      ['A2', 10, 'computed'],
      ['A3', 5, 'self'],
      ['A4', 9, 'computed'],
      ['B1', 5.45, 'computed'],
      ['B2', 0, 'computed'],
      ['B3', 8, 'onsite'],
      ['C1', 10, 'self'],
      ['C2', 9, 'onsite'],
      ['C3', 10, 'self'],
    ]);
    expect(result.ranking[1]?.branches).toEqual({ A: 24, B: 25.98, C: 30 });
    expect(result.ranking[1]?.vetoes).toEqual(['A3']);
    await expect(
      computeEvaluationResult(db, { principal: principals.liaison, planId: plan.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const events = await db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'evaluation.score')
      .where('entity_id', '=', String(plan.id))
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.summary)).toEqual([
      `自评：“2023年度机构编制执行情况评估”单位 ${unit('B01')} 评分 5 项`,
      `自评：“2023年度机构编制执行情况评估”单位 ${unit('C11')} 评分 5 项`,
      `实地评估：“2023年度机构编制执行情况评估”单位 ${unit('B01')} 评分 2 项`,
      `实地评估：“2023年度机构编制执行情况评估”单位 ${unit('C11')} 评分 1 项`,
    ]);
    expect(await verifyAuditChain(db, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });

  it('serves plans and stages over HTTP: 401, then 403 for a role or unit that may not, then the happy path', async () => {
    const inject = (user: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        headers: user ? { cookie: cookies[user] ?? '' } : {},
      });
    // The 自评 stage is open today; 实地评估 has not begun.
    const body = {
      region: REGION,
      ...planInput(),
      selfFrom: '2020-01-01',
      selfTo: '2099-12-30',
      onsiteFrom: '2099-12-31',
      onsiteTo: '2099-12-31',
    };
    expect((await inject(null, 'POST', '/api/evaluation/plans', body)).statusCode).toBe(401);
    expect((await inject('liaison', 'POST', '/api/evaluation/plans', body)).statusCode).toBe(403);
    expect((await inject('other', 'POST', '/api/evaluation/plans', body)).statusCode).toBe(403);
    const created = await inject('clerk', 'POST', '/api/evaluation/plans', body);
    expect(created.statusCode).toBe(201);
    const plan = created.json<{ id: number; indicators: { indicators: unknown[] } }>();
    expect(plan.indicators.indicators).toHaveLength(3);
    expect((await inject('liaison', 'GET', `/api/evaluation/plans/${plan.id}`)).statusCode).toBe(200);
    expect((await inject('other', 'GET', `/api/evaluation/plans/${plan.id}`)).statusCode).toBe(403);

    const self = { unitId: unit('B01'), scores: [{ code: 'C1', measurement: manual(8, '宣讲记录不全') }] };
    const url = `/api/evaluation/plans/${plan.id}`;
    expect(
      (await inject('liaison', 'POST', `${url}/self-scores`, { ...self, unitId: unit('C11') })).statusCode,
    ).toBe(403);
    const saved = await inject('liaison', 'POST', `${url}/self-scores`, self);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject([{ code: 'C1', score: 8, evidence: '宣讲记录不全', stage: 'self' }]);
    expect((await inject('liaison', 'POST', `${url}/onsite-scores`, self)).statusCode).toBe(403);
    // Read back into the form: the liaison their own unit's 自评 only; the office any unit and stage.
    const read = (user: string, stage: string, unitId: number) =>
      inject(user, 'GET', `${url}/unit-scores?stage=${stage}&unit=${String(unitId)}`);
    const back = await read('liaison', 'self', unit('B01'));
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject([
      { unitId: unit('B01'), stage: 'self', code: 'C1', measurement: manual(8, '宣讲记录不全'), score: 8 },
    ]);
    expect((await read('clerk', 'self', unit('B01'))).json()).toEqual(back.json());
    expect((await read('clerk', 'onsite', unit('B01'))).json()).toEqual([]);
    expect((await read('clerk', 'self', unit('B02'))).statusCode).toBe(400);
    for (const [user, stage, unitId] of [
      ['liaison', 'self', unit('C11')],
      ['liaison', 'onsite', unit('B01')],
      ['leader', 'self', unit('B01')],
      ['other', 'self', unit('B01')],
    ] as const)
      expect((await read(user, stage, unitId)).statusCode, `${user} ${stage}`).toBe(403);
    // The refusal names the stage asked for.
    for (const [stage, label, other] of [
      ['onsite', '实地评估', '交叉互评'],
      ['cross', '交叉互评', '实地评估'],
    ] as const) {
      const refused = await read('liaison', stage, unit('B01'));
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ error: { message: string } }>().error.message).toBe(
        `只有编办评估组可以查看单位的${label}评分`,
      );
      expect(refused.body).not.toContain(other);
    }
    const early = await inject('clerk', 'POST', `${url}/onsite-scores`, self);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('实地评估阶段为 2099-12-31 至 2099-12-31');

    expect((await inject('liaison', 'GET', `${url}/result`)).statusCode).toBe(403);
    const result = await inject('leader', 'GET', `${url}/result`);
    expect(result.statusCode).toBe(200);
    expect(
      result
        .json<EvaluationResult>()
        .incomplete.map((u) => u.unitId)
        .sort(),
    ).toEqual([unit('B01'), unit('C11')].sort());
    const measures = await inject('leader', 'GET', `${url}/measures`);
    expect(measures.statusCode).toBe(200);
    expect(
      (await inject('clerk', 'GET', `/api/evaluation/plans?region=${REGION}`))
        .json<{ id: number }[]>()
        .map((p) => p.id),
    ).toContain(plan.id);
  });

  it('measures 机构限额, 实名制 agreement and annual reports once the office has set, compared and registered', async () => {
    const db = t.ctx.db.kysely;
    // 直属事业单位 on 2023-12-31: B01 (占直属限额), B04 (政府直属, abolished 2024), C11 (政府直属),
    // C12 (占直属限额, founded 2023-05-01 under C11) = 4 over a cap of 3.
    await setInstitutionLimit(t.ctx, {
      principal: principals.admin,
      body: {
        regionCode: REGION,
        kind: '直属事业单位',
        cap: 3,
        sourceDocument: '宁编发〔2019〕1号',
        effectiveFrom: '2019-01-01',
      },
    });
    // The 财政 list of 2023-12-15: 丙三 under another unit; 丁四 and 戊五 left out.
    const list = path.join(tempDir(), '工资统发名单.csv');
    fs.writeFileSync(
      list,
      [
        '姓名,身份证号,单位名称,编制类型',
        '甲一,640121199001011017,永宁县审计事务中心,事业编制',
        '丙三,640121199003033017,永宁县第一中学,事业编制',
        '王强,640121199003200030,永宁县第一中学,事业编制',
        '刘洋,640121197506100040,永宁县第一中学,事业编制',
        '庚七,640121199007077017,永宁县第一中学,事业编制',
        '',
      ].join('\n'),
    );
    await reconcileList(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      source: '财政',
      file: list,
      comparedOn: '2023-12-15',
    });
    const plan = await saveEvaluationPlan(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      plan: planInput(),
    });
    const { computed, notes } = await measureEvaluationIndicators(db, {
      principal: principals.clerk,
      planId: plan.id,
      today: AFTER,
    });
    const of = (list: typeof computed, code: string, unitCode: string) =>
      list.find((x) => x.code === code && x.unitId === unit(unitCode));
    expect(of(computed, 'A3', 'C11')).toMatchObject({
      measurement: { kind: 'veto', triggered: true },
      rows: [
        {
          text: '评估期内设立永宁县审计事务中心分中心，全县直属事业单位 4 个，机构限额 3 个（宁编发〔2019〕1号），突破限额',
          ref: { table: 'units', id: unit('C12') },
        },
      ],
    });
    expect(of(computed, 'A3', 'B01')).toMatchObject({
      measurement: { kind: 'veto', triggered: false },
      rows: [
        {
          text: '全县直属事业单位 4 个，机构限额 3 个（宁编发〔2019〕1号）',
          ref: { table: 'units', id: unit('B01') },
        },
      ],
    });
    expect(of(computed, 'B3', 'C11')?.measurement).toEqual({ kind: 'deduction', occurrences: 3 });
    expect(
      of(computed, 'B3', 'C11')
        ?.rows.map((r) => r.text)
        .sort(),
    ).toEqual(
      [
        '2023-12-15 财政名单比对：丙三，单位不一致',
        '2023-12-15 财政名单比对：丁四，编制内有、名单无',
        '2023-12-15 财政名单比对：戊五，编制内有、名单无',
      ].sort(),
    );
    expect(of(computed, 'B3', 'B01')).toMatchObject({
      measurement: { kind: 'deduction', occurrences: 0 },
      rows: [],
    });
    expect(notes).toEqual(['事业单位年度报告按时报送率（%）：2 个单位无可测算的数据，须人工评分']);

    // Annual reports: the 2024 plan counts the reports filed in 2024, on 2023. B01 filed late.
    const registrationId = await registerSchool(t.ctx, {
      principal: principals.clerk,
      unitId: unit('B01'),
      sponsorUnitId: unit('A03'),
      name: '永宁县第一中学',
    });
    await fileAnnualReport(t.ctx, {
      principal: principals.liaison,
      registrationId,
      year: 2023,
      items: {
        businessActivities: '完成高中教学任务',
        assetsAndResults: '资产总额 3200 万元',
        changeRegistration: '无',
        performanceAndAwards: '无',
        litigation: '无',
        complaints: '无',
        donations: '无',
        other: '无',
      },
      attachments: ['资产负债表', '法定代表人任职文件', '住所证明'],
      on: '2024-04-10',
    });
    const next = await saveEvaluationPlan(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      plan: {
        ...planInput(),
        year: 2024,
        title: '2024年度机构编制执行情况评估',
        periodFrom: '2024-01-01',
        periodTo: '2024-12-31',
        selfFrom: '2025-01-10',
        selfTo: '2025-01-20',
        onsiteFrom: '2025-02-01',
        onsiteTo: '2025-02-15',
      },
    });
    const later = await measureEvaluationIndicators(db, {
      principal: principals.clerk,
      planId: next.id,
      today: '2025-03-01',
    });
    expect(of(later.computed, 'C3', 'B01')).toEqual({
      unitId: unit('B01'),
      code: 'C3',
      measure: 'annualReportsOnTime',
      measurement: { kind: 'ratio', percent: 0 },
      rows: [
        {
          text: '永宁县第一中学：2023年度报告2024-04-10 逾期报送',
          ref: { table: 'registrations', id: registrationId },
        },
      ],
    });
    expect(of(later.computed, 'C3', 'C11')).toBeUndefined();
  });
});
