import { describe, expect, it } from 'vitest';
import type { Change } from '../../common/matters.ts';
import { localRefProblems, mapUnitRefs, moveDuty, resolveByCode, unitRefsOf } from './change-rules.ts';

const establish = (code: string): Change => ({
  kind: 'establish',
  code,
  name: `新机构${code}`,
  category: '党委工作机关',
  parentUnitId: null,
  rank: '正科',
  affiliation: null,
  countsTowardDirectLimit: null,
  funding: null,
  type: null,
  sector: null,
});
const posts = (unitId: number): Change => ({ kind: 'posts', unitId, level: '正科', approved: 1 });

describe('local references to units established in the same list', () => {
  it('accepts -n after the n-th 设立 and refuses it before', () => {
    expect(localRefProblems([establish('X1'), posts(-1), establish('X2'), posts(-2), posts(7)])).toEqual([]);
    expect(localRefProblems([posts(-1), establish('X1')])).toEqual([
      '第 1 项变更引用的第 1 个新设机构不在它之前设立',
    ]);
    expect(localRefProblems([establish('X1'), posts(-2)])).toHaveLength(1);
  });

  it('keeps recruitment plans to units of the ledger', () => {
    const plan: Change = {
      kind: 'recruitmentPlan',
      unitId: -1,
      quotaType: '行政编制',
      places: 1,
      channel: '考录',
      freeNormalStudents: 0,
    };
    expect(localRefProblems([establish('X1'), plan])).toEqual(['第 2 项变更：用编计划须针对已有机构']);
  });

  it('refuses a 职责划转 from a unit to itself', () => {
    const duty = (fromUnitId: number, toUnitId: number): Change => ({
      kind: 'duty',
      fromUnitId,
      toUnitId,
      duty: '负责全县社会工作',
    });
    expect(localRefProblems([duty(15, 16)])).toEqual([]);
    expect(localRefProblems([duty(15, 15)])).toEqual(['第 1 项变更：职责划转的划出机构和划入机构不能相同']);
    expect(localRefProblems([establish('X1'), duty(-1, -1)])).toEqual([
      '第 2 项变更：职责划转的划出机构和划入机构不能相同',
    ]);
  });

  it('finds and maps every unit reference of a change', () => {
    const transfer: Change = {
      kind: 'transfer',
      quotaType: '行政编制',
      lines: [
        { unitId: 5, delta: -3 },
        { unitId: -1, delta: 3 },
      ],
    };
    expect(unitRefsOf(transfer)).toEqual([5, -1]);
    expect(unitRefsOf({ kind: 'duty', fromUnitId: 5, toUnitId: -1, duty: '某职责' })).toEqual([5, -1]);
    expect(unitRefsOf(mapUnitRefs(transfer, (id) => (id < 0 ? 99 : id)))).toEqual([5, 99]);
  });

  it('resolves references by the codes of the units their 设立 created', () => {
    const codes = new Map([
      ['X1', 41],
      ['X2', 42],
    ]);
    const resolved = resolveByCode([establish('X1'), establish('X2'), posts(-2), posts(-1), posts(3)], (c) =>
      codes.get(c),
    );
    expect(resolved.flatMap(unitRefsOf)).toEqual([42, 41, 3]);
  });
});

describe('职责划转 on the texts of 职责任务', () => {
  const a = '（一）负责全县组织工作。\n（二）负责党建引领基层治理工作。\n（三）负责干部教育工作。';

  it('moves the line that states the duty, its numbering ignored', () => {
    expect(moveDuty(a, '负责社会工作。', '负责党建引领基层治理工作。')).toEqual({
      from: '（一）负责全县组织工作。\n（三）负责干部教育工作。',
      to: '负责社会工作。\n负责党建引领基层治理工作。',
      found: true,
    });
  });

  it('moves a phrase out of a line, and into an empty text', () => {
    expect(moveDuty('负责信访工作；负责群众来信来访的办理', null, '负责群众来信来访的办理')).toEqual({
      from: '负责信访工作',
      to: '负责群众来信来访的办理',
      found: true,
    });
  });

  it('moves nothing when the giving unit does not state the duty', () => {
    expect(moveDuty(a, 'B', '负责全县教育工作')).toEqual({ from: a, to: 'B', found: false });
    expect(moveDuty(null, 'B', '负责全县教育工作').found).toBe(false);
  });

  it('does not repeat a duty the receiving unit already states', () => {
    expect(moveDuty(a, '（一）负责干部教育工作。', '负责干部教育工作。').to).toBe('（一）负责干部教育工作。');
  });
});
