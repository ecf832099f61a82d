import { describe, expect, it } from 'vitest';
import { countiesWithin } from './region-scope.ts';
import { regionWideWord } from './region-words.ts';

describe('region scope', () => {
  it('names a summed region with its own word, never a county’s', () => {
    expect(regionWideWord('永宁县', 'county')).toBe('全县');
    expect(regionWideWord('金凤区', 'county')).toBe('全区');
    expect(regionWideWord('灵武市', 'county')).toBe('全市');
    expect(regionWideWord('银川市', 'city')).toBe('全市');
    expect(regionWideWord('宁夏回族自治区', 'province')).toBe('全区');
    expect(regionWideWord('甘肃省', 'province')).toBe('全省');
  });

  it('lists the six county-level regions of 银川市 and the county itself for a county', () => {
    const yinchuan = countiesWithin('640100');
    expect(yinchuan).toHaveLength(6);
    expect(yinchuan.map((c) => c.name)).toContain('永宁县');
    expect(countiesWithin('640121')).toEqual([{ code: '640121', name: '永宁县' }]);
    expect(countiesWithin('640000').length).toBeGreaterThan(yinchuan.length);
  });
});
