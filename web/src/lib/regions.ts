import type { RegionDto } from '../api/index.ts';

export function regionIndex(regions: readonly RegionDto[]): Map<string, RegionDto> {
  return new Map(regions.map((region) => [region.code, region]));
}

/** The county-level regions, in code order. */
export function countiesOf(regions: readonly RegionDto[]): RegionDto[] {
  return regions.filter((region) => region.level === 'county').sort((a, b) => a.code.localeCompare(b.code));
}

/** True when `code` is `ancestor` or lies below it. */
export function isWithin(index: Map<string, RegionDto>, code: string, ancestor: string): boolean {
  let current: string | null = code;
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    if (current === ancestor) return true;
    seen.add(current);
    current = index.get(current)?.parentCode ?? null;
  }
  return false;
}

/** "某省 某市 某县" — the region with its ancestors that are in the list. */
export function regionPath(index: Map<string, RegionDto>, code: string): string {
  const names: string[] = [];
  let current: string | null = code;
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const region = index.get(current);
    if (!region) break;
    names.unshift(region.name);
    current = region.parentCode;
  }
  return names.length > 0 ? names.join(' ') : code;
}

/** The county to show first: the remembered one, else the user's own, else the first below the user's region. */
export function defaultCounty(
  counties: readonly RegionDto[],
  index: Map<string, RegionDto>,
  userRegion: string,
  remembered: string | null,
): string | null {
  if (remembered && counties.some((c) => c.code === remembered)) return remembered;
  if (counties.some((c) => c.code === userRegion)) return userRegion;
  const below = counties.find((c) => isWithin(index, c.code, userRegion));
  return below?.code ?? counties[0]?.code ?? null;
}
