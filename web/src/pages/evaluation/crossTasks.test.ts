import { describe, expect, it } from 'vitest';
import type { FinalUnit } from '../../api/evaluation.ts';
import { crossWindow, parseUserId, stageTotal, windowPhase } from './crossTasks.ts';

describe('交叉互评 in the web', () => {
  it('reads a typed user number, refusing anything but a positive whole number', () => {
    expect(parseUserId(' 42 ')).toBe(42);
    expect(parseUserId('0')).toBeNull();
    expect(parseUserId('-3')).toBeNull();
    expect(parseUserId('4.5')).toBeNull();
    expect(parseUserId('hexian')).toBeNull();
    expect(parseUserId('')).toBeNull();
  });

  it('takes a weighted stage total from the server’s result, and none for an unweighted one', () => {
    const unit: FinalUnit = {
      unitId: 3,
      unitName: '永宁县教育局',
      rank: 1,
      total: 87,
      totalPoints: 100,
      grade: 'good',
      vetoes: [],
      leaves: [],
      branches: {},
      stages: [
        { stage: 'self', weight: 20, total: 95 },
        { stage: 'cross', weight: 40, total: 90 },
      ],
    };
    expect(stageTotal(unit, 'cross')).toBe(90);
    expect(stageTotal(unit, 'onsite')).toBeNull();
    expect(stageTotal({ ...unit, stages: undefined }, 'self')).toBeNull();
  });

  it('places today against the 交叉互评 stage, both ends included', () => {
    const g = { crossFrom: '2026-04-01', crossTo: '2026-04-10' };
    expect(crossWindow(g, '2026-03-31')).toBe('before');
    expect(crossWindow(g, '2026-04-01')).toBe('open');
    expect(crossWindow(g, '2026-04-10')).toBe('open');
    expect(crossWindow(g, '2026-04-11')).toBe('after');
  });
});

describe('windowPhase', () => {
  it('counts both end days as open', () => {
    expect(windowPhase('2026-03-01', '2026-03-20', '2026-02-28')).toBe('before');
    expect(windowPhase('2026-03-01', '2026-03-20', '2026-03-01')).toBe('open');
    expect(windowPhase('2026-03-01', '2026-03-20', '2026-03-20')).toBe('open');
    expect(windowPhase('2026-03-01', '2026-03-20', '2026-03-21')).toBe('after');
  });
});
