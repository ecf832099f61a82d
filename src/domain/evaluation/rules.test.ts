// Every expected score below is computed by hand, written out in the comments.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import {
  gradeOf,
  rankUnits,
  scoreIndicator,
  scoreUnit,
  validateSystem,
  type Indicator,
  type IndicatorSystem,
  type Measurement,
} from './rules.ts';

const leaf = (code: string, points: number, rule: Indicator['rule'], weight?: number): Indicator => ({
  code,
  name: code,
  category: 'common',
  points,
  rule,
  ...(weight === undefined ? {} : { weight }),
});
const THRESHOLDS = { excellent: 0.9, good: 0.8, pass: 0.6 };

describe('fixed deduction per occurrence', () => {
  const overQuota = leaf('超编进人', 5, { kind: 'deduction', perOccurrence: 1, floor: 0 });
  it('takes the points per occurrence', () => {
    // 5 − 2 × 1 = 3
    expect(scoreIndicator(overQuota, { kind: 'deduction', occurrences: 2 })).toMatchObject({
      score: 3,
      explanation: '2 次，每次扣 1 分，扣 2 分',
    });
    expect(scoreIndicator(overQuota, { kind: 'deduction', occurrences: 0 })).toMatchObject({
      score: 5,
      explanation: '',
    });
  });
  it('never goes below the floor', () => {
    // 5 − 7 × 1 = −2, floor 0 → 0
    expect(scoreIndicator(overQuota, { kind: 'deduction', occurrences: 7 }).score).toBe(0);
    // 4 − 3 × 0.5 = 2.5, floor 1 → 2.5; 4 − 8 × 0.5 = 0, floor 1 → 1
    const posts = leaf('超职数配备', 4, { kind: 'deduction', perOccurrence: 0.5, floor: 1 });
    expect(scoreIndicator(posts, { kind: 'deduction', occurrences: 3 }).score).toBe(2.5);
    expect(scoreIndicator(posts, { kind: 'deduction', occurrences: 8 }).score).toBe(1);
  });
  it('refuses a negative or fractional count', () => {
    expect(() => scoreIndicator(overQuota, { kind: 'deduction', occurrences: -1 })).toThrow(AppError);
    expect(() => scoreIndicator(overQuota, { kind: 'deduction', occurrences: 1.5 })).toThrow(AppError);
  });
});

describe('proportional to a measured ratio', () => {
  // 中小学编制保障率: −0.1 per 1 % short of 100 %, floor 0.
  const schools = leaf('中小学编制保障率', 5, { kind: 'ratio', target: 100, perPercent: 0.1, floor: 0 });
  it('takes 0.1 per percentage point short', () => {
    // 100 − 95.5 = 4.5 points short; 4.5 × 0.1 = 0.45; 5 − 0.45 = 4.55
    expect(scoreIndicator(schools, { kind: 'ratio', percent: 95.5 })).toMatchObject({
      score: 4.55,
      explanation: '95.5%，低于 100% 共 4.5 个百分点，每个百分点扣 0.1 分，扣 0.45 分',
    });
    // 100 − 88 = 12; 12 × 0.1 = 1.2; 5 − 1.2 = 3.8
    expect(scoreIndicator(schools, { kind: 'ratio', percent: 88 }).score).toBe(3.8);
  });
  it('keeps full points at or above the target', () => {
    expect(scoreIndicator(schools, { kind: 'ratio', percent: 100 }).score).toBe(5);
    expect(scoreIndicator(schools, { kind: 'ratio', percent: 103.2 }).score).toBe(5);
  });
  it('never goes below the floor', () => {
    // 100 − 20 = 80; 80 × 0.1 = 8 > 5 → 5 − 8 = −3, floor 0 → 0
    expect(scoreIndicator(schools, { kind: 'ratio', percent: 20 }).score).toBe(0);
    // floor 2: 100 − 60 = 40; 40 × 0.1 = 4; 5 − 4 = 1 → floor 2
    const floored = leaf('空编率', 5, { kind: 'ratio', target: 100, perPercent: 0.1, floor: 2 });
    expect(scoreIndicator(floored, { kind: 'ratio', percent: 60 }).score).toBe(2);
  });
});

describe('manual with evidence', () => {
  const plan = leaf('工作方案', 3, { kind: 'manual' });
  it('takes the evaluators’ score and requires evidence for a deduction', () => {
    expect(scoreIndicator(plan, { kind: 'manual', score: 2.5, evidence: '方案未明确时间表' })).toMatchObject({
      score: 2.5,
      explanation: '方案未明确时间表',
    });
    expect(scoreIndicator(plan, { kind: 'manual', score: 3, evidence: '' }).score).toBe(3);
    expect(() => scoreIndicator(plan, { kind: 'manual', score: 2, evidence: '  ' })).toThrow(
      '扣分须说明依据',
    );
    expect(() => scoreIndicator(plan, { kind: 'manual', score: 3.5, evidence: '多给' })).toThrow('0 至 3 分');
  });
  it('refuses a measurement of another kind, or none', () => {
    expect(() => scoreIndicator(plan, { kind: 'ratio', percent: 90 })).toThrow(AppError);
    expect(() => scoreIndicator(plan, undefined)).toThrow(AppError);
  });
});

describe('a unit’s total, grade, veto and ranking', () => {
  // 共性 (14 points): 超编进人 5 (−1/次, floor 0), 超职数配备 4 (−0.5/次, floor 1), 违规进人 0 (veto);
  // 个性 (6 points): 中小学编制保障率 5 (−0.1/1 %, floor 0), 台账 1 (manual).
  // Total 20 points: 优秀 ≥ 18, 良好 ≥ 16, 合格 ≥ 12.
  const system: IndicatorSystem = {
    thresholds: THRESHOLDS,
    indicators: [
      {
        code: 'G',
        name: '共性指标',
        category: 'common',
        points: 14,
        children: [
          leaf('G1', 5, { kind: 'deduction', perOccurrence: 1, floor: 0 }),
          {
            code: 'G2',
            name: '职数与纪律',
            category: 'common',
            points: 9,
            children: [
              leaf('G2a', 9, { kind: 'deduction', perOccurrence: 0.5, floor: 1 }),
              leaf('G2b', 0, { kind: 'veto', cap: 'good' }),
            ],
          },
        ],
      },
      {
        code: 'S',
        name: '个性指标',
        category: 'specific',
        points: 6,
        children: [
          {
            ...leaf('S1', 5, { kind: 'ratio', target: 100, perPercent: 0.1, floor: 0 }),
            category: 'specific',
          },
          { ...leaf('S2', 1, { kind: 'manual' }), category: 'specific' },
        ],
      },
    ],
  };
  const measured = (
    g1: number,
    g2a: number,
    veto: boolean,
    s1: number,
    s2: number,
  ): ReadonlyMap<string, Measurement> =>
    new Map<string, Measurement>([
      ['G1', { kind: 'deduction', occurrences: g1 }],
      ['G2a', { kind: 'deduction', occurrences: g2a }],
      ['G2b', { kind: 'veto', triggered: veto }],
      ['S1', { kind: 'ratio', percent: s1 }],
      ['S2', { kind: 'manual', score: s2, evidence: s2 < 1 ? '台账不全' : '' }],
    ]);

  it('validates the tree', () => {
    expect(() => validateSystem(system)).not.toThrow();
    expect(() => validateSystem({ ...system, indicators: [leaf('X', 2, undefined)] })).toThrow(
      '缺少评分规则',
    );
    expect(() =>
      validateSystem({
        ...system,
        indicators: [leaf('X', 2, { kind: 'deduction', perOccurrence: 1, floor: 3 })],
      }),
    ).toThrow('保底分');
    expect(() =>
      validateSystem({
        ...system,
        indicators: [leaf('X', 1, { kind: 'manual' }), leaf('X', 1, { kind: 'manual' })],
      }),
    ).toThrow('重复');
  });

  it('adds the leaves up the tree and grades the total', () => {
    // G1: 5 − 1 = 4; G2a: 9 − 2 × 0.5 = 8; G2b: 0 (not triggered, 0 points) → G2 = 8, G = 12.
    // S1: 100 − 97 = 3 → 5 − 0.3 = 4.7; S2: 1 → S = 5.7. Total 17.7 of 20 → 88.5 % → 良好.
    const r = scoreUnit(system, 1, measured(1, 2, false, 97, 1));
    expect(r).toMatchObject({ total: 17.7, totalPoints: 20, grade: 'good', vetoes: [] });
    expect(r.branches).toEqual({ G2: 8, G: 12, S: 5.7 });
  });

  it('reaches 优秀 without a veto, and the veto caps it at 良好', () => {
    // G1 5, G2a 9, S1 5, S2 1 → 20 of 20 → 优秀.
    expect(scoreUnit(system, 2, measured(0, 0, false, 100, 1)).grade).toBe('excellent');
    // Same, with 违规进人: the veto indicator carries 0 points, so the total stays 20, but 良好.
    const vetoed = scoreUnit(system, 3, measured(0, 0, true, 100, 1));
    expect(vetoed).toMatchObject({ total: 20, grade: 'good', vetoes: ['G2b'] });
    // A veto never lifts a grade: G1 5 − 7 → 0 (floor), G2a 9 − 15 → 1 (floor), S1 5 − 9 → 0, S2 0.5
    // → 1.5 of 20 → 不合格.
    const poor = scoreUnit(system, 4, measured(7, 30, true, 10, 0.5));
    expect(poor).toMatchObject({ total: 1.5, grade: 'fail' });
  });

  it('scales a branch by its children’s weights', () => {
    // Branch of 10 points; A (4 points, weight 3) scores 2 → 50 %; B (8 points, weight 1) scores 8 → 100 %.
    // (3 × 0.5 + 1 × 1) ÷ (3 + 1) = 0.625 → 6.25 of 10.
    const weighted: IndicatorSystem = {
      thresholds: THRESHOLDS,
      indicators: [
        {
          code: 'W',
          name: '加权',
          category: 'common',
          points: 10,
          children: [
            leaf('A', 4, { kind: 'deduction', perOccurrence: 1, floor: 0 }, 3),
            leaf('B', 8, { kind: 'manual' }, 1),
          ],
        },
      ],
    };
    const r = scoreUnit(
      weighted,
      5,
      new Map<string, Measurement>([
        ['A', { kind: 'deduction', occurrences: 2 }],
        ['B', { kind: 'manual', score: 8, evidence: '' }],
      ]),
    );
    expect(r.total).toBe(6.25);
    // 6.25 of 10 → 62.5 % → 合格.
    expect(r.grade).toBe('pass');
  });

  it('grades on exact shares', () => {
    // 108 of 120 is exactly 90 % → 优秀; 107.99 is not.
    expect(gradeOf(108, 120, THRESHOLDS)).toBe('excellent');
    expect(gradeOf(107.99, 120, THRESHOLDS)).toBe('good');
    expect(gradeOf(71.99, 120, THRESHOLDS)).toBe('fail');
  });

  it('ranks units by total, ties sharing a rank', () => {
    // Totals: unit 1 17.7, unit 2 20, unit 3 20 (vetoed), unit 4 1.5 → ranks 1, 1, 3, 4.
    const ranked = rankUnits([
      scoreUnit(system, 1, measured(1, 2, false, 97, 1)),
      scoreUnit(system, 2, measured(0, 0, false, 100, 1)),
      scoreUnit(system, 3, measured(0, 0, true, 100, 1)),
      scoreUnit(system, 4, measured(7, 30, true, 10, 0.5)),
    ]);
    expect(ranked.map((r) => [r.unitId, r.rank, r.grade])).toEqual([
      [2, 1, 'excellent'],
      [3, 1, 'good'],
      [1, 3, 'good'],
      [4, 4, 'fail'],
    ]);
  });
});
