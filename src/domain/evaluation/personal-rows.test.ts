import { describe, expect, it } from 'vitest';
import { withoutPersonalNames } from './plan-rules.ts';

describe('measures as a 交叉互评 evaluator reads them', () => {
  it('keeps every figure and row but names no person', () => {
    const computed = [
      {
        unitId: 3,
        code: 'A1',
        rows: [
          { text: '张三 2023-03-01 进入（行政编制已满）', ref: { table: 'placements' as const, id: 41 } },
          { text: '永宁县教育局 超编 2 名', ref: { table: 'units' as const, id: 3 } },
          { text: '李四：名单有而实名库无', ref: { table: 'reconciliation_items' as const, id: 7 } },
          { text: '〔2023〕5号 录入晚 12 个工作日', ref: { table: 'matters' as const, id: 9 } },
        ],
      },
    ];
    expect(withoutPersonalNames(computed)).toEqual([
      {
        unitId: 3,
        code: 'A1',
        rows: [
          { text: '人员记录（编号 41，交叉互评不显示姓名）', ref: { table: 'placements', id: 41 } },
          { text: '永宁县教育局 超编 2 名', ref: { table: 'units', id: 3 } },
          { text: '人员记录（编号 7，交叉互评不显示姓名）', ref: { table: 'reconciliation_items', id: 7 } },
          { text: '〔2023〕5号 录入晚 12 个工作日', ref: { table: 'matters', id: 9 } },
        ],
      },
    ]);
    // The input is not changed (the office's own reading of the same result keeps the names).
    expect(computed[0]?.rows[0]?.text).toBe('张三 2023-03-01 进入（行政编制已满）');
  });
});
