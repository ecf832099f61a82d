// The indicator tree as the plan form edits it: each node has a stable key (the code is edited),
// and the editing steps (add a child or a top-level indicator, change, remove, bind a computed
// measure) are pure functions returning a new tree. Converted to and from the wire's
// PlanIndicator; the server checks the tree (rules.ts) when the plan is saved.
import {
  COMPUTED_MEASURE_RULE_KINDS,
  GRADE_LABELS,
  RULE_KIND_LABELS,
  type ComputedMeasure,
  type Grade,
  type IndicatorCategory,
  type RuleKind,
} from '../../../../src/common/evaluation.ts';
import type { PlanIndicator, ScoringRuleInput } from '../../api/evaluation.ts';

/** The parameters of every rule kind, kept while the kind is switched back and forth. */
export interface RuleParams {
  perOccurrence: number;
  floor: number;
  target: number;
  perPercent: number;
  cap: Exclude<Grade, 'excellent'>;
}

export interface DraftIndicator {
  key: string;
  code: string;
  name: string;
  category: IndicatorCategory;
  points: number;
  /** Empty: the indicator weighs its points among its siblings. */
  weight: number | null;
  ruleKind: RuleKind;
  params: RuleParams;
  measure: ComputedMeasure | null;
  children: DraftIndicator[];
}

export const DEFAULT_PARAMS: RuleParams = {
  perOccurrence: 1,
  floor: 0,
  target: 100,
  perPercent: 0.1,
  cap: 'pass',
};

let counter = 0;
/** A key unique in the page's lifetime. */
export function newKey(): string {
  counter += 1;
  return `n${String(counter)}`;
}

export function isLeaf(node: DraftIndicator): boolean {
  return node.children.length === 0;
}

/** The next free code under a parent ("A" → "A1", "A2"…; top level "A", "B"…). */
export function nextCode(tree: readonly DraftIndicator[], parentKey: string | null): string {
  const used = new Set<string>();
  walk(tree, (n) => used.add(n.code));
  const parent = parentKey === null ? null : findNode(tree, parentKey);
  if (parent === null) {
    for (let i = 0; i < 26; i += 1) {
      const code = String.fromCharCode(65 + i);
      if (!used.has(code)) return code;
    }
    return `X${String(used.size + 1)}`;
  }
  for (let i = 1; ; i += 1) {
    const code = `${parent.code}${parent.code.includes('.') || /\d$/.test(parent.code) ? '.' : ''}${String(i)}`;
    if (!used.has(code)) return code;
  }
}

export function blankIndicator(code: string): DraftIndicator {
  return {
    key: newKey(),
    code,
    name: '',
    category: 'common',
    points: 10,
    weight: null,
    ruleKind: 'manual',
    params: { ...DEFAULT_PARAMS },
    measure: null,
    children: [],
  };
}

function walk(tree: readonly DraftIndicator[], visit: (n: DraftIndicator) => void): void {
  for (const n of tree) {
    visit(n);
    walk(n.children, visit);
  }
}

export function findNode(tree: readonly DraftIndicator[], key: string): DraftIndicator | null {
  for (const n of tree) {
    if (n.key === key) return n;
    const below = findNode(n.children, key);
    if (below !== null) return below;
  }
  return null;
}

function mapTree(
  tree: readonly DraftIndicator[],
  change: (n: DraftIndicator) => DraftIndicator,
): DraftIndicator[] {
  return tree.map((n) => change({ ...n, children: mapTree(n.children, change) }));
}

/** Adds a top-level indicator. */
export function addRoot(tree: readonly DraftIndicator[]): DraftIndicator[] {
  return [...tree, blankIndicator(nextCode(tree, null))];
}

/**
 * Adds a child under a node. The node becomes a branch: its own rule and measure no longer
 * apply (a branch is scored from its children).
 */
export function addChild(tree: readonly DraftIndicator[], parentKey: string): DraftIndicator[] {
  const child = blankIndicator(nextCode(tree, parentKey));
  return mapTree(tree, (n) =>
    n.key === parentKey
      ? { ...n, measure: null, children: [...n.children, { ...child, category: n.category }] }
      : n,
  );
}

export function removeNode(tree: readonly DraftIndicator[], key: string): DraftIndicator[] {
  return tree.filter((n) => n.key !== key).map((n) => ({ ...n, children: removeNode(n.children, key) }));
}

export type IndicatorPatch = Partial<
  Pick<DraftIndicator, 'code' | 'name' | 'category' | 'points' | 'weight'>
> & {
  params?: Partial<RuleParams>;
};

export function updateNode(
  tree: readonly DraftIndicator[],
  key: string,
  patch: IndicatorPatch,
): DraftIndicator[] {
  return mapTree(tree, (n) =>
    n.key === key ? { ...n, ...patch, params: { ...n.params, ...(patch.params ?? {}) } } : n,
  );
}

/** Changes a leaf's rule; a computed measure scored by another kind is unbound. */
export function setRuleKind(tree: readonly DraftIndicator[], key: string, kind: RuleKind): DraftIndicator[] {
  return mapTree(tree, (n) => {
    if (n.key !== key) return n;
    const keepMeasure = n.measure !== null && COMPUTED_MEASURE_RULE_KINDS[n.measure] === kind;
    return { ...n, ruleKind: kind, measure: keepMeasure ? n.measure : null };
  });
}

/** Binds (or with null unbinds) a computed measure; the leaf takes the measure's rule kind. */
export function setMeasure(
  tree: readonly DraftIndicator[],
  key: string,
  measure: ComputedMeasure | null,
): DraftIndicator[] {
  return mapTree(tree, (n) => {
    if (n.key !== key || !isLeaf(n)) return n;
    return measure === null
      ? { ...n, measure: null }
      : { ...n, measure, ruleKind: COMPUTED_MEASURE_RULE_KINDS[measure] };
  });
}

/** The sum of the top-level points (the plan's full score). */
export function totalPoints(tree: readonly DraftIndicator[]): number {
  return Math.round(tree.reduce((s, n) => s + n.points, 0) * 100) / 100;
}

function ruleOf(n: DraftIndicator): ScoringRuleInput {
  const p = n.params;
  switch (n.ruleKind) {
    case 'deduction':
      return { kind: 'deduction', perOccurrence: p.perOccurrence, floor: p.floor };
    case 'ratio':
      return { kind: 'ratio', target: p.target, perPercent: p.perPercent, floor: p.floor };
    case 'veto':
      return { kind: 'veto', cap: p.cap };
    case 'manual':
      return { kind: 'manual' };
  }
}

/** The tree on the wire: a branch carries no rule or measure, a leaf no children. */
export function toPlanIndicators(tree: readonly DraftIndicator[]): PlanIndicator[] {
  return tree.map((n) => {
    const base: PlanIndicator = {
      code: n.code.trim(),
      name: n.name.trim(),
      category: n.category,
      points: n.points,
      ...(n.weight === null ? {} : { weight: n.weight }),
    };
    if (!isLeaf(n)) return { ...base, children: toPlanIndicators(n.children) };
    return { ...base, rule: ruleOf(n), ...(n.measure === null ? {} : { measure: n.measure }) };
  });
}

function paramsOf(rule: ScoringRuleInput | undefined): RuleParams {
  const p = { ...DEFAULT_PARAMS };
  if (rule === undefined) return p;
  switch (rule.kind) {
    case 'deduction':
      return { ...p, perOccurrence: rule.perOccurrence, floor: rule.floor };
    case 'ratio':
      return { ...p, target: rule.target, perPercent: rule.perPercent, floor: rule.floor };
    case 'veto':
      return { ...p, cap: rule.cap === 'excellent' ? 'good' : rule.cap };
    case 'manual':
      return p;
  }
}

/** A saved plan's tree, ready to edit. */
export function fromPlanIndicators(indicators: readonly PlanIndicator[]): DraftIndicator[] {
  return indicators.map((i) => ({
    key: newKey(),
    code: i.code,
    name: i.name,
    category: i.category,
    points: i.points,
    weight: i.weight ?? null,
    ruleKind: i.rule?.kind ?? 'manual',
    params: paramsOf(i.rule),
    measure: i.measure ?? null,
    children: fromPlanIndicators(i.children ?? []),
  }));
}

/** Every leaf of a wire tree, in order (the indicators that are scored). */
export function planLeaves(indicators: readonly PlanIndicator[]): PlanIndicator[] {
  const out: PlanIndicator[] = [];
  const visit = (i: PlanIndicator) => {
    if (i.children === undefined || i.children.length === 0) out.push(i);
    else i.children.forEach(visit);
  };
  indicators.forEach(visit);
  return out;
}

/** Code → name of every indicator of a wire tree (branches too). */
export function indicatorNames(indicators: readonly PlanIndicator[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (i: PlanIndicator) => {
    out.set(i.code, i.name);
    i.children?.forEach(visit);
  };
  indicators.forEach(visit);
  return out;
}

/** A leaf's rule in words, e.g. "按次扣分：每次扣 2 分，保底 0 分". */
export function ruleText(rule: ScoringRuleInput | undefined): string {
  if (rule === undefined) return '按下级指标加权汇总';
  const name = RULE_KIND_LABELS[rule.kind];
  switch (rule.kind) {
    case 'deduction':
      return `${name}：每次扣 ${String(rule.perOccurrence)} 分，保底 ${String(rule.floor)} 分`;
    case 'ratio':
      return `${name}：目标 ${String(rule.target)}%，每差 1 个百分点扣 ${String(rule.perPercent)} 分，保底 ${String(rule.floor)} 分`;
    case 'veto':
      return `${name}：发生则等次至多为${GRADE_LABELS[rule.cap]}`;
    case 'manual':
      return name;
  }
}
