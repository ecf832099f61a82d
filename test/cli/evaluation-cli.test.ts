// `bianzhi evaluation score` as an operator runs it (SQLite file database; the use cases run on
// both databases in test/evaluation/evaluation.test.ts): the ranking of a plan whose 自评 and
// 实地评估 are in, as text and JSON, and of a plan weighing 自评 and 交叉互评 (an evaluator of
// 贺兰县 scored under their grant); usage errors exit 2, an unknown plan exits 1.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationResult, MeasurementInput } from '../../src/common/wire-evaluation.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { grantCrossEvaluator } from '../../src/domain/evaluation/grant-cross-evaluator.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { saveEvaluationPlan } from '../../src/domain/evaluation/save-evaluation-plan.ts';
import { scoreEvaluationStage } from '../../src/domain/evaluation/score-evaluation-stage.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { openTestDb, TEST_KEY_HEX, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const BIN = path.resolve('bin/bianzhi.mjs');
const EVALUATION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/evaluation');

describe('evaluation command', () => {
  let t: TestDb;
  const dir = tempDir();
  let planId = 0;
  let weightedId = 0;
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: t.url, BIANZHI_DATA_DIR: dir, BIANZHI_KEY: TEST_KEY_HEX },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  };

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    const actor = { id: null, name: '测试' };
    for (const d of [COUNTY_DIR, EVALUATION_DIR])
      expect(
        (await importWorkbook(t.ctx, { actor, paths: [d], dryRun: false, allowedRegions: null })).ok,
      ).toBe(true);
    const units = await unitIdsByCode(t.ctx.db.kysely, ['640121']);
    const c11 = units.get('640121/C11') ?? 0;
    const { id } = await createUser(t.ctx, {
      actor,
      username: 'clerk',
      displayName: '张科员',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      password: 'Evaluate-Pass-2026',
    });
    const clerk = {
      userId: id,
      username: 'clerk',
      displayName: '张科员',
      role: 'clerk' as const,
      regionCode: '640121',
      unitId: null,
      mustChangePassword: false,
    };
    planId = (
      await saveEvaluationPlan(t.ctx, {
        principal: clerk,
        regionCode: '640121',
        plan: {
          year: 2023,
          type: 'execution',
          title: '2023年度评估',
          leadingGroup: '张三（组长）',
          periodFrom: '2023-01-01',
          periodTo: '2023-12-31',
          selfFrom: '2024-01-10',
          selfTo: '2024-01-20',
          onsiteFrom: '2024-02-01',
          onsiteTo: '2024-02-15',
          crossFrom: null,
          crossTo: null,
          unitIds: [c11],
        },
      })
    ).id;
    const manual = (score: number, evidence = ''): MeasurementInput => ({ kind: 'manual', score, evidence });
    const selfScores = [
      { code: 'A2', measurement: manual(10) },
      { code: 'A3', measurement: { kind: 'veto', triggered: false } },
      { code: 'B2', measurement: manual(10) },
      { code: 'B3', measurement: manual(10) },
      { code: 'C1', measurement: manual(9, '宣讲一次未留记录') },
      { code: 'C2', measurement: manual(20) },
    ] satisfies { code: string; measurement: MeasurementInput }[];
    await scoreEvaluationStage(t.ctx, {
      principal: clerk,
      planId,
      today: '2024-01-15',
      body: { stage: 'self', unitId: c11, scores: selfScores },
    });
    // The same unit under a plan of 自评 40 and 交叉互评 60, its stage open until 2099.
    weightedId = (
      await saveEvaluationPlan(t.ctx, {
        principal: clerk,
        regionCode: '640121',
        plan: {
          year: 2023,
          type: 'execution',
          title: '2023年度评估（交叉互评）',
          leadingGroup: '张三（组长）',
          periodFrom: '2023-01-01',
          periodTo: '2023-12-31',
          selfFrom: '2024-01-10',
          selfTo: '2024-01-20',
          onsiteFrom: '2024-02-01',
          onsiteTo: '2024-02-15',
          crossFrom: '2024-03-01',
          crossTo: '2099-12-31',
          stageWeights: { self: 40, onsite: 0, cross: 60 },
          unitIds: [c11],
        },
      })
    ).id;
    await scoreEvaluationStage(t.ctx, {
      principal: clerk,
      planId: weightedId,
      today: '2024-01-15',
      body: { stage: 'self', unitId: c11, scores: selfScores },
    });
    await ensureRegion(t.ctx, { code: '640122', actor });
    const reviewer = await createUser(t.ctx, {
      actor,
      username: 'reviewer',
      displayName: '贺兰县评估员',
      role: 'clerk',
      regionCode: '640122',
      unitId: null,
      password: 'Evaluate-Pass-2026',
    });
    await grantCrossEvaluator(t.ctx, { principal: clerk, planId: weightedId, userId: reviewer.id });
    await scoreEvaluationStage(t.ctx, {
      principal: { ...clerk, userId: reviewer.id, username: 'reviewer', regionCode: '640122' },
      planId: weightedId,
      today: '2024-03-05',
      body: { stage: 'cross', unitId: c11, scores: [{ code: 'C1', measurement: manual(6, '宣讲材料缺失') }] },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.destroy();
  });

  it('prints the ranking as text and JSON', () => {
    // C11: A1 20 − 2×2 = 16 (two 超编进人), B1 5.98 (county schools 59.85 %), C1 9 → 16+10+10
    // + 5.98+10+10 + 9+20 = 90.98 of 100 → 优秀.
    const text = cli(['evaluation', 'score', '--plan', String(planId)]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('第 1 名  永宁县审计事务中心  90.98 / 100 分  优秀');
    expect(text.out).toContain('A1  16 / 20  系统测算  2 次，每次扣 2 分，扣 4 分');
    expect(text.out).toContain('C1  9 / 10  自评  宣讲一次未留记录');
    expect(text.out).toContain('计分方式：按最后阶段（交叉互评优先于实地评估、系统测算、自评）');
    const json = cli(['evaluation', 'score', '--plan', String(planId), '--format', 'json']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out) as EvaluationResult;
    expect(r.ranking.map((u) => [u.rank, u.total, u.grade])).toEqual([[1, 90.98, 'excellent']]);
  });

  it('shows the 交叉互评 stage and the weighted total', () => {
    // 自评 90.98 as above; 交叉互评 C1 6 (the rest from the stages before) → 90.98 − 3 = 87.98;
    // final (40 × 90.98 + 60 × 87.98) ÷ 100 = 89.18 → 良好; C1 (40 × 9 + 60 × 6) ÷ 100 = 7.2.
    const text = cli(['evaluation', 'score', '--plan', String(weightedId)]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('计分方式：各阶段得分加权（自评 40，实地评估 0，交叉互评 60）');
    expect(text.out).toContain('第 1 名  永宁县审计事务中心  89.18 / 100 分  良好');
    expect(text.out).toContain('各阶段：自评 90.98（权重 40），交叉互评 87.98（权重 60）');
    expect(text.out).toContain('C1  7.2 / 10  交叉互评  宣讲材料缺失');
    const json = cli(['evaluation', 'score', '--plan', String(weightedId), '--format', 'json']);
    const r = JSON.parse(json.out) as EvaluationResult;
    expect(r.stageWeights).toEqual({ self: 40, onsite: 0, cross: 60 });
    expect(r.ranking[0]?.stages).toEqual([
      { stage: 'self', weight: 40, total: 90.98 },
      { stage: 'cross', weight: 60, total: 87.98 },
    ]);
  });

  it('refuses bad usage and unknown plans', () => {
    expect(cli(['evaluation', 'score']).code).toBe(2);
    expect(cli(['evaluation', 'score', '--plan', 'x']).code).toBe(2);
    expect(cli(['evaluation', 'score', '--plan', String(planId), '--format', 'xlsx']).code).toBe(2);
    const unknown = cli(['evaluation', 'score', '--plan', '9999']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('评估方案 9999');
  });
});
