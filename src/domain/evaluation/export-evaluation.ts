// The evaluation's documents as files, for the web and the CLI: the report of one unit (.docx),
// the summary report (.docx) and the scores workbook (.xlsx). The numbers are the plan's result
// (compute-evaluation-result.ts) on the day; the findings are the plan's rectification list.
// A null principal is the server's own shell (`bianzhi evaluation`), which reads everything.
import { todayInChina } from '../../context.ts';
import { listFindings } from '../../db/repositories/evaluation-findings.ts';
import { findPlan } from '../../db/repositories/evaluation.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { AppError, notFound } from '../../errors.ts';
import { renderSummaryReportDocx, renderUnitReportDocx } from '../../report/evaluation-docx.ts';
import { renderEvaluationXlsx } from '../../report/evaluation-xlsx.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { evaluationResult } from './compute-evaluation-result.ts';
import { findingRecords } from './finding-record.ts';
import type { EvaluationOutput } from './output-rows.ts';
import { planRecord } from './plan-record.ts';

export type EvaluationDocument =
  { kind: 'unitReport'; unitId: number } | { kind: 'summary' } | { kind: 'scores' };

export interface EvaluationFile {
  fileName: string;
  content: Buffer;
}

export async function exportEvaluation(
  db: Executor,
  opts: { principal: Principal | null; planId: number; document: EvaluationDocument; today?: string },
): Promise<EvaluationFile> {
  const row = await findPlan(db, opts.planId);
  if (!row) throw notFound('评估方案');
  const d = opts.document;
  if (opts.principal)
    await authorize(db, opts.principal, 'evaluation.results', {
      region: row.regionCode,
      units: d.kind === 'unitReport' ? [d.unitId] : [],
      wholeRegion: true,
    });
  const today = opts.today ?? todayInChina();
  const output: EvaluationOutput = {
    plan: await planRecord(db, row),
    result: await evaluationResult(db, row, today),
    findings: await findingRecords(db, row, await listFindings(db, row.id), today),
    today,
  };
  const base = row.title;
  switch (d.kind) {
    case 'unitReport': {
      const unit = output.result.ranking.find((u) => u.unitId === d.unitId);
      if (!unit) {
        if (!output.plan.units.some((u) => u.id === d.unitId))
          throw new AppError('VALIDATION', '该单位不在本方案的被评估单位之中');
        throw new AppError('CONFLICT', '该单位尚未评分完整，不能出具评估报告');
      }
      return {
        fileName: `${unit.unitName}评估报告_${today}.docx`,
        content: await renderUnitReportDocx(output, unit),
      };
    }
    case 'summary':
      return { fileName: `${base}总结报告_${today}.docx`, content: await renderSummaryReportDocx(output) };
    case 'scores':
      return { fileName: `${base}得分_${today}.xlsx`, content: await renderEvaluationXlsx(output) };
  }
}
