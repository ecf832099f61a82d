import { describe, expect, it } from 'vitest';
import { coverageText } from './coverage.ts';

describe('coverageText', () => {
  it('names how many counties have data and lists those without', () => {
    const text = coverageText('银川市', [
      { code: '640104', name: '兴庆区', hasData: false },
      { code: '640121', name: '永宁县', hasData: true },
      { code: '640122', name: '贺兰县', hasData: false },
    ]);
    expect(text).toBe('银川市下辖 3 个县级行政区，其中 1 个已有数据；暂无数据：兴庆区、贺兰县');
  });

  it('says nothing is missing when every county has data', () => {
    expect(coverageText('银川市', [{ code: '640121', name: '永宁县', hasData: true }])).toBe(
      '银川市下辖 1 个县级行政区，其中 1 个已有数据',
    );
  });
});
