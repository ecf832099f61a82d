// The domain's enumerations. Their values are the Chinese terms of domain.md exactly as
// users and the exchange format write them; the English names are for code only.

export const UNIT_CATEGORIES = [
  '纪检监察机关',
  '党委工作机关',
  '人大机关',
  '政府工作部门',
  '政协机关',
  '群众团体',
  '乡镇',
  '街道',
  '派出机构',
  '事业单位',
  '内设机构',
] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];

export const UNIT_RANKS = ['正科', '副科', '不定级'] as const;
export type UnitRank = (typeof UNIT_RANKS)[number];

export const AFFILIATIONS = [
  '县委直属',
  '政府直属',
  '部门所属',
  '乡镇所属',
  '街道所属',
  '部门派驻乡镇',
] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

export const FUNDING_FORMS = ['全额拨款', '差额拨款', '自收自支'] as const;
export type FundingForm = (typeof FUNDING_FORMS)[number];

export const INSTITUTION_TYPES = [
  '一般',
  '中小学',
  '幼儿园',
  '公立医院',
  '乡镇卫生院',
  '农场卫生院',
  '其他卫生',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const SECTORS = ['教育', '卫生健康', '其他'] as const;
export type Sector = (typeof SECTORS)[number];

export const QUOTA_TYPES = ['行政编制', '政法专项编制', '事业编制', '聘用编制'] as const;
export type QuotaType = (typeof QUOTA_TYPES)[number];

/** Where a quota row comes from: the unit's own establishment, or lent from the regional turnover pool. */
export const QUOTA_SOURCES = ['', '周转池'] as const;
export type QuotaSource = (typeof QUOTA_SOURCES)[number];

export const POST_LEVELS = ['正科', '副科'] as const;
export type PostLevel = (typeof POST_LEVELS)[number];

export const LEADERSHIP_LEVELS = ['正科', '副科', '无'] as const;
export type LeadershipLevel = (typeof LEADERSHIP_LEVELS)[number];

export const PERSON_STATUSES = ['在编', '待入编', '已出编'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const ENTRY_CHANNELS = [
  '考录',
  '招聘',
  '退役士兵安置',
  '军转安置',
  '调任',
  '县内交流',
  '选调',
  '公费师范生',
  '其他',
] as const;
export type EntryChannel = (typeof ENTRY_CHANNELS)[number];

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省级',
  city: '地级',
  county: '县级',
};

/**
 * Business roles (admin … viewer) and the three 等保三级 administrators (三员): the system
 * administrator (accounts and settings), the security administrator (security policies) and
 * the security auditor (the audit log only). None of the three reads business data.
 */
export const ROLES = [
  'admin',
  'clerk',
  'liaison',
  'leader',
  'viewer',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: '编办管理员',
  clerk: '编办业务员',
  liaison: '部门联络员',
  leader: '领导',
  viewer: '上级只读用户',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '安全审计员',
};

/** 党委机构 = 纪检监察机关 + 党委工作机关. */
export const PARTY_CATEGORIES: readonly UnitCategory[] = ['纪检监察机关', '党委工作机关'];
/** 党政机构: every organ category except 派出机构 (reported apart), 事业单位 and 内设机构. */
export const PARTY_GOVERNMENT_CATEGORIES: readonly UnitCategory[] = [
  '纪检监察机关',
  '党委工作机关',
  '人大机关',
  '政府工作部门',
  '政协机关',
  '群众团体',
  '乡镇',
  '街道',
];
/** Categories that are organs (机关) for leadership-post figures: all but 事业单位 and 内设机构. */
export const ORGAN_CATEGORIES: readonly UnitCategory[] = [...PARTY_GOVERNMENT_CATEGORIES, '派出机构'];

export const BOOLEAN_LABELS = { true: '是', false: '否' } as const;

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/**
 * The one basis on which units are counted (首页, 机构 tree, 基本框架图, 基本情况 report): units in
 * force on the date, 内设机构 excluded, abolished units excluded.
 */
export const UNIT_COUNT_BASIS = '统计日现行的机构，不含内设机构，不含已撤销机构';
