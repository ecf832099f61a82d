import { describe, expect, it } from 'vitest';
import type { EvaluationFinding, PlanIndicator } from '../../api/evaluation.ts';
import {
  blankFindingDraft,
  findingBody,
  findingToDraft,
  indicatorOptions,
  indicatorText,
  progressBody,
  progressToDraft,
  statusTags,
} from './findings.ts';

const item: EvaluationFinding = {
  id: 7,
  planId: 3,
  unitId: 12,
  unitName: '永宁县教育局',
  indicatorCode: 'B',
  indicatorName: '职责履行',
  finding: '处室职责交叉',
  measure: '修订三定规定',
  deadline: '2026-06-30',
  responsible: '永宁县教育局',
  status: 'open',
  progress: '',
  doneOn: null,
  overdue: false,
  updatedAt: '2026-01-10T08:00:00.000Z',
};

describe('a finding’s form', () => {
  it('presets the unit only when the plan has one', () => {
    expect(blankFindingDraft([{ id: 4 }]).unitId).toBe(4);
    expect(blankFindingDraft([{ id: 4 }, { id: 5 }]).unitId).toBeUndefined();
  });

  it('is refused without a unit, trims the texts and sends no indicator as null', () => {
    const draft = { ...blankFindingDraft([]), finding: ' 问题 ', measure: '措施 ', deadline: ' 2026-06-30' };
    expect(findingBody(draft)).toBeNull();
    expect(findingBody({ ...draft, unitId: 9, indicatorCode: '', responsible: ' 人社局 ' })).toEqual({
      unitId: 9,
      indicatorCode: null,
      finding: '问题',
      measure: '措施',
      deadline: '2026-06-30',
      responsible: '人社局',
    });
  });

  it('opens a saved item as it was, and saves it back unchanged', () => {
    expect(findingBody(findingToDraft(item))).toEqual({
      unitId: 12,
      indicatorCode: 'B',
      finding: '处室职责交叉',
      measure: '修订三定规定',
      deadline: '2026-06-30',
      responsible: '永宁县教育局',
    });
    expect(
      findingToDraft({ ...item, indicatorCode: null, indicatorName: null }).indicatorCode,
    ).toBeUndefined();
  });
});

describe('a progress report', () => {
  it('carries the date done only with 已整改', () => {
    expect(progressBody({ status: 'inProgress', progress: ' 正在修订 ', doneOn: '2026-02-01' })).toEqual({
      status: 'inProgress',
      progress: '正在修订',
      doneOn: null,
    });
    expect(progressBody({ status: 'done', progress: '已印发', doneOn: '2026-02-01' })).toEqual({
      status: 'done',
      progress: '已印发',
      doneOn: '2026-02-01',
    });
    // The form leaves the date out while the status is not 已整改.
    expect(progressBody({ status: 'open', progress: '' })).toEqual({
      status: 'open',
      progress: '',
      doneOn: null,
    });
    // Left blank, the server answers that 已整改 needs its date.
    expect(progressBody({ status: 'done', progress: '', doneOn: ' ' }).doneOn).toBeNull();
  });

  it('opens with the item’s status, note and date', () => {
    expect(progressToDraft({ ...item, status: 'done', progress: '已印发', doneOn: '2026-02-01' })).toEqual({
      status: 'done',
      progress: '已印发',
      doneOn: '2026-02-01',
    });
    expect(progressToDraft(item)).toEqual({ status: 'open', progress: '', doneOn: '' });
  });
});

describe('the list', () => {
  const tree: PlanIndicator[] = [
    {
      code: 'A',
      name: '机构编制纪律',
      category: 'common',
      points: 40,
      children: [
        { code: 'A1', name: '保障率', category: 'common', points: 20, rule: { kind: 'manual' } },
        {
          code: 'A2',
          name: '擅自设立机构',
          category: 'common',
          points: 20,
          rule: { kind: 'veto', cap: 'pass' },
        },
      ],
    },
    { code: 'B', name: '职责履行', category: 'specific', points: 60, rule: { kind: 'manual' } },
  ];

  it('offers every indicator of the tree, branches too, in its order', () => {
    expect(indicatorOptions(tree).map((o) => o.label)).toEqual([
      'A 机构编制纪律',
      'A1 保障率',
      'A2 擅自设立机构',
      'B 职责履行',
    ]);
  });

  it('prints the indicator, or 综合 for a general finding', () => {
    expect(indicatorText(item)).toBe('B 职责履行');
    expect(indicatorText({ indicatorCode: null, indicatorName: null })).toBe('综合');
    expect(indicatorText({ indicatorCode: 'Z', indicatorName: null })).toBe('Z');
  });

  it('tags the status, and 逾期 only when the server says so', () => {
    expect(statusTags(item)).toEqual([{ text: '未整改', color: 'default' }]);
    expect(statusTags({ status: 'inProgress', overdue: true })).toEqual([
      { text: '整改中', color: 'processing' },
      { text: '逾期', color: 'error' },
    ]);
    expect(statusTags({ status: 'done', overdue: false })).toEqual([{ text: '已整改', color: 'success' }]);
  });
});
