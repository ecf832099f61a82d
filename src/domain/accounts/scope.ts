// Data scope: which regions and units a principal may read or write. Every route asks here.
import { forbidden } from '../../errors.ts';
import type { Principal } from './policies.ts';

/** The GB/T 2260 prefix shared by a region and everything below it. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionWithin(code: string, ancestorOrSelf: string): boolean {
  return code.startsWith(regionPrefix(ancestorOrSelf));
}

export function canReadRegion(p: Principal, regionCode: string): boolean {
  return regionWithin(regionCode, p.regionCode);
}

export function assertCanReadRegion(p: Principal, regionCode: string): void {
  if (!canReadRegion(p, regionCode)) throw forbidden(`无权查看行政区划 ${regionCode} 的数据`);
}

/** Writes stay inside the principal's own county. */
export function assertCanWriteRegion(p: Principal, regionCode: string): void {
  if (regionCode !== p.regionCode) throw forbidden(`无权修改行政区划 ${regionCode} 的数据`);
}

/**
 * A unit is readable when its region is, and — for a liaison — when it is their unit or
 * below it. `subtree` is the liaison's unit subtree, computed by the caller.
 */
export function canReadUnit(
  p: Principal,
  unit: { id: number; regionCode: string },
  subtree: ReadonlySet<number> | null,
): boolean {
  if (!canReadRegion(p, unit.regionCode)) return false;
  if (p.role !== 'liaison') return true;
  return subtree !== null && subtree.has(unit.id);
}
