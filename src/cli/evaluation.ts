// `bianzhi evaluation score --plan ID [--format text|json|xlsx|docx] [--out FILE]`: a plan's
// final scores, grades and ranking (the stages combined as the plan says: weighted, or 交叉互评
// over 实地评估 over the ledger's measurements over 自评), each unit's stage totals, and the units
// not fully scored; as xlsx the scores workbook, as docx the summary report (both need --out).
// Run on the server's shell (no account).
import fs from 'node:fs';
import {
  EVALUATION_STAGE_LABELS,
  EVALUATION_STAGES,
  GRADE_LABELS,
  SCORE_SOURCE_LABELS,
} from '../common/evaluation.ts';
import type { EvaluationResult } from '../common/wire-evaluation.ts';
import type { Booted } from '../bootstrap.ts';
import { findPlan } from '../db/repositories/evaluation.ts';
import { evaluationResult } from '../domain/evaluation/compute-evaluation-result.ts';
import { exportEvaluation } from '../domain/evaluation/export-evaluation.ts';
import { notFound } from '../errors.ts';
import type { Out } from './commands.ts';

export const EVALUATION_HELP =
  '用法：bianzhi evaluation score --plan 编号 [--format text|json|xlsx|docx] [--out 文件]（xlsx、docx 须给 --out）';

function stagesLine(r: EvaluationResult): string {
  const w = r.stageWeights;
  if (!w) return '计分方式：按最后阶段（交叉互评优先于实地评估、系统测算、自评）';
  const parts = EVALUATION_STAGES.map((s) => `${EVALUATION_STAGE_LABELS[s]} ${w[s]}`);
  return `计分方式：各阶段得分加权（${parts.join('，')}）`;
}

export function renderEvaluationText(r: EvaluationResult): string {
  const lines = [`${r.title}：最终得分和排名`, stagesLine(r), ''];
  for (const u of r.ranking) {
    const veto = u.vetoes.length > 0 ? `（一票否优：${u.vetoes.join('、')}）` : '';
    lines.push(
      `第 ${u.rank} 名  ${u.unitName}  ${u.total} / ${u.totalPoints} 分  ${GRADE_LABELS[u.grade]}${veto}`,
    );
    if (u.stages)
      lines.push(
        `    各阶段：${u.stages.map((s) => `${EVALUATION_STAGE_LABELS[s.stage]} ${s.total}（权重 ${s.weight}）`).join('，')}`,
      );
    for (const l of u.leaves)
      lines.push(
        `    ${l.code}  ${l.score} / ${l.points}  ${SCORE_SOURCE_LABELS[l.source]}${l.explanation ? `  ${l.explanation}` : ''}`,
      );
  }
  if (r.ranking.length === 0) lines.push('尚无评分完整的单位');
  for (const u of r.incomplete) lines.push(`未评完：${u.unitName}，缺 ${u.missing.join('、')}`);
  return lines.join('\n');
}

export async function evaluationCommand(
  b: Booted,
  opts: {
    action: string | undefined;
    plan: string | undefined;
    format: string | undefined;
    out: string | undefined;
  },
  out: Out,
): Promise<number> {
  if (opts.action !== 'score' || !opts.plan) {
    out(EVALUATION_HELP);
    return 2;
  }
  if (!/^\d+$/.test(opts.plan)) {
    out('--plan 应为评估方案编号');
    return 2;
  }
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'xlsx' && format !== 'docx') {
    out('--format 应为 text、json、xlsx 或 docx');
    return 2;
  }
  if ((format === 'xlsx' || format === 'docx') && (!opts.out || !opts.out.endsWith(`.${format}`))) {
    out(`--format ${format} 须用 --out 指定 .${format} 文件`);
    return 2;
  }
  const plan = await findPlan(b.ctx.db.kysely, Number(opts.plan));
  if (!plan) throw notFound(`评估方案 ${opts.plan} `);
  if (format === 'xlsx' || format === 'docx') {
    const file = await exportEvaluation(b.ctx.db.kysely, {
      principal: null,
      planId: plan.id,
      document: format === 'xlsx' ? { kind: 'scores' } : { kind: 'summary' },
    });
    const target = opts.out ?? file.fileName;
    fs.writeFileSync(target, file.content);
    out(`已写入 ${target}（${file.fileName}）`);
    return 0;
  }
  const result = await evaluationResult(b.ctx.db.kysely, plan);
  const text = format === 'json' ? JSON.stringify(result, null, 2) : renderEvaluationText(result);
  if (opts.out) {
    fs.writeFileSync(opts.out, `${text}\n`);
    out(`已写入 ${opts.out}`);
  } else out(text);
  return 0;
}
