// 交叉互评 over HTTP on both databases, in the authorization world (永宁县 640121 evaluated; the
// evaluator a 业务员 of 贺兰县 640122; 平罗县 640221 a third county). The clock is moved with a
// faked Date (only Date: timers run as they do): authorize() reads today's date on every request,
// so the grant opens before the stage (reading only), scoring opens on the stage's first day, and
// everything closes the day after its last, with no job.
//
// Stage weights 自评 20, 实地评估 50, 交叉互评 30. Against the 自评 total T (full marks on every
// manual leaf), 实地评估 gives C2 17 (−3) and 交叉互评 C2 14 (−6); the other leaves keep the stage
// before's score, so the stage totals are T, T − 3, T − 6 and the final total is
// T − (50 × 3 + 30 × 6) ÷ 100 = T − 3.3; the leaf C2 itself (20 × 20 + 50 × 17 + 30 × 14) ÷ 100 = 16.7.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import { recordLapsedCrossGrants } from '../../src/domain/evaluation/record-lapsed-cross-grants.ts';
import type {
  CrossEvaluator,
  CrossGrantSummary,
  EvaluationResult,
  MeasurementInput,
  StageScore,
} from '../../src/common/wire-evaluation.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { saveEvaluationPlan } from '../../src/domain/evaluation/save-evaluation-plan.ts';
import { scoreEvaluationStage } from '../../src/domain/evaluation/score-evaluation-stage.ts';
import { loginCookie } from '../support/app.ts';
import { openWorld, PASSWORD, type World } from '../support/authz-world.ts';
import { DIALECTS } from '../support/databases.ts';
import { fixedIndicatorSystem } from '../support/evaluation-template.ts';

const A = '640121';
const B = '640122';
/** Noon in China on the day. */
const at = (day: string) => new Date(`${day}T04:00:00.000Z`);

const manual = (score: number, evidence = ''): MeasurementInput => ({ kind: 'manual', score, evidence });
const fullSelf = (): { code: string; measurement: MeasurementInput }[] => [
  { code: 'A2', measurement: manual(10) },
  { code: 'A3', measurement: { kind: 'veto', triggered: false } },
  { code: 'B2', measurement: manual(10) },
  { code: 'B3', measurement: manual(10) },
  { code: 'C1', measurement: manual(10) },
  { code: 'C2', measurement: manual(20) },
];

describe.each(DIALECTS)('交叉互评 on %s', (dialect) => {
  let w: World;
  let app: FastifyInstance;
  let planId = 0;
  const ids: Record<string, number> = {};
  const cookies: Record<string, string> = {};
  const units = { b01: 0, a03: 0, b04: 0, third: 0, ownB: 0 };

  const login = async (...users: string[]) => {
    for (const u of users) cookies[u] = await loginCookie(app, u, PASSWORD);
  };
  const inject = (user: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { cookie: cookies[user] ?? '' },
    });
  const crossScore = (
    user: string,
    unitId: number,
    scores: { code: string; measurement: MeasurementInput }[],
  ) => inject(user, 'POST', `/api/evaluation/plans/${planId}/cross-scores`, { unitId, scores });

  beforeAll(async () => {
    w = await openWorld(dialect);
    app = w.app;
    const actor = { id: null, name: '测试' };
    // The world's 贺兰县 业务员 `reviewer`, and a 领导 of 贺兰县 beside them.
    ids.reviewer = w.userIds.reviewer ?? 0;
    ids.reviewer2 = (
      await createUser(w.t.ctx, {
        actor,
        username: 'reviewer2',
        displayName: 'reviewer2',
        role: 'leader',
        regionCode: B,
        unitId: null,
        password: PASSWORD,
      })
    ).id;
    units.b01 = w.unit('B01');
    units.a03 = w.unit('A03');
    units.b04 = w.unit('B04');
    units.third = w.unit('A01', '640221');
    units.ownB = w.unit('A01', B);
    const clerk: Principal = {
      userId: w.userIds.clerk ?? 0,
      username: 'clerk',
      displayName: 'clerk',
      role: 'clerk',
      regionCode: A,
      unitId: null,
      mustChangePassword: false,
    };
    planId = (
      await saveEvaluationPlan(w.t.ctx, {
        principal: clerk,
        regionCode: A,
        plan: {
          year: 2025,
          type: 'execution',
          title: '2025年度机构编制执行情况评估',
          leadingGroup: '张三（组长）',
          periodFrom: '2025-01-01',
          periodTo: '2025-12-31',
          selfFrom: '2026-01-05',
          selfTo: '2026-01-15',
          onsiteFrom: '2026-02-01',
          onsiteTo: '2026-02-15',
          crossFrom: '2026-03-12',
          crossTo: '2026-03-20',
          stageWeights: { self: 20, onsite: 50, cross: 30 },
          unitIds: [units.b01, units.a03],
          indicators: fixedIndicatorSystem(),
        },
      })
    ).id;
    for (const unitId of [units.b01, units.a03]) {
      const body = { stage: 'self' as const, unitId, scores: fullSelf() };
      await scoreEvaluationStage(w.t.ctx, { principal: clerk, planId, body, today: '2026-01-10' });
      await scoreEvaluationStage(w.t.ctx, {
        principal: clerk,
        planId,
        body: {
          stage: 'onsite',
          unitId,
          scores: [{ code: 'C2', measurement: manual(17, '职责清单未更新') }],
        },
        today: '2026-02-05',
      });
    }
  }, 180_000);
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await w?.app.close();
    await w?.t.destroy();
  });

  it('grants before the stage: read-only access to the evaluated units, nothing else, no scoring yet', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(at('2026-03-10'));
    await login('clerk', 'liaison', 'reviewer', 'reviewer2');
    const grants = `/api/evaluation/plans/${planId}/cross-evaluators`;
    // Only the evaluated county's office grants, and only to a user of another county.
    expect((await inject('liaison', 'POST', grants, { userId: ids.reviewer })).statusCode).toBe(403);
    expect((await inject('reviewer', 'POST', grants, { userId: ids.reviewer })).statusCode).toBe(403);
    // One refusal, the same for a user id that does not exist as for a user of the county (or
    // above it, or of a role) that may not be granted: it never tells whether the id exists.
    const sameCounty = await inject('clerk', 'POST', grants, { userId: w.userIds.leader });
    expect(sameCounty.statusCode).toBe(400);
    expect(sameCounty.body).toContain('交叉互评人员应为其他县');
    const viewer = await inject('clerk', 'POST', grants, { userId: w.userIds.city });
    const missing = await inject('clerk', 'POST', grants, { userId: 987_654 });
    for (const refused of [viewer, missing]) {
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toBe(sameCounty.body);
    }
    const granted = await inject('clerk', 'POST', grants, { userId: ids.reviewer });
    expect(granted.statusCode).toBe(201);
    expect(granted.json<CrossEvaluator>()).toMatchObject({
      username: 'reviewer',
      regionCode: B,
      regionName: '宁夏回族自治区 银川市 贺兰县',
      validUntil: '2026-03-20',
      state: 'active',
    });
    expect((await inject('clerk', 'POST', grants, { userId: ids.reviewer })).body).toContain('已是本方案');
    // A plan without a 交叉互评 stage weighs no such stage and grants nobody.
    const plain = {
      region: A,
      year: 2025,
      type: 'execution',
      title: '无交叉互评',
      leadingGroup: '',
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      selfFrom: '2026-01-05',
      selfTo: '2026-01-15',
      onsiteFrom: '2026-02-01',
      onsiteTo: '2026-02-15',
      crossFrom: null,
      crossTo: null,
      unitIds: [units.b01],
    };
    const weighted = await inject('clerk', 'POST', '/api/evaluation/plans', {
      ...plain,
      stageWeights: { self: 20, onsite: 50, cross: 30 },
    });
    expect(weighted.statusCode).toBe(400);
    expect(weighted.body).toContain('未安排交叉互评阶段时，交叉互评的权重应为 0');
    const created = await inject('clerk', 'POST', '/api/evaluation/plans', plain);
    expect(created.statusCode).toBe(201);
    const noStage = await inject(
      'clerk',
      'POST',
      `/api/evaluation/plans/${created.json<{ id: number }>().id}/cross-evaluators`,
      {
        userId: ids.reviewer,
      },
    );
    expect(noStage.statusCode).toBe(400);
    expect(noStage.body).toContain('本方案未安排交叉互评阶段');

    // The evaluator's tasks: this plan and its two units.
    const mine = await inject('reviewer', 'GET', '/api/evaluation/cross-grants');
    expect(mine.statusCode).toBe(200);
    expect(mine.json<CrossGrantSummary[]>()).toMatchObject([
      {
        planId,
        regionCode: A,
        regionName: '宁夏回族自治区 银川市 永宁县',
        crossFrom: '2026-03-12',
        crossTo: '2026-03-20',
      },
    ]);
    expect(
      mine
        .json<CrossGrantSummary[]>()[0]
        ?.units.map((u) => u.id)
        .sort(),
    ).toEqual([units.b01, units.a03].sort());
    expect((await inject('reviewer2', 'GET', '/api/evaluation/cross-grants')).json()).toEqual([]);

    // What the grant opens: the plan, the evaluated units' pages, measures, scores, result.
    const url = `/api/evaluation/plans/${planId}`;
    for (const path of [
      url,
      `/api/units/${units.b01}`,
      `/api/units/${units.a03}/history`,
      `${url}/measures`,
      `${url}/result`,
      `${url}/scores?unitId=${units.b01}`,
    ])
      expect((await inject('reviewer', 'GET', path)).statusCode, path).toBe(200);
    const earlier = (await inject('reviewer', 'GET', `${url}/scores?unitId=${units.b01}`)).json<
      StageScore[]
    >();
    expect(earlier.filter((s) => s.stage === 'onsite').map((s) => [s.code, s.score])).toEqual([['C2', 17]]);
    expect(earlier.filter((s) => s.stage === 'self')).toHaveLength(6);
    // Their own county as usual.
    expect((await inject('reviewer', 'GET', `/api/units/${units.ownB}`)).statusCode).toBe(200);
    // Nothing else: another unit of the county, a third county, the county's lists, people,
    // reports, the evaluators' list, the plan's other stages.
    const refused: [string, string, unknown?][] = [
      ['GET', `/api/units/${units.b04}`],
      ['GET', `/api/units/${units.third}`],
      ['GET', `/api/units?region=${A}`],
      ['GET', `/api/evaluation/plans?region=${A}`],
      ['GET', `/api/people/${w.person('王强')}`],
      ['GET', `/api/people?region=${A}&unitId=${units.b01}`],
      ['GET', `/api/reports/basic?region=${A}`],
      ['GET', `/api/overview?region=${A}`],
      ['GET', `${url}/cross-evaluators`],
      [
        'POST',
        `${url}/onsite-scores`,
        { unitId: units.b01, scores: [{ code: 'C1', measurement: manual(10) }] },
      ],
      [
        'POST',
        `${url}/self-scores`,
        { unitId: units.b01, scores: [{ code: 'C1', measurement: manual(10) }] },
      ],
    ];
    for (const [method, path, payload] of refused)
      expect((await inject('reviewer', method as 'GET', path, payload)).statusCode, `${method} ${path}`).toBe(
        403,
      );
    // Another user of the same county, without a grant, reads nothing of the plan.
    expect((await inject('reviewer2', 'GET', url)).statusCode).toBe(403);
    expect((await inject('reviewer2', 'GET', `/api/units/${units.b01}`)).statusCode).toBe(403);
    // Nobody scores 交叉互评 by their own county's rights, the evaluated county's clerk included.
    const own = await crossScore('clerk', units.b01, [{ code: 'C2', measurement: manual(20) }]);
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain('其他县交叉互评人员');
    // Before the stage: refused in words.
    const early = await crossScore('reviewer', units.b01, [
      { code: 'C2', measurement: manual(14, '未落实') },
    ]);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('交叉互评阶段为 2026-03-12 至 2026-03-20，今天（2026-03-10）不能打分');
  });

  it('scores within the stage, for the evaluated units only; the result weighs the stages', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(at('2026-03-15'));
    await login('clerk', 'reviewer');
    const c2 = [{ code: 'C2', measurement: manual(14, '职责任务清单未落实') }];
    expect((await crossScore('reviewer', units.b04, c2)).statusCode).toBe(403);
    expect((await crossScore('reviewer', units.third, c2)).statusCode).toBe(403);
    for (const unitId of [units.b01, units.a03]) {
      const res = await crossScore('reviewer', unitId, c2);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject([{ code: 'C2', score: 14, stage: 'cross' }]);
    }
    const result = (
      await inject('clerk', 'GET', `/api/evaluation/plans/${planId}/result`)
    ).json<EvaluationResult>();
    expect(result.stageWeights).toEqual({ self: 20, onsite: 50, cross: 30 });
    expect(result.incomplete).toEqual([]);
    for (const u of result.ranking) {
      const t = u.stages?.find((s) => s.stage === 'self')?.total ?? NaN;
      expect(u.stages?.map((s) => [s.stage, s.weight, s.total])).toEqual([
        ['self', 20, t],
        ['onsite', 50, Math.round((t - 3) * 100) / 100],
        ['cross', 30, Math.round((t - 6) * 100) / 100],
      ]);
      expect(u.total).toBe(Math.round((t - 3.3) * 100) / 100);
      expect(u.leaves.find((l) => l.code === 'C2')).toMatchObject({ score: 16.7, source: 'cross' });
      expect(u.leaves.find((l) => l.code === 'C1')).toMatchObject({ score: 10, source: 'self' });
    }
    const event = await w.t.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['summary', 'payload'])
      .where('action', '=', 'evaluation.score')
      .where('entity_id', '=', String(planId))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.summary).toContain(
      `交叉互评：“2025年度机构编制执行情况评估”单位 ${units.a03} 评分 1 项（${B} 用户 reviewer`,
    );
    expect(JSON.parse(event.payload)).toMatchObject({
      after: { stage: 'cross', grantId: expect.any(Number) },
    });
  });

  it('ends at the stage’s last day without a job; revoking ends it at once; all in the audit chain', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(at('2026-03-20'));
    await login('clerk', 'reviewer', 'reviewer2');
    // The last day still opens.
    expect((await inject('reviewer', 'GET', `/api/units/${units.b01}`)).statusCode).toBe(200);
    // A second evaluator, revoked the same day.
    const grants = `/api/evaluation/plans/${planId}/cross-evaluators`;
    expect((await inject('clerk', 'POST', grants, { userId: ids.reviewer2 })).statusCode).toBe(201);
    expect((await inject('reviewer2', 'GET', `/api/units/${units.a03}`)).statusCode).toBe(200);
    const revoked = await inject('clerk', 'DELETE', `${grants}/${ids.reviewer2}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<CrossEvaluator>().state).toBe('revoked');
    const after = await inject('reviewer2', 'GET', `/api/units/${units.a03}`);
    expect(after.statusCode).toBe(403);
    expect(after.body).toContain('交叉互评授权已于 2026-03-20 撤销');
    expect((await inject('clerk', 'DELETE', `${grants}/${ids.reviewer2}`)).statusCode).toBe(404);

    // The day after the stage: the same requests, refused.
    vi.setSystemTime(at('2026-03-21'));
    await login('clerk', 'reviewer');
    for (const path of [`/api/units/${units.b01}`, `/api/evaluation/plans/${planId}`]) {
      const res = await inject('reviewer', 'GET', path);
      expect(res.statusCode, path).toBe(403);
      expect(res.body).toContain('交叉互评授权已于 2026-03-20 到期');
    }
    const late = await crossScore('reviewer', units.b01, [{ code: 'C2', measurement: manual(20) }]);
    expect(late.statusCode).toBe(403);
    expect(late.body).toContain('交叉互评授权已于 2026-03-20 到期');
    expect((await inject('reviewer', 'GET', '/api/evaluation/cross-grants')).json()).toEqual([]);
    const list = (await inject('clerk', 'GET', grants)).json<CrossEvaluator[]>();
    expect(list.map((g) => [g.username, g.state])).toEqual([
      ['reviewer2', 'revoked'],
      ['reviewer', 'expired'],
    ]);
    expect((await inject('clerk', 'POST', grants, { userId: ids.reviewer2 })).body).toContain(
      '交叉互评阶段已于',
    );

    const db = w.t.ctx.db.kysely;
    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'summary'])
      .where('entity_id', '=', String(planId))
      .where('action', 'in', ['evaluation.cross_grant', 'evaluation.cross_revoke'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'evaluation.cross_grant',
      'evaluation.cross_grant',
      'evaluation.cross_revoke',
    ]);
    expect(events[0]?.summary).toContain('2026-03-20 后自动失效');
    expect(events[2]?.summary).toBe(
      `撤销 ${B} 用户 reviewer2 对“2025年度机构编制执行情况评估”的交叉互评授权`,
    );
    // The end of the lapsed grant is written to the chain once (the server checks every hour);
    // the revoked one has its revocation and gets no expiry event; on the stage's last day
    // nothing has lapsed yet.
    expect(await recordLapsedCrossGrants(w.t.ctx, { today: '2026-03-20' })).toBe(0);
    expect(await recordLapsedCrossGrants(w.t.ctx, { today: '2026-03-21' })).toBe(1);
    expect(await recordLapsedCrossGrants(w.t.ctx, { today: '2026-03-22' })).toBe(0);
    const expiry = await db
      .selectFrom('audit_events')
      .select(['summary', 'actor_name', 'region_code'])
      .where('action', '=', 'evaluation.cross_expire')
      .execute();
    expect(expiry).toEqual([
      {
        summary: `${B} 用户 reviewer 对“2025年度机构编制执行情况评估”的交叉互评授权已于 2026-03-20 交叉互评阶段结束后到期`,
        actor_name: '系统',
        region_code: '640121',
      },
    ]);
    expect(await verifyAuditChain(db, w.t.ctx.auditKeys)).toMatchObject({ ok: true });
  });
});
