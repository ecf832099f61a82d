// 评估问效 findings, rectification and outputs on both databases, over test/fixtures/county and
// test/fixtures/evaluation with the plan and scores of evaluation.test.ts, whose final result is
// computed by hand there: 永宁县第一中学 (B01) 90.45 优秀 1st, 永宁县审计事务中心 (C11) 79.98
// 合格 (veto) 2nd, under the fixed indicator system of test/support/evaluation-template.ts (its A1
// counts the fixture's three 超编进人: 丙三, 戊五, 庚七). Here: the findings and their progress
// (liaison of B01 on B01's items only), the overdue mark, the audit events, the routes'
// authorization over HTTP, the .xlsx read back with exceljs against compute-evaluation-result,
// and the .docx text.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import type { EvaluationFinding, FindingBody } from '../../src/common/wire-evaluation-findings.ts';
import type { EvaluationResult, MeasurementInput } from '../../src/common/wire-evaluation.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { addEvaluationFinding } from '../../src/domain/evaluation/add-evaluation-finding.ts';
import { computeEvaluationResult } from '../../src/domain/evaluation/compute-evaluation-result.ts';
import { exportEvaluation } from '../../src/domain/evaluation/export-evaluation.ts';
import { listEvaluationFindings } from '../../src/domain/evaluation/list-evaluation-findings.ts';
import { reportFindingProgress } from '../../src/domain/evaluation/report-finding-progress.ts';
import { reviseEvaluationFinding } from '../../src/domain/evaluation/revise-evaluation-finding.ts';
import { saveEvaluationPlan } from '../../src/domain/evaluation/save-evaluation-plan.ts';
import { scoreEvaluationStage } from '../../src/domain/evaluation/score-evaluation-stage.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { DIALECTS, type TestDb } from '../support/databases.ts';
import { openEvaluationWorld } from '../support/evaluation-world.ts';
import { unzip } from '../support/zip.ts';
import { fixedIndicatorSystem } from '../support/evaluation-template.ts';

const REGION = '640121';
const OTHER = '640122';
const PASSWORD = 'Evaluate-Pass-2026';
const SELF_DAY = '2024-01-15';
const ONSITE_DAY = '2024-02-05';
/** The day the rectification is looked at: 2024-02-29 deadlines are overdue, 2024-06-30 not. */
const TODAY = '2024-03-01';

const manual = (score: number, evidence = ''): MeasurementInput => ({ kind: 'manual', score, evidence });
const fullSelf = (): { code: string; measurement: MeasurementInput }[] => [
  { code: 'A1', measurement: { kind: 'deduction', occurrences: 0 } },
  { code: 'A2', measurement: manual(10) },
  { code: 'A3', measurement: { kind: 'veto', triggered: false } },
  { code: 'B2', measurement: manual(10) },
  { code: 'B3', measurement: manual(10) },
  { code: 'C1', measurement: manual(10) },
  { code: 'C2', measurement: manual(20) },
];

const cellValues = (row: ExcelJS.Row): unknown[] => (Array.isArray(row.values) ? row.values.slice(1) : []);
const documentText = (docx: Buffer): string => {
  const xml = unzip(docx).get('word/document.xml')?.toString('utf8') ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
};

describe.each(DIALECTS)('评估问题整改和评估报告 on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const principals = {} as Record<'clerk' | 'liaison' | 'other', Principal>;
  const cookies: Record<string, string> = {};
  let units = new Map<string, number>();
  let planId = 0;
  const unit = (code: string): number => {
    const id = units.get(`${REGION}/${code}`);
    if (id === undefined) throw new Error(`no unit ${code}`);
    return id;
  };
  const findingOf = (unitCode: string, over: Partial<FindingBody> = {}): FindingBody => ({
    unitId: unit(unitCode),
    indicatorCode: 'C2',
    finding: '职责任务清单未及时更新',
    measure: '按三定规定修订职责任务清单',
    deadline: '2024-06-30',
    responsible: '永宁县第一中学',
    ...over,
  });

  beforeAll(async () => {
    const world = await openEvaluationWorld(dialect, {
      region: REGION,
      otherRegion: OTHER,
      password: PASSWORD,
      accounts: [
        ['clerk', 'clerk', REGION],
        ['leader', 'leader', REGION],
        ['liaison', 'liaison', REGION],
        ['other', 'admin', OTHER],
      ],
    });
    t = world.t;
    units = world.units;
    Object.assign(principals, world.principals);
    planId = (
      await saveEvaluationPlan(t.ctx, {
        principal: principals.clerk,
        regionCode: REGION,
        plan: {
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
          indicators: fixedIndicatorSystem(),
        },
      })
    ).id;
    const score = (
      stage: 'self' | 'onsite',
      unitId: number,
      scores: ReturnType<typeof fullSelf>,
      today: string,
    ) =>
      scoreEvaluationStage(t.ctx, {
        principal: principals.clerk,
        planId,
        body: { stage, unitId, scores },
        today,
      });
    await score('self', unit('B01'), fullSelf(), SELF_DAY);
    await score('self', unit('C11'), fullSelf(), SELF_DAY);
    await score(
      'onsite',
      unit('B01'),
      [
        { code: 'C2', measurement: manual(17, '职责任务清单未及时更新') },
        { code: 'B3', measurement: manual(8, '实名制信息有 2 人不一致') },
      ],
      ONSITE_DAY,
    );
    await score(
      'onsite',
      unit('C11'),
      [{ code: 'A3', measurement: { kind: 'veto', triggered: true } }],
      ONSITE_DAY,
    );
    app = await testApp(t);
    for (const u of ['clerk', 'leader', 'liaison', 'other']) cookies[u] = await loginCookie(app, u, PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('records findings, lets the liaison report progress on their own unit’s items, and marks the overdue', async () => {
    const db = t.ctx.db.kysely;
    const add = (p: Principal, body: FindingBody) =>
      addEvaluationFinding(t.ctx, { principal: p, planId, body });
    const b01 = await add(principals.clerk, findingOf('B01'));
    expect(b01).toMatchObject({
      unitName: '永宁县第一中学',
      indicatorCode: 'C2',
      indicatorName: '职责任务履行',
      status: 'open',
      doneOn: null,
    });
    const b01General = await add(
      principals.clerk,
      findingOf('B01', {
        indicatorCode: null,
        finding: '实名制信息有 2 人不一致',
        measure: '与组织、人社部门核对实名制信息',
        deadline: '2024-02-29',
      }),
    );
    const c11 = await add(
      principals.clerk,
      findingOf('C11', {
        indicatorCode: 'A3',
        finding: '擅自加挂牌子',
        measure: '撤销牌子',
        responsible: '永宁县审计局',
        deadline: '2024-02-29',
      }),
    );
    // Not the plan's unit or indicator; not the liaison, not another county.
    await expect(add(principals.clerk, findingOf('B02'))).rejects.toThrow('不在本方案的被评估单位之中');
    await expect(add(principals.clerk, findingOf('B01', { indicatorCode: 'Z9' }))).rejects.toThrow(
      '指标 Z9 不是本方案的指标',
    );
    await expect(add(principals.liaison, findingOf('B01'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(add(principals.other, findingOf('B01'))).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // The liaison reads their own unit's list only.
    const list = (p: Principal, unitId?: number) =>
      listEvaluationFindings(db, { principal: p, planId, today: TODAY, ...(unitId ? { unitId } : {}) });
    expect((await list(principals.liaison, unit('B01'))).map((f) => f.id)).toEqual([b01General.id, b01.id]);
    await expect(list(principals.liaison)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(list(principals.liaison, unit('C11'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(list(principals.other)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Progress: the liaison on B01's items, not on C11's; 已整改 needs its date.
    const progress = (
      p: Principal,
      f: EvaluationFinding,
      body: Parameters<typeof reportFindingProgress>[1]['body'],
    ) => reportFindingProgress(t.ctx, { principal: p, findingId: f.id, body, today: TODAY });
    expect(
      await progress(principals.liaison, b01, { status: 'inProgress', progress: '已起草清单', doneOn: null }),
    ).toMatchObject({ status: 'inProgress', progress: '已起草清单', overdue: false });
    await expect(
      progress(principals.liaison, c11, { status: 'done', progress: '', doneOn: '2024-02-20' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      progress(principals.liaison, b01General, { status: 'done', progress: '已核对', doneOn: null }),
    ).rejects.toThrow('已整改的问题请填写整改完成日期');
    await expect(
      progress(principals.liaison, b01General, { status: 'done', progress: '已核对', doneOn: '2024-03-02' }),
    ).rejects.toThrow('整改完成日期不能晚于今天');
    expect(
      await progress(principals.liaison, b01General, {
        status: 'done',
        progress: '已核对',
        doneOn: '2024-03-01',
      }),
    ).toMatchObject({ status: 'done', doneOn: '2024-03-01', overdue: false });
    // The office revises C11's item: the deadline was 2024-02-29, still open on 2024-03-01 → overdue.
    const all = await list(principals.clerk);
    const state = (f: EvaluationFinding) => [f.finding, f.status, f.overdue];
    expect(all.filter((f) => f.unitId === unit('B01')).map(state)).toEqual([
      ['实名制信息有 2 人不一致', 'done', false],
      ['职责任务清单未及时更新', 'inProgress', false],
    ]);
    expect(all.filter((f) => f.unitId === unit('C11')).map(state)).toEqual([['擅自加挂牌子', 'open', true]]);
    const revised = await reviseEvaluationFinding(t.ctx, {
      principal: principals.clerk,
      findingId: c11.id,
      body: findingOf('C11', {
        indicatorCode: 'A3',
        finding: '擅自加挂牌子',
        measure: '撤销牌子并报编委备案',
        responsible: '永宁县审计局',
        deadline: '2024-02-29',
      }),
    });
    expect(revised).toMatchObject({ measure: '撤销牌子并报编委备案', status: 'open' });
    await expect(
      reviseEvaluationFinding(t.ctx, {
        principal: principals.liaison,
        findingId: b01.id,
        body: findingOf('B01'),
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'entity_type', 'payload'])
      .where('action', 'in', ['evaluation.finding', 'evaluation.finding_progress'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'evaluation.finding',
      'evaluation.finding',
      'evaluation.finding',
      'evaluation.finding_progress',
      'evaluation.finding_progress',
      'evaluation.finding',
    ]);
    expect(events.every((e) => e.entity_type === 'evaluation_finding')).toBe(true);
    expect(JSON.parse(events[4]?.payload ?? '{}')).toEqual({
      before: { status: 'open', progress: '', doneOn: null },
      after: { status: 'done', progress: '已核对', doneOn: '2024-03-01' },
    });
    expect(JSON.parse(events[5]?.payload ?? '{}')).toMatchObject({
      before: { measure: '撤销牌子' },
      after: { measure: '撤销牌子并报编委备案' },
    });
    expect(await verifyAuditChain(db, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });

  it('writes the scores workbook with the result’s numbers, the findings sheet neutralised', async () => {
    await addEvaluationFinding(t.ctx, {
      principal: principals.clerk,
      planId,
      body: findingOf('C11', {
        indicatorCode: null,
        finding: '=HYPERLINK("http://x","点击")',
        measure: '+1',
      }),
    });
    const result = await computeEvaluationResult(t.ctx.db.kysely, {
      principal: principals.clerk,
      planId,
      today: TODAY,
    });
    const file = await exportEvaluation(t.ctx.db.kysely, {
      principal: principals.clerk,
      planId,
      document: { kind: 'scores' },
      today: TODAY,
    });
    expect(file.fileName).toBe('2023年度机构编制执行情况评估得分_2024-03-01.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = (name: string) => {
      const ws = wb.getWorksheet(name);
      if (!ws) throw new Error(`no sheet ${name}`);
      return ws;
    };
    const summary = sheet('得分汇总');
    expect(cellValues(summary.getRow(3))).toEqual([
      '排名',
      '单位',
      '总得分',
      '满分',
      '等次',
      '一票否优',
      'A 机构编制纪律（40分）',
      'B 编制使用效益（30分）',
      'C 职责履行和工作落实（30分）',
      '说明',
    ]);
    expect([4, 5].map((r) => cellValues(summary.getRow(r)).slice(0, 9))).toEqual([
      [1, '永宁县第一中学', 90.45, 100, '优秀', '', 40, 23.45, 27],
      [2, '永宁县审计事务中心', 79.98, 100, '合格', 'A3', 24, 25.98, 30],
    ]);
    // 得分明细: one row per unit × leaf, each score the result's.
    const detail = sheet('得分明细');
    const rows: unknown[][] = [];
    detail.eachRow((row, n) => {
      if (n > 3) rows.push(cellValues(row));
    });
    const expected = result.ranking.flatMap((u) =>
      u.leaves.map((l) => [u.rank, u.unitName, l.code, l.points, l.score]),
    );
    expect(rows.map((r) => [r[0], r[1], r[3], r[5], r[6]])).toEqual(expected);
    expect(rows).toHaveLength(16);
    expect(rows.find((r) => r[1] === '永宁县审计事务中心' && r[3] === 'A1')?.slice(4)).toEqual([
      '超编进人',
      20,
      14,
      '系统测算',
      '3 次，每次扣 2 分，扣 6 分',
    ]);
    // 问题整改清单: status, overdue; user text starting with = or + is quoted.
    const findings = sheet('问题整改清单');
    const frows: unknown[][] = [];
    findings.eachRow((row, n) => {
      if (n > 3) frows.push(cellValues(row));
    });
    const injected = frows.find((r) => String(r[2]).includes('HYPERLINK'));
    expect(injected?.slice(2, 4)).toEqual([`'=HYPERLINK("http://x","点击")`, "'+1"]);
    expect(frows.find((r) => r[2] === '擅自加挂牌子')?.slice(5, 9)).toEqual([
      '2024-02-29',
      '未整改',
      '',
      '逾期',
    ]);
  });

  it('renders the unit report and the summary as GB/T 9704 documents with the totals and grades', async () => {
    const unitReport = await exportEvaluation(t.ctx.db.kysely, {
      principal: principals.clerk,
      planId,
      document: { kind: 'unitReport', unitId: unit('B01') },
      today: TODAY,
    });
    expect(unitReport.fileName).toBe('永宁县第一中学评估报告_2024-03-01.docx');
    const text = documentText(unitReport.content);
    expect(text).toContain('永宁县第一中学2023年度机构编制执行情况评估报告');
    expect(text).toContain('总得分90.45分（满分100分），评估等次为优秀，在2个评完的被评估单位中排名第1名');
    expect(text).toContain('C2 职责任务履行：得17分（满分20分，实地评估，');
    expect(text).toContain(
      '职责任务清单未及时更新（涉及指标：C2 职责任务履行）。整改措施：按三定规定修订职责任务清单',
    );
    expect(text).toContain('整改情况：整改中；整改进展：已起草清单');
    expect(text).not.toContain('擅自加挂牌子');
    const c11 = documentText(
      (
        await exportEvaluation(t.ctx.db.kysely, {
          principal: principals.clerk,
          planId,
          document: { kind: 'unitReport', unitId: unit('C11') },
          today: TODAY,
        })
      ).content,
    );
    expect(c11).toContain('总得分79.98分（满分100分），评估等次为合格');
    expect(c11).toContain('因A3项一票否优');
    expect(c11).toContain('整改情况：未整改（逾期）');
    const summary = documentText(
      (
        await exportEvaluation(t.ctx.db.kysely, {
          principal: principals.clerk,
          planId,
          document: { kind: 'summary' },
          today: TODAY,
        })
      ).content,
    );
    expect(summary).toContain('2023年度机构编制执行情况评估总结报告');
    expect(summary).toContain('第1名 永宁县第一中学：90.45分，优秀');
    expect(summary).toContain('第2名 永宁县审计事务中心：79.98分，合格');
    expect(summary).toMatch(
      /评估共发现问题4个，截至2024年3月1日已整改1个、整改中1个、未整改2个，其中逾期未完成1个/,
    );
    // Not a unit of the plan; the liaison may not (results are county-wide).
    await expect(
      exportEvaluation(t.ctx.db.kysely, {
        principal: principals.clerk,
        planId,
        document: { kind: 'unitReport', unitId: unit('B02') },
      }),
    ).rejects.toThrow('不在本方案的被评估单位之中');
    await expect(
      exportEvaluation(t.ctx.db.kysely, {
        principal: principals.liaison,
        planId,
        document: { kind: 'summary' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('serves findings and documents over HTTP by the permission table', async () => {
    const inject = (user: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        headers: user ? { cookie: cookies[user] ?? '' } : {},
      });
    const url = `/api/evaluation/plans/${planId}`;
    expect((await inject(null, 'GET', `${url}/findings?unit=${unit('B01')}`)).statusCode).toBe(401);
    const own = await inject('liaison', 'GET', `${url}/findings?unit=${unit('B01')}`);
    expect(own.statusCode).toBe(200);
    const items = own.json<EvaluationFinding[]>();
    expect(items.every((f) => f.unitId === unit('B01'))).toBe(true);
    expect((await inject('liaison', 'GET', `${url}/findings?unit=${unit('C11')}`)).statusCode).toBe(403);
    expect((await inject('liaison', 'GET', `${url}/findings`)).statusCode).toBe(403);
    expect((await inject('other', 'GET', `${url}/findings`)).statusCode).toBe(403);
    expect((await inject('leader', 'GET', `${url}/findings`)).json<EvaluationFinding[]>()).toHaveLength(4);

    const body = findingOf('B01', { finding: '编制台账未按月更新', deadline: '2099-12-31' });
    expect((await inject('liaison', 'POST', `${url}/findings`, body)).statusCode).toBe(403);
    expect((await inject('leader', 'POST', `${url}/findings`, body)).statusCode).toBe(403);
    const created = await inject('clerk', 'POST', `${url}/findings`, body);
    expect(created.statusCode).toBe(201);
    const id = created.json<EvaluationFinding>().id;
    expect((await inject('liaison', 'PUT', `/api/evaluation/findings/${id}`, body)).statusCode).toBe(403);
    expect((await inject('clerk', 'PUT', `/api/evaluation/findings/${id}`, body)).statusCode).toBe(200);
    const c11Item = (await inject('clerk', 'GET', `${url}/findings?unit=${unit('C11')}`)).json<
      EvaluationFinding[]
    >()[0];
    const step = { status: 'inProgress', progress: '正在整改', doneOn: null };
    expect(
      (await inject('liaison', 'POST', `/api/evaluation/findings/${c11Item?.id}/progress`, step)).statusCode,
    ).toBe(403);
    const reported = await inject('liaison', 'POST', `/api/evaluation/findings/${id}/progress`, step);
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ status: 'inProgress', progress: '正在整改' });

    expect((await inject('liaison', 'GET', `${url}/report.docx?unit=${unit('B01')}`)).statusCode).toBe(403);
    expect((await inject('other', 'GET', `${url}/summary.docx`)).statusCode).toBe(403);
    const docx = await inject('leader', 'GET', `${url}/report.docx?unit=${unit('B01')}`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(String(docx.headers['content-disposition'])).toContain(
      encodeURIComponent('永宁县第一中学评估报告'),
    );
    expect(documentText(docx.rawPayload)).toContain('总得分90.45分');
    const xlsx = await inject('clerk', 'GET', `${url}/scores.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await inject('leader', 'GET', `${url}/summary.docx`)).statusCode).toBe(200);
    const result = (await inject('leader', 'GET', `${url}/result`)).json<EvaluationResult>();
    expect(result.ranking.map((u) => u.total)).toEqual([90.45, 79.98]);
  });
});
