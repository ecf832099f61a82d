// Scoring of an evaluation (评估问效), pure: an indicator system is a tree of 共性 and 个性
// indicators; each leaf carries its full points and a scoring rule, each branch its share of the
// total. A unit's measurements give each leaf a score, the branches add up (scaled by the
// children's weights), a triggered veto (一票否优) caps the grade, and the units are ranked.
// Scores are kept in hundredths of a point so that 5 − 0.1 × 4.5 is 4.55 and not 4.549999….
import { GRADES, type Grade, type IndicatorCategory } from '../../common/evaluation.ts';
import { invalid } from '../../errors.ts';

/** Fixed deduction per occurrence (e.g. −1 per person entered while over quota), never below the floor. */
export interface DeductionRule {
  kind: 'deduction';
  perOccurrence: number;
  floor: number;
}
/**
 * Proportional to a measured ratio in percent (e.g. 中小学编制保障率): `perPercent` points per
 * 1 % short of `target`, never below the floor. A ratio at or above the target keeps full points.
 */
export interface RatioRule {
  kind: 'ratio';
  target: number;
  perPercent: number;
  floor: number;
}
/** 一票否优: when triggered the indicator scores 0 and the unit's grade is at best `cap`. */
export interface VetoRule {
  kind: 'veto';
  cap: Grade;
}
/** Scored by the evaluators; any deduction must state its evidence. */
export interface ManualRule {
  kind: 'manual';
}
export type ScoringRule = DeductionRule | RatioRule | VetoRule | ManualRule;

export interface Indicator {
  code: string;
  name: string;
  category: IndicatorCategory;
  /** Full marks: of a leaf, its own; of a branch, its share of the parent's points. */
  points: number;
  /** Relative weight among its siblings; by default its points. */
  weight?: number;
  /** Leaves only. */
  rule?: ScoringRule;
  children?: Indicator[];
}

export interface IndicatorSystem {
  indicators: Indicator[];
  /** Lowest share of the total points for 优秀, 良好 and 合格 (e.g. 0.9, 0.8, 0.6). */
  thresholds: { excellent: number; good: number; pass: number };
}

export type Measurement =
  | { kind: 'deduction'; occurrences: number }
  | { kind: 'ratio'; percent: number }
  | { kind: 'veto'; triggered: boolean }
  | { kind: 'manual'; score: number; evidence: string };

export interface IndicatorScore {
  code: string;
  points: number;
  score: number;
  /** Why points were taken, in the user's words; empty when full marks. */
  explanation: string;
  vetoed: boolean;
}

export interface UnitResult {
  unitId: number;
  total: number;
  totalPoints: number;
  grade: Grade;
  /** The indicators whose veto was triggered. */
  vetoes: string[];
  leaves: IndicatorScore[];
  /** Every branch's and top-level indicator's score, by code. */
  branches: Record<string, number>;
}

export interface RankedUnit extends UnitResult {
  /** 1 for the best; equal totals share a rank (1, 1, 3). */
  rank: number;
}

const toHundredths = (x: number): number => Math.round(x * 100);
const fromHundredths = (h: number): number => h / 100;
const round2 = (x: number): number => fromHundredths(toHundredths(x));

function isLeaf(i: Indicator): boolean {
  return i.children === undefined || i.children.length === 0;
}

/** Checks the tree: unique codes, a rule on every leaf and only there, sane points and floors. */
export function validateSystem(system: IndicatorSystem): void {
  const seen = new Set<string>();
  const visit = (i: Indicator) => {
    if (seen.has(i.code)) throw invalid(`指标编号重复：${i.code}`);
    seen.add(i.code);
    if (!(i.points >= 0)) throw invalid(`指标“${i.name}”的分值不能为负`);
    if (i.weight !== undefined && !(i.weight >= 0)) throw invalid(`指标“${i.name}”的权重不能为负`);
    if (isLeaf(i)) {
      const r = i.rule;
      if (r === undefined) throw invalid(`末级指标“${i.name}”缺少评分规则`);
      if ((r.kind === 'deduction' || r.kind === 'ratio') && !(r.floor >= 0 && r.floor <= i.points))
        throw invalid(`指标“${i.name}”的保底分应在 0 至 ${i.points} 分之间`);
      if (r.kind === 'deduction' && !(r.perOccurrence > 0))
        throw invalid(`指标“${i.name}”的每次扣分应大于 0`);
      if (r.kind === 'ratio' && !(r.perPercent > 0 && r.target > 0 && r.target <= 100))
        throw invalid(`指标“${i.name}”的比例扣分规则无效`);
      if (r.kind === 'veto' && r.cap === 'excellent') throw invalid(`指标“${i.name}”的否优结果不能是优秀`);
      return;
    }
    if (i.rule !== undefined) throw invalid(`指标“${i.name}”有下级指标，不能直接设评分规则`);
    for (const c of i.children ?? []) visit(c);
  };
  for (const i of system.indicators) visit(i);
  const t = system.thresholds;
  if (!(t.excellent > t.good && t.good > t.pass && t.pass >= 0 && t.excellent <= 1))
    throw invalid('等次分数线应为 优秀 > 良好 > 合格');
}

/** The score of one leaf indicator under its rule. */
export function scoreIndicator(indicator: Indicator, m: Measurement | undefined): IndicatorScore {
  const rule = indicator.rule;
  const points = indicator.points;
  const base = { code: indicator.code, points };
  if (rule === undefined) throw invalid(`指标“${indicator.name}”缺少评分规则`);
  if (m === undefined || m.kind !== rule.kind) throw invalid(`指标“${indicator.name}”缺少测算数据或评分`);
  switch (rule.kind) {
    case 'deduction': {
      if (m.kind !== 'deduction') break;
      if (!(Number.isInteger(m.occurrences) && m.occurrences >= 0))
        throw invalid(`指标“${indicator.name}”的次数应为非负整数`);
      const raw = toHundredths(points) - m.occurrences * toHundredths(rule.perOccurrence);
      const score = fromHundredths(Math.max(toHundredths(rule.floor), raw));
      return {
        ...base,
        score,
        explanation:
          m.occurrences === 0
            ? ''
            : `${m.occurrences} 次，每次扣 ${rule.perOccurrence} 分，扣 ${round2(points - score)} 分`,
        vetoed: false,
      };
    }
    case 'ratio': {
      if (m.kind !== 'ratio') break;
      if (!(m.percent >= 0)) throw invalid(`指标“${indicator.name}”的比例不能为负`);
      // The shortfall in hundredths of a percent, then the deduction in hundredths of a point.
      const shortfall = Math.max(0, toHundredths(rule.target) - toHundredths(m.percent));
      const deduction = Math.round((shortfall * toHundredths(rule.perPercent)) / 100);
      const score = fromHundredths(Math.max(toHundredths(rule.floor), toHundredths(points) - deduction));
      return {
        ...base,
        score,
        explanation:
          shortfall === 0
            ? ''
            : `${m.percent}%，低于 ${rule.target}% 共 ${fromHundredths(shortfall)} 个百分点，每个百分点扣 ${rule.perPercent} 分，扣 ${round2(points - score)} 分`,
        vetoed: false,
      };
    }
    case 'veto': {
      if (m.kind !== 'veto') break;
      return m.triggered
        ? { ...base, score: 0, explanation: '一票否优', vetoed: true }
        : { ...base, score: points, explanation: '', vetoed: false };
    }
    case 'manual': {
      if (m.kind !== 'manual') break;
      if (!(m.score >= 0 && m.score <= points))
        throw invalid(`指标“${indicator.name}”的得分应在 0 至 ${points} 分之间`);
      const evidence = m.evidence.trim();
      if (m.score < points && evidence === '') throw invalid(`指标“${indicator.name}”扣分须说明依据`);
      return {
        ...base,
        score: round2(m.score),
        explanation: m.score < points ? evidence : '',
        vetoed: false,
      };
    }
  }
  throw invalid(`指标“${indicator.name}”缺少测算数据或评分`);
}

/** The grade of a total, before any veto. */
export function gradeOf(total: number, totalPoints: number, t: IndicatorSystem['thresholds']): Grade {
  // Compare in hundredths of a point: 108 of 120 is exactly 90 %.
  const at = (share: number) => toHundredths(total) >= Math.round(toHundredths(totalPoints) * share);
  if (at(t.excellent)) return 'excellent';
  if (at(t.good)) return 'good';
  if (at(t.pass)) return 'pass';
  return 'fail';
}

/** The lower of two grades. */
function worse(a: Grade, b: Grade): Grade {
  return GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b;
}

/** One unit's scores under the system, from its measurements by leaf code. */
export function scoreUnit(
  system: IndicatorSystem,
  unitId: number,
  measurements: ReadonlyMap<string, Measurement>,
): UnitResult {
  const leaves: IndicatorScore[] = [];
  const branches: Record<string, number> = {};
  let cap: Grade = 'excellent';
  const vetoes: string[] = [];

  // Returns the node's score in hundredths.
  const visit = (i: Indicator): number => {
    if (isLeaf(i)) {
      const s = scoreIndicator(i, measurements.get(i.code));
      leaves.push(s);
      if (s.vetoed && i.rule?.kind === 'veto') {
        vetoes.push(i.code);
        cap = worse(cap, i.rule.cap);
      }
      return toHundredths(s.score);
    }
    const children = i.children ?? [];
    const weightOf = (c: Indicator) => c.weight ?? c.points;
    const totalWeight = children.reduce((s, c) => s + weightOf(c), 0);
    // Σ weight × (score ÷ points), scaled to the branch's points.
    let share = 0;
    for (const c of children) {
      const h = visit(c);
      if (c.points > 0) share += (weightOf(c) * h) / toHundredths(c.points);
    }
    const h = totalWeight === 0 ? 0 : Math.round((share / totalWeight) * toHundredths(i.points));
    branches[i.code] = fromHundredths(h);
    return h;
  };

  let totalH = 0;
  for (const i of system.indicators) {
    const h = visit(i);
    if (!isLeaf(i)) branches[i.code] = fromHundredths(h);
    totalH += h;
  }
  const total = fromHundredths(totalH);
  const totalPoints = round2(system.indicators.reduce((s, i) => s + i.points, 0));
  const grade = worse(gradeOf(total, totalPoints, system.thresholds), cap);
  return { unitId, total, totalPoints, grade, vetoes, leaves, branches };
}

/** Units by total, best first; equal totals share a rank and keep the given order. */
export function rankUnits(results: readonly UnitResult[]): RankedUnit[] {
  const sorted = [...results].sort((a, b) => toHundredths(b.total) - toHundredths(a.total));
  const ranked: RankedUnit[] = [];
  sorted.forEach((r, index) => {
    const previous = ranked[index - 1];
    const rank =
      previous !== undefined && toHundredths(previous.total) === toHundredths(r.total)
        ? previous.rank
        : index + 1;
    ranked.push({ ...r, rank });
  });
  return ranked;
}
