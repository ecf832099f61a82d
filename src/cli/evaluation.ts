// `bianzhi evaluation score --plan ID [--format text|json]`: a plan's final scores, grades and
// ranking (the stages combined as the plan says: weighted, or 交叉互评 over 实地评估 over the
// ledger's measurements over 自评), each unit's stage totals, and the units not fully scored.
// Run on the server's shell (no account).
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
import { notFound } from '../errors.ts';
import type { Out } from './commands.ts';

export const EVALUATION_HELP = '用法：bianzhi evaluation score --plan 编号 [--format text|json]';

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
  opts: { action: string | undefined; plan: string | undefined; format: string | undefined },
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
  if (format !== 'text' && format !== 'json') {
    out('--format 应为 text 或 json');
    return 2;
  }
  const plan = await findPlan(b.ctx.db.kysely, Number(opts.plan));
  if (!plan) throw notFound(`评估方案 ${opts.plan} `);
  const result = await evaluationResult(b.ctx.db.kysely, plan);
  out(format === 'json' ? JSON.stringify(result, null, 2) : renderEvaluationText(result));
  return 0;
}
