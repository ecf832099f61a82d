import { describe, expect, it } from 'vitest';
import {
  addChild,
  addRoot,
  findNode,
  fromPlanIndicators,
  nextCode,
  planLeaves,
  removeNode,
  ruleText,
  setMeasure,
  setRuleKind,
  toPlanIndicators,
  totalPoints,
  updateNode,
  type DraftIndicator,
} from './indicatorTree.ts';

function twoLevels(): DraftIndicator[] {
  let tree = addRoot([]);
  const a = tree[0]?.key ?? '';
  tree = updateNode(tree, a, { name: '机构编制纪律', points: 60 });
  tree = addChild(tree, a);
  tree = addChild(tree, a);
  return tree;
}

describe('editing the indicator tree', () => {
  it('numbers new indicators under their parent', () => {
    const tree = twoLevels();
    expect(tree.map((n) => n.code)).toEqual(['A']);
    expect(tree[0]?.children.map((n) => n.code)).toEqual(['A1', 'A2']);
    expect(nextCode(tree, null)).toBe('B');
    const a1 = tree[0]?.children[0]?.key ?? '';
    expect(nextCode(tree, a1)).toBe('A1.1');
  });

  it('turns a leaf into a branch without its measure when a child is added', () => {
    let tree = twoLevels();
    const a1 = tree[0]?.children[0]?.key ?? '';
    tree = setMeasure(tree, a1, 'overQuotaEntries');
    expect(findNode(tree, a1)?.ruleKind).toBe('deduction');
    tree = addChild(tree, a1);
    const node = findNode(tree, a1);
    expect(node?.measure).toBeNull();
    expect(node?.children).toHaveLength(1);
  });

  it('binds a measure with its rule kind and unbinds it when the kind changes', () => {
    let tree = twoLevels();
    const a2 = tree[0]?.children[1]?.key ?? '';
    tree = setMeasure(tree, a2, 'schoolQuotaRatio');
    expect(findNode(tree, a2)).toMatchObject({ measure: 'schoolQuotaRatio', ruleKind: 'ratio' });
    tree = setRuleKind(tree, a2, 'ratio');
    expect(findNode(tree, a2)?.measure).toBe('schoolQuotaRatio');
    tree = setRuleKind(tree, a2, 'manual');
    expect(findNode(tree, a2)).toMatchObject({ measure: null, ruleKind: 'manual' });
  });

  it('removes a node with its subtree and leaves the others', () => {
    let tree = addRoot(twoLevels());
    const a = tree[0]?.key ?? '';
    const a1 = tree[0]?.children[0]?.key ?? '';
    tree = removeNode(tree, a1);
    expect(findNode(tree, a1)).toBeNull();
    expect(tree[0]?.children.map((n) => n.code)).toEqual(['A2']);
    tree = removeNode(tree, a);
    expect(tree.map((n) => n.code)).toEqual(['B']);
  });

  it('adds up the top-level points', () => {
    let tree = addRoot(twoLevels());
    tree = updateNode(tree, tree[1]?.key ?? '', { points: 40.5 });
    expect(totalPoints(tree)).toBe(100.5);
  });
});

describe('the tree on the wire', () => {
  it('gives a branch no rule and a leaf its rule with its own parameters', () => {
    let tree = twoLevels();
    const [a1, a2] = tree[0]?.children.map((n) => n.key) ?? [];
    tree = updateNode(tree, a1 ?? '', { name: ' 超编进人 ', points: 30, weight: 2 });
    tree = setMeasure(tree, a1 ?? '', 'overQuotaEntries');
    tree = updateNode(tree, a1 ?? '', { params: { perOccurrence: 5, floor: 10 } });
    tree = updateNode(tree, a2 ?? '', { name: '擅自设立机构', points: 30 });
    tree = setRuleKind(tree, a2 ?? '', 'veto');
    tree = updateNode(tree, a2 ?? '', { params: { cap: 'fail' } });
    expect(toPlanIndicators(tree)).toEqual([
      {
        code: 'A',
        name: '机构编制纪律',
        category: 'common',
        points: 60,
        children: [
          {
            code: 'A1',
            name: '超编进人',
            category: 'common',
            points: 30,
            weight: 2,
            rule: { kind: 'deduction', perOccurrence: 5, floor: 10 },
            measure: 'overQuotaEntries',
          },
          {
            code: 'A2',
            name: '擅自设立机构',
            category: 'common',
            points: 30,
            rule: { kind: 'veto', cap: 'fail' },
          },
        ],
      },
    ]);
  });

  it('reads a saved tree back to the same wire tree', () => {
    const wire = [
      {
        code: 'B',
        name: '编制使用效益',
        category: 'specific' as const,
        points: 40,
        children: [
          {
            code: 'B1',
            name: '中小学编制保障率',
            category: 'specific' as const,
            points: 40,
            rule: { kind: 'ratio' as const, target: 95, perPercent: 0.5, floor: 5 },
            measure: 'schoolQuotaRatio' as const,
          },
        ],
      },
      {
        code: 'C',
        name: '职责履行',
        category: 'common' as const,
        points: 60,
        rule: { kind: 'manual' as const },
      },
    ];
    expect(toPlanIndicators(fromPlanIndicators(wire))).toEqual(wire);
    expect(planLeaves(wire).map((l) => l.code)).toEqual(['B1', 'C']);
  });
});

describe('a rule in words', () => {
  it('names the kind and its parameters', () => {
    expect(ruleText({ kind: 'deduction', perOccurrence: 2, floor: 0 })).toBe(
      '按次扣分：每次扣 2 分，保底 0 分',
    );
    expect(ruleText({ kind: 'ratio', target: 100, perPercent: 0.1, floor: 5 })).toBe(
      '按比例扣分：目标 100%，每差 1 个百分点扣 0.1 分，保底 5 分',
    );
    expect(ruleText({ kind: 'veto', cap: 'pass' })).toBe('一票否优：发生则等次至多为合格');
    expect(ruleText({ kind: 'manual' })).toBe('人工评分');
    expect(ruleText(undefined)).toBe('按下级指标加权汇总');
  });
});
