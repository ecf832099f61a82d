// How a region speaks of itself when its figures are sums (全县/全市/全省…). Pure, without the
// code table, so that the web can use it too.
import { wholeRegion } from './standard-labels.ts';

export type RegionLevel = 'province' | 'city' | 'county';

/** 全县, 全区, 全市, 全州, 全盟, 全省 — the word a region uses for "all of us". */
export function regionWideWord(name: string, level: RegionLevel): string {
  if (level === 'province') {
    if (name.endsWith('自治区')) return '全区';
    return name.endsWith('市') ? '全市' : '全省';
  }
  if (level === 'city') {
    if (name.endsWith('自治州')) return '全州';
    if (name.endsWith('盟')) return '全盟';
    if (name.endsWith('地区')) return '全地区';
    return '全市';
  }
  return wholeRegion(name);
}

/** The level a GB/T 2260 code's shape says: xx0000 a province, xxxx00 a city, else a county. */
export function levelOfCode(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * How a summed report names the whole it speaks of: a county names itself (永宁县), a city or
 * province the sum of its counties in its own word (全市各县（市、区）), never a county's.
 */
export function summedSubject(regionName: string, regionCode: string): string | null {
  const level = levelOfCode(regionCode);
  if (level === 'county') return null;
  return `${regionWideWord(regionName, level)}各县（市、区）`;
}
