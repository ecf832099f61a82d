import { describe, expect, it } from 'vitest';
import type { EvaluationPlan } from '../../api/evaluation.ts';
import { addRoot } from './indicatorTree.ts';
import { blankPlanForm, planBody, planToForm } from './planForm.ts';

const plan: EvaluationPlan = {
  id: 7,
  regionCode: '640121',
  year: 2026,
  type: 'execution',
  title: '2026年度机构编制执行情况评估',
  leadingGroup: '张三（组长）',
  periodFrom: '2026-01-01',
  periodTo: '2026-12-31',
  selfFrom: '2026-03-01',
  selfTo: '2026-03-15',
  onsiteFrom: '2026-03-16',
  onsiteTo: '2026-03-31',
  crossFrom: null,
  crossTo: null,
  stageWeights: null,
  units: [
    { id: 3, name: '永宁县教育局' },
    { id: 9, name: '永宁县第一中学' },
  ],
  indicators: {
    thresholds: { excellent: 0.9, good: 0.75, pass: 0.6 },
    indicators: [{ code: 'A', name: '依法履职', category: 'common', points: 100, rule: { kind: 'manual' } }],
  },
  updatedAt: '2026-03-01T00:00:00Z',
};

describe('the plan form', () => {
  it('sends a saved plan back unchanged', () => {
    const { values, tree } = planToForm(plan);
    expect(values.good).toBe(75);
    expect(planBody('640121', values, tree)).toEqual({
      region: '640121',
      year: 2026,
      type: 'execution',
      title: plan.title,
      leadingGroup: '张三（组长）',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      selfFrom: '2026-03-01',
      selfTo: '2026-03-15',
      onsiteFrom: '2026-03-16',
      onsiteTo: '2026-03-31',
      crossFrom: null,
      crossTo: null,
      stageWeights: null,
      unitIds: [3, 9],
      indicators: plan.indicators,
    });
  });

  it('leaves the indicator system out when the tree is empty (the server applies its template)', () => {
    const body = planBody('640121', { ...blankPlanForm(2026), selfFrom: '2026-03-01' }, []);
    expect(body.indicators).toBeUndefined();
    expect(body.periodFrom).toBe('2026-01-01');
    expect(body.crossFrom).toBeNull();
  });

  it('turns percent thresholds into shares, trims dates and drops repeated units', () => {
    const values = {
      ...blankPlanForm(2026),
      excellent: 92.5,
      crossFrom: ' 2026-04-01 ',
      crossTo: '2026-04-10',
      unitIds: [4, 4, 5],
    };
    const body = planBody('640121', values, addRoot([]));
    expect(body.indicators?.thresholds).toEqual({ excellent: 0.925, good: 0.8, pass: 0.6 });
    expect(body.crossFrom).toBe('2026-04-01');
    expect(body.unitIds).toEqual([4, 5]);
  });

  it('keeps a weighted plan’s stage weights when it is revised', () => {
    const weighted = {
      ...plan,
      crossFrom: '2026-04-01',
      crossTo: '2026-04-10',
      stageWeights: { self: 10, onsite: 60, cross: 30 },
    };
    const { values, tree } = planToForm(weighted);
    expect(values.weighted).toBe(true);
    expect(planBody('640121', values, tree).stageWeights).toEqual({ self: 10, onsite: 60, cross: 30 });
  });

  it('sends no weights (the latest stage counts) unless weighting is turned on', () => {
    const blank = blankPlanForm(2026);
    expect(blank.weighted).toBe(false);
    expect(planBody('640121', blank, []).stageWeights).toBeNull();
    const on = { ...blank, weighted: true, weightSelf: 0, weightOnsite: 50, weightCross: 50 };
    expect(planBody('640121', on, []).stageWeights).toEqual({ self: 0, onsite: 50, cross: 50 });
    // Turning weighting off on a weighted plan clears them.
    const { values } = planToForm({ ...plan, stageWeights: { self: 1, onsite: 1, cross: 1 } });
    expect(planBody('640121', { ...values, weighted: false }, []).stageWeights).toBeNull();
  });
});
