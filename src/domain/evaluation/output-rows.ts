// Pure: what the evaluation documents print (src/report/evaluation-docx.ts, evaluation-xlsx.ts):
// each unit's scores by indicator with the indicator's name and the top-level indicator it
// belongs to, and the lines of the findings and rectification list. The numbers are the
// result's (compute-evaluation-result.ts); nothing is scored again here.
import { SCORE_SOURCE_LABELS } from '../../common/evaluation.ts';
import { FINDING_STATUS_LABELS, type EvaluationFinding } from '../../common/wire-evaluation-findings.ts';
import type {
  EvaluationPlan,
  EvaluationResult,
  FinalLeaf,
  FinalUnit,
  PlanIndicator,
} from '../../common/wire-evaluation.ts';
import { statusText } from './finding-rules.ts';

/** Everything an evaluation document is made from. */
export interface EvaluationOutput {
  plan: EvaluationPlan;
  result: EvaluationResult;
  findings: readonly EvaluationFinding[];
  /** The day the documents are made (overdue items are marked as of it). */
  today: string;
}

/** Where a final leaf score came from (the labels are declared once, in common/). */
export const SOURCE_LABELS: Record<FinalLeaf['source'], string> = SCORE_SOURCE_LABELS;

export interface IndicatorPlace {
  code: string;
  name: string;
  points: number;
  /** The top-level indicator it belongs to (itself for a top-level leaf). */
  top: { code: string; name: string; points: number };
}

/** Every indicator of the tree by code, with the top-level indicator above it. */
export function indicatorPlaces(indicators: readonly PlanIndicator[]): Map<string, IndicatorPlace> {
  const out = new Map<string, IndicatorPlace>();
  for (const top of indicators) {
    const t = { code: top.code, name: top.name, points: top.points };
    const walk = (i: PlanIndicator) => {
      out.set(i.code, { code: i.code, name: i.name, points: i.points, top: t });
      for (const c of i.children ?? []) walk(c);
    };
    walk(top);
  }
  return out;
}

export interface ScoreRow {
  rank: number;
  unitId: number;
  unitName: string;
  topCode: string;
  topName: string;
  code: string;
  name: string;
  points: number;
  score: number;
  source: string;
  explanation: string;
}

/** One row per ranked unit × leaf indicator, in ranking order then the tree's order. */
export function scoreRows(plan: EvaluationPlan, ranking: readonly FinalUnit[]): ScoreRow[] {
  const places = indicatorPlaces(plan.indicators.indicators);
  return ranking.flatMap((u) =>
    u.leaves.map((l) => {
      const place = places.get(l.code);
      return {
        rank: u.rank,
        unitId: u.unitId,
        unitName: u.unitName,
        topCode: place?.top.code ?? l.code,
        topName: place?.top.name ?? l.code,
        code: l.code,
        name: place?.name ?? l.code,
        points: l.points,
        score: l.score,
        source: SOURCE_LABELS[l.source],
        explanation: l.explanation,
      };
    }),
  );
}

/** "A1 超编进人", or "（综合）" for a finding that names no indicator. */
export function findingIndicator(f: EvaluationFinding): string {
  if (f.indicatorCode === null) return '综合';
  return f.indicatorName ? `${f.indicatorCode} ${f.indicatorName}` : f.indicatorCode;
}

/** The finding as a sentence of the rectification list; `date` prints a date (ISO by default). */
export function findingSentence(
  f: EvaluationFinding,
  today: string,
  date: (iso: string) => string = (iso) => iso,
): string {
  const bare = (t: string) => t.replace(/[。；;.，,\s]+$/u, '');
  const progress = f.progress ? `；整改进展：${bare(f.progress)}` : '';
  const status =
    f.status === 'done' && f.doneOn !== null
      ? `${FINDING_STATUS_LABELS.done}（${date(f.doneOn)}）`
      : statusText(f, today);
  return (
    `${bare(f.finding)}（涉及指标：${findingIndicator(f)}）。整改措施：${bare(f.measure)}；` +
    `责任单位：${f.responsible}；整改时限：${date(f.deadline)}；整改情况：${status}${progress}。`
  );
}
