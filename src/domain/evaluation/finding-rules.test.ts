import { describe, expect, it } from 'vitest';
import type { PlanIndicator } from '../../common/wire-evaluation.ts';
import { countFindings, indicatorNames, isOverdue, progressProblem, statusText } from './finding-rules.ts';

describe('findings and rectification rules', () => {
  it('is overdue only after the deadline day and only while not done', () => {
    const item = { deadline: '2024-06-30' };
    expect(isOverdue({ ...item, status: 'open' }, '2024-06-29')).toBe(false);
    expect(isOverdue({ ...item, status: 'open' }, '2024-06-30')).toBe(false);
    expect(isOverdue({ ...item, status: 'open' }, '2024-07-01')).toBe(true);
    expect(isOverdue({ ...item, status: 'inProgress' }, '2025-01-01')).toBe(true);
    expect(isOverdue({ ...item, status: 'done' }, '2025-01-01')).toBe(false);
  });

  it('asks for the date done with 已整改 and only then', () => {
    expect(progressProblem({ status: 'done', doneOn: null }, '2024-07-01')).toBe(
      '已整改的问题请填写整改完成日期',
    );
    expect(progressProblem({ status: 'done', doneOn: '2024-07-02' }, '2024-07-01')).toBe(
      '整改完成日期不能晚于今天',
    );
    expect(progressProblem({ status: 'done', doneOn: '2024-07-01' }, '2024-07-01')).toBeNull();
    expect(progressProblem({ status: 'inProgress', doneOn: null }, '2024-07-01')).toBeNull();
    expect(progressProblem({ status: 'open', doneOn: '2024-06-01' }, '2024-07-01')).toBe(
      '未整改的问题不填写整改完成日期',
    );
  });

  it('names branches and leaves of the indicator tree', () => {
    const tree: PlanIndicator[] = [
      {
        code: 'A',
        name: '机构编制管理',
        category: 'common',
        points: 40,
        children: [{ code: 'A1', name: '超编进人', category: 'common', points: 20 }],
      },
    ];
    expect([...indicatorNames(tree)]).toEqual([
      ['A', '机构编制管理'],
      ['A1', '超编进人'],
    ]);
  });

  it('prints the status with the date done or the overdue mark, and counts them', () => {
    const items = [
      { status: 'done', deadline: '2024-03-31', doneOn: '2024-03-20' },
      { status: 'inProgress', deadline: '2024-03-31', doneOn: null },
      { status: 'open', deadline: '2024-12-31', doneOn: null },
      { status: 'open', deadline: '2024-01-31', doneOn: null },
    ] as const;
    const today = '2024-04-01';
    expect(items.map((i) => statusText(i, today))).toEqual([
      '已整改（2024-03-20）',
      '整改中（逾期）',
      '未整改',
      '未整改（逾期）',
    ]);
    expect(countFindings(items, today)).toEqual({ total: 4, done: 1, inProgress: 1, open: 2, overdue: 2 });
  });
});
