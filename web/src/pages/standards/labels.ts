// Local copies of the small label maps and the rule description of src/common/standards.ts: that
// module imports zod at run time, which must not reach the browser bundle. Keep them in step.
import type { AppliedStandard, Rounding, SchoolArea, Standard, StandardKey } from '../../api/standards.ts';

export const STANDARD_KEYS: readonly StandardKey[] = ['school', 'kindergarten', 'healthCentre'];

export const STANDARD_LABELS: Record<StandardKey, string> = {
  school: '中小学',
  kindergarten: '幼儿园',
  healthCentre: '基层卫生院',
};

/** What a unit of each kind is counted in (所 / 个). */
export const UNIT_WORD: Record<StandardKey, string> = {
  school: '所',
  kindergarten: '所',
  healthCentre: '个',
};

export const ROUNDINGS: readonly Rounding[] = ['round', 'ceil', 'floor'];

export const ROUNDING_LABELS: Record<Rounding, string> = {
  round: '四舍五入',
  ceil: '向上取整',
  floor: '向下取整',
};

export const SCHOOL_AREA_LABELS: Record<SchoolArea, string> = {
  unified: '城乡统一',
  city: '城市',
  town: '县镇',
  rural: '农村',
};

/** One line describing a standard's rule, e.g. "高中 1:12.5、初中 1:13.5、小学 1:19，四舍五入". */
export function describeRule(s: Standard): string {
  const r = ROUNDING_LABELS[s.rounding];
  switch (s.key) {
    case 'school': {
      const { senior, junior, primary } = s.rule.ratios;
      const area = s.rule.area ? `（${SCHOOL_AREA_LABELS[s.rule.area]}）` : '';
      return `教职工与学生比 高中 1:${senior}、初中 1:${junior}、小学 1:${primary}${area}，${r}`;
    }
    case 'kindergarten': {
      const k = s.rule;
      if (k.mode === 'perClass')
        return `每班 ${k.childrenPerClass} 名幼儿配保教人员 ${k.staffPerClass} 名（不足一班按一班），${r}`;
      return k.schedule === 'fullDay'
        ? `全日制 教职工与幼儿比 1:${k.fullDayRatio}，${r}`
        : `半日制 教职工与幼儿比 1:${k.halfDayRatio}，${r}`;
    }
    case 'healthCentre':
      return `按服务人口 ${s.rule.perMille}‰ 核定，${r}`;
  }
}

/** "国家标准" for the shipped defaults, "本县第N版" for the region's own. */
export function versionLabel(origin: AppliedStandard['origin'], version: number): string {
  return origin === 'default' || version === 0 ? '默认（国家标准）' : `本县第${String(version)}版`;
}

export function validity(s: Pick<Standard, 'validFrom' | 'validTo'>): string {
  return s.validTo ? `${s.validFrom} 至 ${s.validTo}` : `${s.validFrom} 起`;
}

/** The region's own word for "the whole county": 全县, 全区, 全市, 全旗. */
export function wholeRegion(regionName: string): string {
  const last = regionName.slice(-1);
  return `全${['区', '市', '旗'].includes(last) ? last : '县'}`;
}
