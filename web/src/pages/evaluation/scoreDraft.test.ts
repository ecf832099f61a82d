import { describe, expect, it } from 'vitest';
import type { PlanIndicator, StageScore } from '../../api/evaluation.ts';
import { EMPTY_ENTRY, entriesFromScores, unitScoresBody } from './scoreDraft.ts';

const leaves: PlanIndicator[] = [
  {
    code: 'A1',
    name: '超编进人',
    category: 'common',
    points: 20,
    rule: { kind: 'deduction', perOccurrence: 2, floor: 0 },
  },
  {
    code: 'A2',
    name: '保障率',
    category: 'common',
    points: 10,
    rule: { kind: 'ratio', target: 100, perPercent: 0.1, floor: 0 },
  },
  { code: 'A3', name: '擅自设立机构', category: 'common', points: 10, rule: { kind: 'veto', cap: 'pass' } },
  { code: 'B1', name: '职责任务履行', category: 'specific', points: 60, rule: { kind: 'manual' } },
];

describe('the scores of a stage', () => {
  it('measures each leaf by its rule, in the tree order', () => {
    const body = unitScoresBody(5, leaves, {
      B1: { value: 55, triggered: null, evidence: ' 台账不全 ' },
      A3: { ...EMPTY_ENTRY, triggered: false },
      A2: { ...EMPTY_ENTRY, value: 96.5 },
      A1: { ...EMPTY_ENTRY, value: 2 },
    });
    expect(body).toEqual({
      unitId: 5,
      scores: [
        { code: 'A1', measurement: { kind: 'deduction', occurrences: 2 } },
        { code: 'A2', measurement: { kind: 'ratio', percent: 96.5 } },
        { code: 'A3', measurement: { kind: 'veto', triggered: false } },
        { code: 'B1', measurement: { kind: 'manual', score: 55, evidence: '台账不全' } },
      ],
    });
  });

  it('leaves out the leaves not entered', () => {
    const body = unitScoresBody(5, leaves, { A1: EMPTY_ENTRY, A3: { ...EMPTY_ENTRY, triggered: true } });
    expect(body.scores).toEqual([{ code: 'A3', measurement: { kind: 'veto', triggered: true } }]);
  });
});

describe('the saved scores read back', () => {
  const saved = (code: string, measurement: StageScore['measurement']): StageScore => ({
    unitId: 5,
    stage: 'self',
    code,
    measurement,
    score: 0,
    evidence: '',
    scoredAt: '2026-01-10T08:00:00.000Z',
  });

  it('opens each leaf with what was entered, and posts it back unchanged', () => {
    const scores = [
      saved('A1', { kind: 'deduction', occurrences: 3 }),
      saved('A2', { kind: 'ratio', percent: 96.5 }),
      saved('A3', { kind: 'veto', triggered: true }),
      saved('B1', { kind: 'manual', score: 52, evidence: '职责交叉' }),
    ];
    const entries = entriesFromScores(leaves, scores);
    expect(entries).toEqual({
      A1: { ...EMPTY_ENTRY, value: 3 },
      A2: { ...EMPTY_ENTRY, value: 96.5 },
      A3: { ...EMPTY_ENTRY, triggered: true },
      B1: { value: 52, triggered: null, evidence: '职责交叉' },
    });
    expect(unitScoresBody(5, leaves, entries).scores).toEqual(
      scores.map((s) => ({ code: s.code, measurement: s.measurement })),
    );
  });

  it('leaves out a score whose leaf is gone or whose rule changed kind', () => {
    const entries = entriesFromScores(leaves, [
      saved('Z9', { kind: 'manual', score: 5, evidence: '' }),
      saved('A1', { kind: 'manual', score: 5, evidence: '' }),
      saved('A3', { kind: 'veto', triggered: false }),
    ]);
    expect(entries).toEqual({ A3: { ...EMPTY_ENTRY, triggered: false } });
  });
});
