// 评估问效 Word documents in the GB/T 9704 layout of basic-docx.ts: the evaluation report of one
// unit (its scores by indicator, total, grade, rank, findings and rectification) and the
// summary report of a plan (the ranking, each unit's scores by top-level indicator, the
// rectification list). Pure: the computed result in, the bytes out.
import { EVALUATION_TYPE_LABELS, GRADE_LABELS, scoreBasisText } from '../common/evaluation.ts';
import type { FinalUnit } from '../common/wire-evaluation.ts';
import { countFindings } from '../domain/evaluation/finding-rules.ts';
import {
  findingSentence,
  indicatorPlaces,
  SOURCE_LABELS,
  type EvaluationOutput,
} from '../domain/evaluation/output-rows.ts';
import { chineseDate, renderOfficialDocx } from './basic-docx.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (i: number) => NUMERALS[i] ?? String(i + 1);
const heading = (i: number, text: string) => `${numeral(i)}、${text}`;
const subheading = (i: number, text: string) => `（${numeral(i)}）${text}`;
const points = (n: number) => `${n}分`;

const sum = (xs: readonly number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 100) / 100;

/** "机构编制执行情况" of an 执行情况评估. */
const topic = (o: EvaluationOutput) => `机构编制${EVALUATION_TYPE_LABELS[o.plan.type].replace(/评估$/u, '')}`;

function basisLines(o: EvaluationOutput, subject: string): string[] {
  const p = o.plan;
  const group = p.leadingGroup
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return [
    `按照《${p.title}》的安排，评估领导小组对${subject}${chineseDate(p.periodFrom)}至` +
      `${chineseDate(p.periodTo)}的${topic(o)}进行了评估：${chineseDate(p.selfFrom)}至` +
      `${chineseDate(p.selfTo)}被评估单位开展自评，${chineseDate(p.onsiteFrom)}至` +
      `${chineseDate(p.onsiteTo)}评估组开展实地评估` +
      (p.crossFrom !== null && p.crossTo !== null
        ? `，${chineseDate(p.crossFrom)}至${chineseDate(p.crossTo)}其他县（市、区）评估人员开展交叉互评。`
        : '。') +
      (group.length > 0 ? `评估领导小组成员：${group.join('；')}。` : ''),
    `评估采用${p.indicators.indicators.length}项一级指标，满分${points(sum(p.indicators.indicators.map((i) => i.points)))}；` +
      `${scoreBasisText(p.stageWeights, p.crossFrom !== null)}。`,
  ];
}

function unitVerdict(u: FinalUnit, ranked: number): string {
  const veto =
    u.vetoes.length > 0 ? `因${u.vetoes.join('、')}项一票否优，等次不高于${GRADE_LABELS[u.grade]}。` : '';
  return (
    `总得分${points(u.total)}（满分${points(u.totalPoints)}），评估等次为${GRADE_LABELS[u.grade]}，` +
    `在${ranked}个评完的被评估单位中排名第${u.rank}名。${veto}`
  );
}

/** The evaluation report of one unit (it must be fully scored: the caller checks). */
export async function renderUnitReportDocx(o: EvaluationOutput, unit: FinalUnit): Promise<Buffer> {
  const places = indicatorPlaces(o.plan.indicators.indicators);
  const lines: string[] = [heading(0, '评估基本情况'), ...basisLines(o, unit.unitName)];
  lines.push(heading(1, '评估结果'), unitVerdict(unit, o.result.ranking.length));
  o.plan.indicators.indicators.forEach((top, i) => {
    const score = unit.branches[top.code] ?? unit.leaves.find((l) => l.code === top.code)?.score ?? 0;
    lines.push(subheading(i, `${top.name}：得${points(score)}（满分${points(top.points)}）`));
    for (const l of unit.leaves) {
      if (places.get(l.code)?.top.code !== top.code) continue;
      const name = places.get(l.code)?.name ?? l.code;
      const why = l.explanation ? `，${l.explanation.replace(/[。；]$/u, '')}` : '';
      lines.push(
        `${l.code} ${name}：得${points(l.score)}（满分${points(l.points)}，${SOURCE_LABELS[l.source]}${why}）。`,
      );
    }
  });
  const findings = o.findings.filter((f) => f.unitId === unit.unitId);
  lines.push(heading(2, '存在问题和整改要求'));
  if (findings.length === 0) lines.push('本次评估未发现需要整改的问题。');
  else {
    const c = countFindings(findings, o.today);
    lines.push(
      `评估发现问题${c.total}个，截至${chineseDate(o.today)}已整改${c.done}个、整改中${c.inProgress}个、` +
        `未整改${c.open}个，其中逾期未完成${c.overdue}个。`,
    );
    findings.forEach((f, i) => lines.push(`${i + 1}．${findingSentence(f, o.today, chineseDate)}`));
  }
  return renderOfficialDocx({
    title: `${unit.unitName}${o.plan.year}年度${topic(o)}评估报告`,
    subtitle: `（${chineseDate(o.today)}）`,
    description: `${o.plan.title}：${unit.unitName}评估报告`,
    lines,
    figuresTitle: '指标得分表',
    figuresHeader: ['指标', '得分 / 分值'],
    figures: [
      ...unit.leaves.map((l) => ({
        label: `${l.code} ${places.get(l.code)?.name ?? l.code}`,
        value: `${l.score} / ${l.points}`,
      })),
      { label: '总得分', value: `${unit.total} / ${unit.totalPoints}` },
      { label: '评估等次', value: GRADE_LABELS[unit.grade] },
      { label: '排名', value: `${unit.rank} / ${o.result.ranking.length}` },
    ],
  });
}

/** The summary report of a plan: ranking, grades, the units not fully scored, rectification. */
export async function renderSummaryReportDocx(o: EvaluationOutput): Promise<Buffer> {
  const r = o.result;
  const tops = o.plan.indicators.indicators;
  const lines: string[] = [heading(0, '评估基本情况'), ...basisLines(o, `${o.plan.units.length}个单位`)];
  lines.push(heading(1, '评估结果'));
  if (r.ranking.length === 0) lines.push('尚无评分完整的单位。');
  else {
    const byGrade = (['excellent', 'good', 'pass', 'fail'] as const)
      .map((g) => ({ g, n: r.ranking.filter((u) => u.grade === g).length }))
      .filter((x) => x.n > 0)
      .map((x) => `${GRADE_LABELS[x.g]}${x.n}个`);
    lines.push(`评分完整的单位${r.ranking.length}个，其中${byGrade.join('、')}。按总得分排名如下：`);
    for (const u of r.ranking) {
      const parts = tops.map((t) => `${t.name}${points(u.branches[t.code] ?? 0)}`).join('，');
      const veto = u.vetoes.length > 0 ? `，一票否优：${u.vetoes.join('、')}` : '';
      lines.push(
        `第${u.rank}名 ${u.unitName}：${points(u.total)}，${GRADE_LABELS[u.grade]}（${parts}${veto}）。`,
      );
    }
  }
  if (r.incomplete.length > 0)
    lines.push(
      `尚未评完的单位${r.incomplete.length}个：` +
        r.incomplete.map((u) => `${u.unitName}（缺${u.missing.join('、')}）`).join('；') +
        '。',
    );
  lines.push(heading(2, '存在问题和整改情况'));
  if (o.findings.length === 0) lines.push('本次评估未登记需要整改的问题。');
  else {
    const c = countFindings(o.findings, o.today);
    lines.push(
      `评估共发现问题${c.total}个，截至${chineseDate(o.today)}已整改${c.done}个、整改中${c.inProgress}个、` +
        `未整改${c.open}个，其中逾期未完成${c.overdue}个。`,
    );
    const units = [...new Map(o.findings.map((f) => [f.unitId, f.unitName])).entries()];
    units.forEach(([unitId, name], i) => {
      lines.push(subheading(i, name));
      o.findings
        .filter((f) => f.unitId === unitId)
        .forEach((f, j) => lines.push(`${j + 1}．${findingSentence(f, o.today, chineseDate)}`));
    });
  }
  return renderOfficialDocx({
    title: `${o.plan.year}年度${topic(o)}评估总结报告`,
    subtitle: `（${chineseDate(o.today)}）`,
    description: `${o.plan.title}：总结报告`,
    lines,
    figuresTitle: '评估结果排名表',
    figuresHeader: ['排名和单位', '总得分 / 等次'],
    figures: r.ranking.map((u) => ({
      label: `${u.rank}. ${u.unitName}`,
      value: `${u.total} / ${GRADE_LABELS[u.grade]}`,
    })),
  });
}
