import { describe, expect, it } from 'vitest';
import {
  allRegions,
  checkRegionCode,
  findRegion,
  isKnownProvinceCode,
  regionChildren,
  regionPathName,
} from './regions.ts';

describe('region list', () => {
  it('holds the 31 mainland provinces and thousands of counties', () => {
    const regions = allRegions();
    expect(regions.filter((r) => r.level === 'province')).toHaveLength(31);
    expect(regions.filter((r) => r.level === 'county').length).toBeGreaterThan(2800);
  });

  it('has unique six-digit codes and parents that exist at the level above', () => {
    const regions = allRegions();
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
    const parentLevel = { province: null, city: 'province', county: 'city' } as const;
    for (const r of regions) {
      expect(r.code).toMatch(/^\d{6}$/);
      const parent = r.parentCode === null ? null : findRegion(r.parentCode);
      expect(parent?.level ?? null).toBe(parentLevel[r.level]);
    }
  });

  it('finds 永宁县 under 银川市 under 宁夏回族自治区', () => {
    expect(findRegion('640121')).toEqual({
      code: '640121',
      name: '永宁县',
      level: 'county',
      parentCode: '640100',
    });
    expect(findRegion('640100')).toEqual({
      code: '640100',
      name: '银川市',
      level: 'city',
      parentCode: '640000',
    });
    expect(findRegion('640000')).toEqual({
      code: '640000',
      name: '宁夏回族自治区',
      level: 'province',
      parentCode: null,
    });
    expect(findRegion('640199')).toBeNull();
  });

  it('keeps the municipalities’ placeholder prefectures as given', () => {
    expect(findRegion('110100')).toMatchObject({ name: '市辖区', level: 'city', parentCode: '110000' });
    expect(findRegion('110101')).toMatchObject({ name: '东城区', level: 'county', parentCode: '110100' });
    expect(findRegion('500200')).toMatchObject({ name: '县', level: 'city', parentCode: '500000' });
  });

  it('keeps prefecture-level cities without counties once, as cities', () => {
    expect(findRegion('441900')).toMatchObject({ name: '东莞市', level: 'city', parentCode: '440000' });
    expect(regionChildren('441900')).toEqual([]);
  });

  it('lists children', () => {
    const names = regionChildren('640100').map((r) => r.name);
    expect(names).toContain('永宁县');
    expect(names).toContain('兴庆区');
    expect(regionChildren('640000').map((r) => r.code)).toContain('640100');
    expect(regionChildren('640121')).toEqual([]);
    expect(regionChildren('999999')).toEqual([]);
  });

  it('knows province codes', () => {
    expect(isKnownProvinceCode('64')).toBe(true);
    expect(isKnownProvinceCode('11')).toBe(true);
    expect(isKnownProvinceCode('81')).toBe(true);
    expect(isKnownProvinceCode('99')).toBe(false);
    expect(isKnownProvinceCode('10')).toBe(false);
    expect(isKnownProvinceCode('6')).toBe(false);
  });

  it('names a region by its path, leaving out placeholder prefectures', () => {
    expect(regionPathName('640121')).toBe('宁夏回族自治区 银川市 永宁县');
    expect(regionPathName('640100')).toBe('宁夏回族自治区 银川市');
    expect(regionPathName('640000')).toBe('宁夏回族自治区');
    expect(regionPathName('110101')).toBe('北京市 东城区');
    expect(regionPathName('110100')).toBe('北京市 市辖区');
    expect(regionPathName('110103')).toBeNull();
  });
});

describe('checkRegionCode', () => {
  const current = { allowRetired: false };
  const retired = { allowRetired: true };

  it('accepts current codes', () => {
    for (const code of ['640121', '640100', '640000', '110101']) {
      expect(checkRegionCode(code, current)).toEqual({ ok: true });
      expect(checkRegionCode(code, retired)).toEqual({ ok: true });
    }
  });

  it('rejects malformed codes', () => {
    for (const code of ['64012', '6401211', '64012a', '', ' 640121']) {
      expect(checkRegionCode(code, retired)).toEqual({ ok: false, reason: '行政区划代码应为6位数字' });
    }
  });

  it('rejects a retired code unless asked to accept it', () => {
    // 110103 崇文区 was merged into 东城区 in 2010.
    expect(checkRegionCode('110103', current)).toEqual({ ok: false, reason: '行政区划代码 110103 不存在' });
    expect(checkRegionCode('110103', retired)).toEqual({ ok: true });
    // 110104 宣武区 likewise; 640102 城区 (银川) was abolished in 2002.
    expect(checkRegionCode('110104', retired)).toEqual({ ok: true });
    expect(checkRegionCode('640102', retired)).toEqual({ ok: true });
    expect(checkRegionCode('642100', retired)).toEqual({ ok: true });
  });

  it('rejects codes of unknown provinces even when retired codes are allowed', () => {
    expect(checkRegionCode('990101', retired)).toEqual({ ok: false, reason: '省级行政区划代码 99 不存在' });
    expect(checkRegionCode('100000', retired)).toEqual({ ok: false, reason: '省级行政区划代码 10 不存在' });
  });

  it('rejects implausible prefecture parts', () => {
    for (const code of ['647101', '648001', '649901', '640012']) {
      const result = checkRegionCode(code, retired);
      expect(result.ok).toBe(false);
    }
    expect(checkRegionCode('647101', retired)).toEqual({
      ok: false,
      reason: '行政区划代码 647101 的地级部分 71 不合规',
    });
    expect(checkRegionCode('649001', retired)).toEqual({ ok: true });
  });

  it('accepts 香港 810000, which GB/T 2260 has and the data package lacks, only with allowRetired', () => {
    expect(checkRegionCode('810000', current).ok).toBe(false);
    expect(checkRegionCode('810000', retired)).toEqual({ ok: true });
  });
});
