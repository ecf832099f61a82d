// 评估问效 scores workbook: 得分汇总 (one row per unit: rank, total, grade, each top-level
// indicator; then the units not fully scored), 得分明细 (one row per unit × leaf indicator) and
// 问题整改清单 (the findings and their rectification). Scores are numbers, every text cell is
// neutralised against formula injection (src/common/spreadsheet-text.ts).
import ExcelJS from 'exceljs';
import { GRADE_LABELS } from '../common/evaluation.ts';
import { FINDING_STATUS_LABELS, OVERDUE_LABEL } from '../common/wire-evaluation-findings.ts';
import { findingIndicator, scoreRows, type EvaluationOutput } from '../domain/evaluation/output-rows.ts';
import { titledTable } from './xlsx-style.ts';

export const SHEETS = { summary: '得分汇总', detail: '得分明细', findings: '问题整改清单' } as const;
/** Rows above the header of every sheet: the title and the line under it. */
export const HEADER_ROW = 3;

export async function renderEvaluationXlsx(o: EvaluationOutput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '机构编制管理系统';
  const { plan, result } = o;
  const subtitle = `评估期间 ${plan.periodFrom} 至 ${plan.periodTo}；制表日期 ${o.today}`;
  const tops = plan.indicators.indicators;

  titledTable(
    wb.addWorksheet(SHEETS.summary),
    `${plan.title}得分汇总`,
    subtitle,
    [
      { header: '排名', width: 8 },
      { header: '单位', width: 30 },
      { header: '总得分', width: 10 },
      { header: '满分', width: 8 },
      { header: '等次', width: 10 },
      { header: '一票否优', width: 12 },
      ...tops.map((t) => ({ header: `${t.code} ${t.name}（${t.points}分）`, width: 16 })),
      { header: '说明', width: 30 },
    ],
    [
      ...result.ranking.map((u) => [
        u.rank,
        u.unitName,
        u.total,
        u.totalPoints,
        GRADE_LABELS[u.grade],
        u.vetoes.join('、'),
        ...tops.map((t) => u.branches[t.code] ?? u.leaves.find((l) => l.code === t.code)?.score ?? null),
        '',
      ]),
      ...result.incomplete.map((u) => [
        null,
        u.unitName,
        null,
        null,
        '未评完',
        '',
        ...tops.map(() => null),
        `缺 ${u.missing.join('、')}`,
      ]),
    ],
  );

  titledTable(
    wb.addWorksheet(SHEETS.detail),
    `${plan.title}得分明细`,
    subtitle,
    [
      { header: '排名', width: 8 },
      { header: '单位', width: 30 },
      { header: '一级指标', width: 18 },
      { header: '指标编号', width: 10 },
      { header: '指标名称', width: 24 },
      { header: '分值', width: 8 },
      { header: '得分', width: 8 },
      { header: '来源', width: 10 },
      { header: '扣分说明', width: 40 },
    ],
    scoreRows(plan, result.ranking).map((r) => [
      r.rank,
      r.unitName,
      `${r.topCode} ${r.topName}`,
      r.code,
      r.name,
      r.points,
      r.score,
      r.source,
      r.explanation,
    ]),
  );

  titledTable(
    wb.addWorksheet(SHEETS.findings),
    `${plan.title}问题整改清单`,
    subtitle,
    [
      { header: '单位', width: 30 },
      { header: '涉及指标', width: 20 },
      { header: '存在问题', width: 40 },
      { header: '整改措施', width: 40 },
      { header: '责任单位', width: 20 },
      { header: '整改时限', width: 12 },
      { header: '整改状态', width: 10 },
      { header: '完成日期', width: 12 },
      { header: '是否逾期', width: 10 },
      { header: '整改进展', width: 30 },
    ],
    o.findings.map((f) => [
      f.unitName,
      findingIndicator(f),
      f.finding,
      f.measure,
      f.responsible,
      f.deadline,
      FINDING_STATUS_LABELS[f.status],
      f.doneOn ?? '',
      f.overdue ? OVERDUE_LABEL : '',
      f.progress,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
