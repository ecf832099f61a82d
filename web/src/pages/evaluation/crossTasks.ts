// 交叉互评 in the web, the pure part: the user number the office types to name an evaluator,
// a unit's weighted stage totals as the server computed them, and whether a stage's scoring
// window is open today. (How the stages combine is worded once: scoreBasisText in common/.)
import type { EvaluationStage } from '../../../../src/common/evaluation.ts';
import type { CrossGrantSummary, FinalUnit } from '../../api/evaluation.ts';

/** The user number typed by the office: a positive whole number, or null. */
export function parseUserId(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  const n = Number(t);
  return n > 0 ? n : null;
}

/** The total a unit's weighted stage reached, as the server computed it; null: not counted. */
export function stageTotal(unit: FinalUnit, stage: EvaluationStage): number | null {
  return unit.stages?.find((s) => s.stage === stage)?.total ?? null;
}

export type CrossWindow = 'before' | 'open' | 'after';

/** Where today (YYYY-MM-DD, China time) lies against a stage from `from` to `to` (both days in). */
export function windowPhase(from: string, to: string, today: string): CrossWindow {
  if (today < from) return 'before';
  return today > to ? 'after' : 'open';
}

/** Where today lies against the grant's 交叉互评 stage. */
export function crossWindow(
  grant: Pick<CrossGrantSummary, 'crossFrom' | 'crossTo'>,
  today: string,
): CrossWindow {
  return windowPhase(grant.crossFrom, grant.crossTo, today);
}

export const CROSS_WINDOW_LABELS: Record<CrossWindow, string> = {
  before: '未开始',
  open: '进行中',
  after: '已结束',
};
