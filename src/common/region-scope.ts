// Which county-level regions lie below a city or province (GB/T 2260): the 首页 and the 各县对比
// say how many of them have data and which do not.
import { findRegion, regionChildren } from './codes/regions.ts';

/** The county-level regions at or below `code`: the county itself, a city's, a province's. */
export function countiesWithin(code: string): { code: string; name: string }[] {
  const region = findRegion(code);
  if (region === null) return [];
  if (region.level === 'county') return [{ code: region.code, name: region.name }];
  const out: { code: string; name: string }[] = [];
  for (const child of regionChildren(code)) {
    if (child.level === 'county') out.push({ code: child.code, name: child.name });
    else out.push(...countiesWithin(child.code));
  }
  return out;
}
