// The scores a unit's 自评 or the 实地评估 enters, one entry a leaf, turned into the body of the
// stage's POST. What is measured depends on the leaf's rule: occurrences (按次扣分), a percentage
// (按比例扣分), whether the veto applies (一票否优), or a score with its evidence (人工评分).
// Blank entries are left out; the server computes each score from its rule.
import type { RuleKind } from '../../../../src/common/evaluation.ts';
import type { MeasurementInput, PlanIndicator, StageScore, UnitScoresBody } from '../../api/evaluation.ts';

export interface ScoreEntry {
  /** Occurrences, percent or score, by the rule's kind; null: not entered. */
  value: number | null;
  /** 一票否优: null not entered. */
  triggered: boolean | null;
  evidence: string;
}

export const EMPTY_ENTRY: ScoreEntry = { value: null, triggered: null, evidence: '' };

/** What the value of an entry means, by the rule's kind (the column's heading). */
export const VALUE_LABELS: Record<RuleKind, string> = {
  deduction: '发生次数',
  ratio: '比例（%）',
  veto: '是否否优',
  manual: '得分',
};

function measurementOf(kind: RuleKind, e: ScoreEntry): MeasurementInput | null {
  switch (kind) {
    case 'deduction':
      return e.value === null ? null : { kind, occurrences: Math.round(e.value) };
    case 'ratio':
      return e.value === null ? null : { kind, percent: e.value };
    case 'veto':
      return e.triggered === null ? null : { kind, triggered: e.triggered };
    case 'manual':
      return e.value === null ? null : { kind, score: e.value, evidence: e.evidence.trim() };
  }
}

/** The body of the stage's POST: the entered leaves, in the tree's order. */
export function unitScoresBody(
  unitId: number,
  leaves: readonly PlanIndicator[],
  entries: Readonly<Record<string, ScoreEntry>>,
): UnitScoresBody {
  const scores: UnitScoresBody['scores'] = [];
  for (const leaf of leaves) {
    const entry = entries[leaf.code];
    const kind = leaf.rule?.kind;
    if (entry === undefined || kind === undefined) continue;
    const measurement = measurementOf(kind, entry);
    if (measurement !== null) scores.push({ code: leaf.code, measurement });
  }
  return { unitId, scores };
}

function entryOf(m: MeasurementInput): ScoreEntry {
  switch (m.kind) {
    case 'deduction':
      return { ...EMPTY_ENTRY, value: m.occurrences };
    case 'ratio':
      return { ...EMPTY_ENTRY, value: m.percent };
    case 'veto':
      return { ...EMPTY_ENTRY, triggered: m.triggered };
    case 'manual':
      return { ...EMPTY_ENTRY, value: m.score, evidence: m.evidence };
  }
}

/**
 * The form's entries from the scores saved earlier (GET …/scores), so that it opens with what
 * was entered. A score whose leaf is gone from the plan, or whose rule has since changed kind,
 * is left out: it would not mean the same thing.
 */
export function entriesFromScores(
  leaves: readonly PlanIndicator[],
  scores: readonly StageScore[],
): Record<string, ScoreEntry> {
  const kinds = new Map(leaves.map((l) => [l.code, l.rule?.kind]));
  const out: Record<string, ScoreEntry> = {};
  for (const s of scores) {
    if (kinds.get(s.code) !== s.measurement.kind) continue;
    out[s.code] = entryOf(s.measurement);
  }
  return out;
}
