// Stage views and weighted final scores, computed by hand. The system: A (30) = A1 按次扣分
// 20 (−2 each, floor 10) + A2 一票否优 10 (cap 合格); B (20) = B1 人工评分 20; 50 points,
// 优秀 90 %, 良好 80 %, 合格 60 %.
// Held: 测算 A1 1 次; 自评 A2 no veto, B1 20; 实地评估 B1 16; 交叉互评 B1 12, A2 veto.
//   自评 view     A1 18 (测算) + A2 10 + B1 20 = 48 (96 % 优秀)
//   实地评估 view A1 18 + A2 10 (自评) + B1 16 = 44 (88 % 良好)
//   交叉互评 view A1 18 + A2 0 (否优) + B1 12 = 30 (60 % 合格, capped 合格)
// Weights 20/50/30: (20×48 + 50×44 + 30×30) ÷ 100 = 40.6 (81.2 % 良好, but the 交叉互评 veto
// caps it at 合格); A2 (20×10 + 50×10 + 30×0) ÷ 100 = 7; B1 (20×20 + 50×16 + 30×12) ÷ 100 = 15.6;
// branch A (20×28 + 50×28 + 30×18) ÷ 100 = 25. Weights 1/1/1: (48 + 44 + 30) ÷ 3 = 40.666… → 40.67.
import { describe, expect, it } from 'vitest';
import type { ScoreSource } from '../../common/evaluation.ts';
import type { IndicatorSystem, Measurement } from './rules.ts';
import { combineStages, countedStages, stageView, type StageView } from './stage-rules.ts';

const system: IndicatorSystem = {
  indicators: [
    {
      code: 'A',
      name: '甲',
      category: 'common',
      points: 30,
      children: [
        {
          code: 'A1',
          name: '超编进人',
          category: 'common',
          points: 20,
          rule: { kind: 'deduction', perOccurrence: 2, floor: 10 },
        },
        {
          code: 'A2',
          name: '擅自设立机构',
          category: 'common',
          points: 10,
          rule: { kind: 'veto', cap: 'pass' },
        },
      ],
    },
    {
      code: 'B',
      name: '乙',
      category: 'common',
      points: 20,
      children: [{ code: 'B1', name: '职责履行', category: 'common', points: 20, rule: { kind: 'manual' } }],
    },
  ],
  thresholds: { excellent: 0.9, good: 0.8, pass: 0.6 },
};
const codes = ['A1', 'A2', 'B1'];
const manual = (score: number): Measurement => ({
  kind: 'manual',
  score,
  evidence: score < 20 ? '有扣分' : '',
});

function views(
  held: Partial<Record<ScoreSource, Record<string, Measurement>>>,
): Record<'self' | 'onsite' | 'cross', StageView> {
  const get = (source: ScoreSource, code: string) => held[source]?.[code];
  return {
    self: stageView('self', codes, get),
    onsite: stageView('onsite', codes, get),
    cross: stageView('cross', codes, get),
  };
}

const HELD = {
  computed: { A1: { kind: 'deduction', occurrences: 1 } },
  self: { A2: { kind: 'veto', triggered: false }, B1: manual(20) },
  onsite: { B1: manual(16) },
  cross: { B1: manual(12), A2: { kind: 'veto', triggered: true } },
} satisfies Partial<Record<ScoreSource, Record<string, Measurement>>>;

describe('stage views', () => {
  it('reads each stage’s own scores first, then the stages before it, 测算 over 自评', () => {
    const v = views(HELD);
    expect([...v.self.sources]).toEqual([
      ['A1', 'computed'],
      ['A2', 'self'],
      ['B1', 'self'],
    ]);
    expect([...v.onsite.sources]).toEqual([
      ['A1', 'computed'],
      ['A2', 'self'],
      ['B1', 'onsite'],
    ]);
    expect([...v.cross.sources]).toEqual([
      ['A1', 'computed'],
      ['A2', 'cross'],
      ['B1', 'cross'],
    ]);
    // A 自评 claim does not override the ledger's measurement.
    const claimed = views({ ...HELD, self: { ...HELD.self, A1: { kind: 'deduction', occurrences: 0 } } });
    expect(claimed.self.measurements.get('A1')).toEqual({ kind: 'deduction', occurrences: 1 });
    expect(views({ onsite: { B1: manual(16) } }).self.missing).toEqual(['A1', 'A2', 'B1']);
  });

  it('counts the latest stage alone without weights, every weighted stage otherwise', () => {
    expect(countedStages(null)).toEqual([{ stage: 'cross', weight: 1 }]);
    expect(countedStages({ self: 0, onsite: 60, cross: 40 })).toEqual([
      { stage: 'onsite', weight: 60 },
      { stage: 'cross', weight: 40 },
    ]);
  });
});

describe('final scores', () => {
  it('without weights: the 交叉互评 view, its veto capping the grade', () => {
    const r = combineStages(system, 7, null, views(HELD));
    if (!('combined' in r)) throw new Error('incomplete');
    expect(r.combined.result).toMatchObject({
      total: 30,
      grade: 'pass',
      vetoes: ['A2'],
      branches: { A: 18, B: 12 },
    });
    expect(r.combined.stages).toBeNull();
    // Before any 交叉互评 score the 实地评估 view counts: 44, 良好.
    const before = combineStages(system, 7, null, views({ ...HELD, cross: {} }));
    if (!('combined' in before)) throw new Error('incomplete');
    expect(before.combined.result).toMatchObject({ total: 44, grade: 'good', vetoes: [] });
  });

  it('with weights 20/50/30: the weighted mean of the stage totals, branches and leaves', () => {
    const r = combineStages(system, 7, { self: 20, onsite: 50, cross: 30 }, views(HELD));
    if (!('combined' in r)) throw new Error('incomplete');
    const { result, stages, sources } = r.combined;
    expect(stages).toEqual([
      { stage: 'self', weight: 20, total: 48 },
      { stage: 'onsite', weight: 50, total: 44 },
      { stage: 'cross', weight: 30, total: 30 },
    ]);
    expect(result.total).toBe(40.6);
    expect(result.branches).toEqual({ A: 25, B: 15.6 });
    expect(result.leaves.map((l) => [l.code, l.score, l.vetoed])).toEqual([
      ['A1', 18, false],
      ['A2', 7, true],
      ['B1', 15.6, false],
    ]);
    // 81.2 % would be 良好; the veto of the 交叉互评 stage caps it at 合格.
    expect(result.grade).toBe('pass');
    expect(result.vetoes).toEqual(['A2']);
    expect(sources.get('B1')).toBe('cross');
  });

  it('rounds the weighted mean half up in hundredths, and leaves out stages of weight 0', () => {
    const even = combineStages(system, 7, { self: 1, onsite: 1, cross: 1 }, views(HELD));
    if (!('combined' in even)) throw new Error('incomplete');
    expect(even.combined.result.total).toBe(40.67);
    const onsiteOnly = combineStages(system, 7, { self: 0, onsite: 1, cross: 0 }, views(HELD));
    if (!('combined' in onsiteOnly)) throw new Error('incomplete');
    expect(onsiteOnly.combined.result).toMatchObject({ total: 44, grade: 'good', vetoes: [] });
  });

  it('names what a weighted stage still misses, by stage', () => {
    const noSelf = { ...HELD, self: { A2: HELD.self.A2 } };
    expect(combineStages(system, 7, { self: 20, onsite: 50, cross: 30 }, views(noSelf))).toEqual({
      missing: [{ code: 'B1', stage: 'self' }],
    });
    // Without weights only the latest view counts, which has B1 from later stages.
    expect('combined' in combineStages(system, 7, null, views(noSelf))).toBe(true);
  });
});
