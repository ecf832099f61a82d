// The labels of the staffing standards (编制标准) and the one-line description of a rule. No zod
// here, so that the web client can import these values without bundling src/common/standards.ts.
import type { InstitutionType } from './labels.ts';
import type { Standard } from './standards.ts';

export const STANDARD_KEYS = ['school', 'kindergarten', 'healthCentre'] as const;
export type StandardKey = (typeof STANDARD_KEYS)[number];

export const STANDARD_LABELS: Record<StandardKey, string> = {
  school: '中小学',
  kindergarten: '幼儿园',
  healthCentre: '基层卫生院',
};

/**
 * The units each standard measures (事业单位 of these types). 基层卫生院 are the 乡镇卫生院 and the
 * 农场卫生院: both serve a population of their own, and the seed's "基层卫生院编制缺*名" covers both.
 */
export const STANDARD_UNIT_TYPES: Record<StandardKey, readonly InstitutionType[]> = {
  school: ['中小学'],
  kindergarten: ['幼儿园'],
  healthCentre: ['乡镇卫生院', '农场卫生院'],
};

/** How a unit's exact requirement (e.g. 210.67) becomes a whole number of staff. */
export const ROUNDINGS = ['round', 'ceil', 'floor'] as const;
export type Rounding = (typeof ROUNDINGS)[number];
export const ROUNDING_LABELS: Record<Rounding, string> = {
  round: '四舍五入',
  ceil: '向上取整',
  floor: '向下取整',
};

/** 2001 table: 城市 (province-level cities' urban districts), 县镇 (county seats), 农村; 2014: unified. */
export const SCHOOL_AREAS = ['unified', 'city', 'town', 'rural'] as const;
export type SchoolArea = (typeof SCHOOL_AREAS)[number];
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

/** The region's own word for "the whole county": 全县, 全区, 全市, 全旗. */
export function wholeRegion(regionName: string): string {
  const last = regionName.slice(-1);
  return `全${['区', '市', '旗'].includes(last) ? last : '县'}`;
}
