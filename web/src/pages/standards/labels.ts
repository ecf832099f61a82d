// Labels of the standards page. The shared names and the rule description come from
// src/common/standard-labels.ts (zod-free, so it can be bundled); this file adds what only the page needs.
import type { AppliedStandard, Standard, StandardKey } from '../../api/standards.ts';

export {
  describeRule,
  ROUNDING_LABELS,
  ROUNDINGS,
  SCHOOL_AREA_LABELS,
  STANDARD_KEYS,
  STANDARD_LABELS,
  wholeRegion,
} from '../../../../src/common/standard-labels.ts';

/** What a unit of each kind is counted in (所 / 个). */
export const UNIT_WORD: Record<StandardKey, string> = {
  school: '所',
  kindergarten: '所',
  healthCentre: '个',
};

/** "国家标准" for the shipped defaults, "本县第N版" for the region's own. */
export function versionLabel(origin: AppliedStandard['origin'], version: number): string {
  return origin === 'default' || version === 0 ? '默认（国家标准）' : `本县第${String(version)}版`;
}

export function validity(s: Pick<Standard, 'validFrom' | 'validTo'>): string {
  return s.validTo ? `${s.validFrom} 至 ${s.validTo}` : `${s.validFrom} 起`;
}
