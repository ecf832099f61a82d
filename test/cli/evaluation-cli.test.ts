// `bianzhi evaluation score` as an operator runs it (SQLite file database; the use cases run on
// both databases in test/evaluation/evaluation.test.ts): the ranking of a plan whose 自评 and
// 实地评估 are in, as text and JSON, the scores workbook (.xlsx) and the summary report (.docx),
// and of a plan weighing 自评 and 交叉互评 (an evaluator of 贺兰县 scored under their grant);
// usage errors exit 2, an unknown plan exits 1.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationResult, MeasurementInput } from '../../src/common/wire-evaluation.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { saveEvaluationPlan } from '../../src/domain/evaluation/save-evaluation-plan.ts';
import { scoreEvaluationStage } from '../../src/domain/evaluation/score-evaluation-stage.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { openTestDb, TEST_KEY_HEX, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';
import { unzip } from '../support/zip.ts';
import { grantCrossEvaluator } from '../../src/domain/evaluation/grant-cross-evaluator.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';

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
      { code: 'A3', measurement: { kind: 'veto', triggered: false } },
      { code: 'B3', measurement: { kind: 'deduction', occurrences: 0 } },
      { code: 'C1', measurement: manual(9, '宣讲一次未留记录') },
      { code: 'C2', measurement: manual(10) },
      { code: 'C3', measurement: { kind: 'ratio', percent: 100 } },
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
    // C11 (measured by the system unless said): A1 15 − 3×3 = 6 (丙三, 戊五, 庚七 超编进人),
    // A2 10 − 2 = 8 (正科 甲一, 丙三 on 1 post), A3 5 (自评: no 机构限额 set), A4 10 (no matter),
    // B1 5.98 (county schools 59.85 %), B2 10 (no 空编), B3 10 (自评: no list compared),
    // C1 9 (自评), C2 10 (自评), C3 10 (自评: not registered)
    // → 29 + 25.98 + 29 = 83.98 of 100 → 良好.
    const text = cli(['evaluation', 'score', '--plan', String(planId)]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('第 1 名  永宁县审计事务中心  83.98 / 100 分  良好');
    expect(text.out).toContain('A1  6 / 15  系统测算  3 次，每次扣 3 分，扣 9 分');
    expect(text.out).toContain('C1  9 / 10  自评  宣讲一次未留记录');
    expect(text.out).toContain('计分方式：按最后阶段（交叉互评优先于实地评估、系统测算、自评）');
    const json = cli(['evaluation', 'score', '--plan', String(planId), '--format', 'json']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out) as EvaluationResult;
    expect(r.ranking.map((u) => [u.rank, u.total, u.grade])).toEqual([[1, 83.98, 'good']]);
  });

  it('writes the scores workbook and the summary report with the same numbers', async () => {
    const json = JSON.parse(
      cli(['evaluation', 'score', '--plan', String(planId), '--format', 'json']).out,
    ) as EvaluationResult;
    const xlsxPath = path.join(dir, '得分.xlsx');
    const xlsx = cli([
      'evaluation',
      'score',
      '--plan',
      String(planId),
      '--format',
      'xlsx',
      '--out',
      xlsxPath,
    ]);
    expect(xlsx.code).toBe(0);
    expect(xlsx.out).toContain(`已写入 ${xlsxPath}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const row = wb.getWorksheet('得分汇总')?.getRow(4).values;
    expect(Array.isArray(row) ? row.slice(1, 6) : null).toEqual([
      1,
      '永宁县审计事务中心',
      83.98,
      100,
      '良好',
    ]);
    const detail: unknown[][] = [];
    wb.getWorksheet('得分明细')?.eachRow((r, n) => {
      if (n > 3 && Array.isArray(r.values)) detail.push([r.values[4], r.values[7]]);
    });
    expect(detail).toEqual(json.ranking[0]?.leaves.map((l) => [l.code, l.score]));
    const docxPath = path.join(dir, '总结.docx');
    expect(
      cli(['evaluation', 'score', '--plan', String(planId), '--format', 'docx', '--out', docxPath]).code,
    ).toBe(0);
    const xml = unzip(fs.readFileSync(docxPath)).get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('第1名 永宁县审计事务中心：83.98分，良好');
  });

  it('shows the 交叉互评 stage and the weighted total', () => {
    // 自评 83.98 as above; 交叉互评 C1 6 (the rest from the stages before) → 83.98 − 3 = 80.98;
    // final (40 × 83.98 + 60 × 80.98) ÷ 100 = 82.18 → 良好; C1 (40 × 9 + 60 × 6) ÷ 100 = 7.2.
    const text = cli(['evaluation', 'score', '--plan', String(weightedId)]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('计分方式：各阶段得分加权（自评 40，实地评估 0，交叉互评 60）');
    expect(text.out).toContain('第 1 名  永宁县审计事务中心  82.18 / 100 分  良好');
    expect(text.out).toContain('各阶段：自评 83.98（权重 40），交叉互评 80.98（权重 60）');
    expect(text.out).toContain('C1  7.2 / 10  交叉互评  宣讲材料缺失');
    const json = cli(['evaluation', 'score', '--plan', String(weightedId), '--format', 'json']);
    const r = JSON.parse(json.out) as EvaluationResult;
    expect(r.stageWeights).toEqual({ self: 40, onsite: 0, cross: 60 });
    expect(r.ranking[0]?.stages).toEqual([
      { stage: 'self', weight: 40, total: 83.98 },
      { stage: 'cross', weight: 60, total: 80.98 },
    ]);
  });

  it('refuses bad usage and unknown plans', () => {
    expect(cli(['evaluation', 'score']).code).toBe(2);
    expect(cli(['evaluation', 'score', '--plan', 'x']).code).toBe(2);
    expect(cli(['evaluation', 'score', '--plan', String(planId), '--format', 'pdf']).code).toBe(2);
    const noOut = cli(['evaluation', 'score', '--plan', String(planId), '--format', 'xlsx']);
    expect(noOut.code).toBe(2);
    expect(noOut.out).toContain('--format xlsx 须用 --out 指定 .xlsx 文件');
    const unknown = cli(['evaluation', 'score', '--plan', '9999']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('评估方案 9999');
  });
});
