// A deterministic generator of a realistic county's staffing data (机构, 编制, 领导职数, 人员,
// 人口, 学生数) in the exchange format's typed rows. Scale 1 is shaped after the seed report's
// county (永宁县, 宁夏): 57 党政机构, about 170 事业单位, about 5,500 quotas and 6,000 people,
// with the irregularities the report talks about (over-quota units, vacant leadership posts,
// kindergartens with 1–3 quotas, 周转池 quotas for schools). Bigger scales add institutions, so
// that load tests see a county's shape rather than 57 very large organs.
//
// Everything depends only on the options: no Math.random and no clock except for the default
// as-of date. People are produced lazily, so a province of a million never sits in memory.

import { findRegion } from '../common/codes/regions.ts';
import type {
  PersonRow,
  PopulationRow,
  PostRow,
  QuotaRow,
  RegionRow,
  StudentRow,
  UnitRow,
} from '../common/exchange.ts';
import type {
  Affiliation,
  EntryChannel,
  FundingForm,
  InstitutionType,
  LeadershipLevel,
  PersonStatus,
  PostLevel,
  QuotaSource,
  QuotaType,
  Sector,
  UnitCategory,
  UnitRank,
} from '../common/labels.ts';
import {
  branchName,
  chineseNumber,
  countyProfile,
  countyShortName,
  PLACE_STEMS,
  personName,
  provinceShortName,
  type CountyProfile,
} from './names.ts';
import { createRng, hashSeed, type Rng } from './random.ts';

export interface GenerateCountyOptions {
  /** GB/T 2260 county-level code; default 640121 (永宁县). */
  regionCode?: string;
  /** The prefecture above it; default the region's parent (640100 银川市 for the default). */
  cityCode?: string;
  /** 1 ≈ 250 units and 6,000 people; people and units grow in proportion. */
  scale?: number;
  seed?: number;
  /** 'YYYY-MM-DD': the date the data describes (nobody enters after it); default today. */
  asOf?: string;
}

export interface GeneratedCounty {
  regionCode: string;
  asOf: string;
  /** The county, its city and its province. */
  regions: RegionRow[];
  units: UnitRow[];
  quotas: QuotaRow[];
  posts: PostRow[];
  population: PopulationRow[];
  students: StudentRow[];
  /** Every call starts a fresh, identical sequence. */
  people(): Iterable<PersonRow>;
}

// ---------------------------------------------------------------------------------------------
// Dates. Day numbers (days since 1970-01-01, UTC) make ranges and offsets plain arithmetic.

const MS_PER_DAY = 86_400_000;

function dayNumber(iso: string): number {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY
  );
}

function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return isoDate(dayNumber(iso) + days);
}

/** Same month and day n years later; 29 February becomes 28 February in common years. */
function addYears(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const candidate = `${String(year).padStart(4, '0')}${iso.slice(4)}`;
  return isoDate(dayNumber(candidate)) === candidate ? candidate : `${year}-02-28`;
}

function randomDate(rng: Rng, from: string, to: string): string {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return b <= a ? from : isoDate(rng.int(a, b));
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

function isValidIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isoDate(dayNumber(value)) === value;
}

// The default as-of date is the local calendar date, which is what users mean by "today".
function todayIso(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Check characters. Computed here rather than borrowed so that the generator cannot drift
// silently if a validator elsewhere is wrong: the tests recompute them independently again.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 (ISO 7064 MOD 11-2) check character of the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17.charAt(i)), 0);
  return ID_CHECK.charAt(sum % 11);
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function base36Value(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
}

/** GB 11714 check character of the 8-character body of an organisation code. */
export function orgCodeCheckChar(first8: string): string {
  const sum = ORG_WEIGHTS.reduce((acc, w, i) => acc + w * base36Value(first8.charAt(i)), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100 check character of the first 17 characters of a 统一社会信用代码. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += USCC_ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET.charAt(c);
}

// ---------------------------------------------------------------------------------------------
// The catalogue of organs.

type Range = readonly [number, number];
/** Irregularities planted on purpose, so that every warning of the reports has something to show. */
type Trait = 'overQuota' | 'doublePost' | 'emptyPost' | 'futureQuota' | 'superseded' | 'emptySchool';
/** Decides gender mix and entry channels of a unit's people. */
type StaffKind = 'organ' | 'police' | 'school' | 'health' | 'general';

interface CountyNames {
  /** 永宁县 */
  county: string;
  /** 永宁 */
  short: string;
  /** 宁夏 */
  province: string;
  profile: CountyProfile;
}

interface OrganTemplate {
  key: string;
  category: UnitCategory;
  name: (n: CountyNames) => string;
  admin: Range;
  politicalLegal?: Range;
  /** 正科, 副科 posts. */
  posts: readonly [number, number];
  plaques?: (n: CountyNames) => string[];
  foundedOn?: string;
  traits?: readonly Trait[];
  staffKind?: StaffKind;
}

const C = (suffix: string) => (n: CountyNames) => `${n.county}${suffix}`;
const PARTY = (suffix: string) => (n: CountyNames) => `中共${n.county}委${suffix}`;

// The 2019 reform created these offices; the 2024 reform added 社会工作部 and 信访局.
const REFORM_2019 = '2019-03-18';
const REFORM_2024 = '2024-05-20';

type OrganExtra = Partial<
  Pick<OrganTemplate, 'politicalLegal' | 'plaques' | 'foundedOn' | 'traits' | 'staffKind'>
>;

function organ(
  key: string,
  category: UnitCategory,
  name: (n: CountyNames) => string,
  admin: Range,
  posts: readonly [number, number],
  extra: OrganExtra = {},
): OrganTemplate {
  return { key, category, name, admin, posts, ...extra };
}

const PARTY_ORGAN = '党委工作机关';
const GOV = '政府工作部门';
const MASS = '群众团体';

const ORGANS: readonly OrganTemplate[] = [
  organ('jw', '纪检监察机关', (n) => `中共${n.county}纪律检查委员会`, [40, 45], [2, 4], {
    plaques: (n) => [`${n.county}监察委员会`],
  }),
  organ('xwb', PARTY_ORGAN, PARTY('办公室'), [20, 24], [1, 4]),
  organ('zzb', PARTY_ORGAN, PARTY('组织部'), [18, 22], [1, 4]),
  organ('xcb', PARTY_ORGAN, PARTY('宣传部'), [12, 15], [1, 3], {
    plaques: (n) => [`${n.county}新闻出版局`, `${n.county}电影局`],
  }),
  organ('tzb', PARTY_ORGAN, PARTY('统一战线工作部'), [8, 10], [1, 3], {
    plaques: (n) => [`${n.county}民族宗教事务局`],
  }),
  organ('zfw', PARTY_ORGAN, PARTY('政法委员会'), [6, 8], [1, 2], { politicalLegal: [4, 6] }),
  organ('bb', PARTY_ORGAN, PARTY('机构编制委员会办公室'), [6, 8], [1, 2]),
  organ('wxb', PARTY_ORGAN, PARTY('网络安全和信息化委员会办公室'), [4, 6], [1, 1]),
  organ('xcbgs', PARTY_ORGAN, PARTY('巡察工作领导小组办公室'), [6, 8], [1, 2]),
  organ('lgb', PARTY_ORGAN, PARTY('老干部局'), [4, 5], [1, 1]),
  organ('jggw', PARTY_ORGAN, (n) => `中共${n.county}直属机关工作委员会`, [3, 5], [1, 1]),
  organ('shgzb', PARTY_ORGAN, PARTY('社会工作部'), [5, 7], [1, 2], { foundedOn: REFORM_2024 }),
  organ('rd', '人大机关', C('人民代表大会常务委员会机关'), [15, 18], [1, 3]),
  organ('zfb', GOV, C('人民政府办公室'), [20, 24], [1, 4]),
  organ('fgj', GOV, C('发展和改革局'), [12, 15], [1, 3], { traits: ['doublePost'] }),
  organ('jyj', GOV, C('教育局'), [14, 18], [1, 3]),
  organ('kjj', GOV, C('科学技术局'), [4, 6], [1, 2]),
  organ('gxj', GOV, C('工业和信息化局'), [6, 8], [1, 2]),
  organ('gaj', GOV, C('公安局'), [8, 12], [1, 5], { politicalLegal: [260, 290], staffKind: 'police' }),
  organ('mzj', GOV, C('民政局'), [8, 10], [1, 2]),
  organ('sfj', GOV, C('司法局'), [4, 6], [1, 2], { politicalLegal: [16, 20] }),
  organ('czj', GOV, C('财政局'), [16, 20], [1, 3]),
  organ('rsj', GOV, C('人力资源和社会保障局'), [10, 13], [1, 3]),
  organ('zrj', GOV, C('自然资源局'), [14, 18], [1, 3]),
  organ('zjj', GOV, C('住房和城乡建设局'), [10, 13], [1, 3]),
  organ('jtj', GOV, C('交通运输局'), [8, 10], [1, 2]),
  organ('swj', GOV, C('水务局'), [8, 10], [1, 2]),
  organ('nyj', GOV, C('农业农村局'), [14, 18], [1, 3], { plaques: (n) => [`${n.county}乡村振兴局`] }),
  organ('swtj', GOV, C('商务和投资促进局'), [6, 8], [1, 2]),
  organ('wlj', GOV, C('文化旅游广电局'), [6, 8], [1, 2], { plaques: (n) => [`${n.county}文物局`] }),
  organ('wjj', GOV, C('卫生健康局'), [10, 13], [1, 3]),
  organ('tyj', GOV, C('退役军人事务局'), [5, 7], [1, 2], { foundedOn: REFORM_2019 }),
  organ('yjj', GOV, C('应急管理局'), [8, 10], [1, 2], { foundedOn: REFORM_2019 }),
  organ('sjj', GOV, C('审计局'), [6, 8], [1, 2], { traits: ['emptyPost'] }),
  organ('scj', GOV, C('市场监督管理局'), [40, 50], [1, 4]),
  organ('tjj', GOV, C('统计局'), [5, 6], [1, 2], { traits: ['overQuota'] }),
  organ('ybj', GOV, C('医疗保障局'), [5, 7], [1, 2], { foundedOn: REFORM_2019 }),
  organ('lcj', GOV, C('林业和草原局'), [5, 7], [1, 2]),
  organ('xfj', GOV, C('信访局'), [4, 6], [1, 2], { foundedOn: REFORM_2024 }),
  organ('zhzf', GOV, C('综合执法局'), [10, 14], [1, 3]),
  organ('zx', '政协机关', (n) => `中国人民政治协商会议${n.county}委员会机关`, [12, 14], [1, 2]),
  organ('zgh', MASS, C('总工会'), [5, 6], [1, 2]),
  organ('txw', MASS, (n) => `中国共产主义青年团${n.county}委员会`, [3, 4], [1, 1]),
  organ('fl', MASS, C('妇女联合会'), [3, 4], [1, 1]),
  organ('kx', MASS, C('科学技术协会'), [3, 4], [1, 1]),
  organ('gsl', MASS, C('工商业联合会'), [3, 4], [1, 1]),
  organ('cl', MASS, C('残疾人联合会'), [4, 5], [1, 1]),
  organ('wl', MASS, C('文学艺术界联合会'), [2, 3], [1, 1]),
  organ('hsz', MASS, C('红十字会'), [2, 3], [1, 1]),
];

// Township quotas are fixed rather than drawn so that the county's township total is the
// seed's 367: 行政编制 of the 6 乡镇 and 2 街道 plus 事业编制 of their own institutions.
const TOWNSHIP_ADMIN = [42, 38, 36, 34, 30, 28];
const STREET_ADMIN = [22, 18];
const TOWNSHIP_INSTITUTIONS: readonly { suffix: string; rank: UnitRank; quota: number; legal: boolean }[] = [
  { suffix: '党群服务中心', rank: '副科', quota: 7, legal: true },
  { suffix: '农业农村综合服务中心', rank: '副科', quota: 5, legal: true },
  { suffix: '社会事务服务中心', rank: '不定级', quota: 4, legal: false },
];
const STREET_INSTITUTIONS: readonly {
  suffix: string;
  rank: UnitRank;
  quotas: readonly number[];
  legal: boolean;
}[] = [
  { suffix: '党群服务中心', rank: '副科', quotas: [7, 6], legal: true },
  { suffix: '社区服务中心', rank: '不定级', quotas: [5, 5], legal: false },
];
// 聘用编制 of four townships (by index), as 宁夏 uses it for township staff.
const TOWNSHIP_HIRE: ReadonlyMap<number, number> = new Map([
  [0, 6],
  [2, 4],
  [3, 3],
  [4, 5],
]);
// 减上补下: quotas moved from county departments down to the townships took effect here.
const TOWNSHIP_TOPUP_DATE = '2023-03-15';

const INTERNAL_SECTIONS: readonly (readonly [string, readonly string[]])[] = [
  ['czj', ['办公室', '预算股', '国库股']],
  ['gaj', ['治安管理大队', '刑事侦查大队', '交通管理大队', '指挥中心']],
  ['zzb', ['组织科', '干部科', '人才工作科']],
  ['jyj', ['基础教育股', '人事股', '计划财务股']],
  ['wjj', ['医政医管股', '疾病预防控制股']],
  ['bb', ['综合股', '机构编制股', '事业单位登记管理股']],
  ['rsj', ['就业促进股', '社会保险股']],
];

// ---------------------------------------------------------------------------------------------
// The catalogue of institutions, as families: a family yields its n-th member, so that a
// bigger scale simply asks each family for more members.

interface StudentProfile {
  /** 2022 numbers; null where the school has no such level. */
  senior: number | null;
  junior: number | null;
  primary: number | null;
  preschool: number | null;
  /** Yearly growth rate of the roll. */
  growth: number;
}

type ServiceArea = { kind: 'township'; index: number; fraction: number } | { kind: 'farm'; base: number };

interface InstitutionSpec {
  name: string;
  /** An organ's key, 'town:i' or 'street:i'; null for 县委直属/政府直属. */
  parentKey: string | null;
  affiliation: Affiliation;
  rank: UnitRank;
  funding: FundingForm;
  type: InstitutionType;
  sector: Sector;
  legalPerson: boolean;
  plaques: string[];
  foundedOn: string;
  abolishedOn: string | null;
  quota: number;
  /** 聘用编制. */
  hire: number;
  /** 事业编制 lent from the 周转池. */
  pool: number;
  posts: readonly [number, number];
  traits: readonly Trait[];
  students: StudentProfile | null;
  serviceArea: ServiceArea | null;
  staffKind: StaffKind;
}

interface FamilyContext {
  names: CountyNames;
  /** How many members the family has in this county. */
  count: number;
  /** A village name unused so far in the county (for village schools and kindergartens). */
  village(rng: Rng): string;
  townPopulation(index: number, year: number): number;
}

interface Family {
  key: string;
  /** Members at scale 1. */
  base: number;
  build(ordinal: number, rng: Rng, ctx: FamilyContext): InstitutionSpec;
}

/** Leadership posts by rank: an institution is led at its own rank, deputies one step below. */
function defaultPosts(rank: UnitRank, quota: number): readonly [number, number] {
  if (rank === '正科') return [1, quota >= 100 ? 4 : quota >= 20 ? 3 : quota >= 8 ? 2 : 1];
  if (rank === '副科') return [0, quota >= 15 ? 2 : 1];
  return [0, 0];
}

type SpecInput = Pick<InstitutionSpec, 'name' | 'parentKey' | 'affiliation' | 'rank' | 'quota'> &
  Partial<InstitutionSpec>;

function spec(rng: Rng, input: SpecInput): InstitutionSpec {
  return {
    funding: '全额拨款',
    type: '一般',
    sector: '其他',
    legalPerson: true,
    plaques: [],
    foundedOn: randomDate(rng, '1984-01-01', '2019-12-31'),
    abolishedOn: null,
    hire: 0,
    pool: 0,
    posts: defaultPosts(input.rank, input.quota),
    traits: [],
    students: null,
    serviceArea: null,
    staffKind: input.sector === '卫生健康' ? 'health' : input.sector === '教育' ? 'school' : 'general',
    ...input,
  };
}

interface GeneralTemplate {
  name: (n: CountyNames) => string;
  parent: string | null;
  affiliation: Affiliation;
  rank: UnitRank;
  quota: Range;
  funding?: FundingForm;
  type?: InstitutionType;
  sector?: Sector;
  hire?: number;
  plaques?: (n: CountyNames) => string[];
  foundedOn?: string;
  abolishedOn?: string;
  traits?: readonly Trait[];
}

type GeneralExtra = Partial<Omit<GeneralTemplate, 'name' | 'parent' | 'rank' | 'quota'>>;

const DEPT = '部门所属';

/** A county-level institution: 县委直属 or 政府直属 when parent is null, else 部门所属 of that organ. */
function inst(
  parent: string | null,
  name: string | ((n: CountyNames) => string),
  rank: UnitRank,
  quota: Range,
  extra: GeneralExtra = {},
): GeneralTemplate {
  return {
    name: typeof name === 'string' ? C(name) : name,
    parent,
    affiliation: DEPT,
    rank,
    quota,
    ...extra,
  };
}

const PARTY_DIRECT: GeneralExtra = { affiliation: '县委直属' };
const GOV_DIRECT: GeneralExtra = { affiliation: '政府直属' };
const HEALTH: GeneralExtra = { type: '其他卫生', sector: '卫生健康' };
const HOSPITAL: GeneralExtra = { type: '公立医院', sector: '卫生健康', funding: '差额拨款' };
const EDUCATION: GeneralExtra = { sector: '教育' };
const PARTIAL: GeneralExtra = { funding: '差额拨款' };
const SELF_FUNDED: GeneralExtra = { funding: '自收自支' };

const GENERAL: readonly GeneralTemplate[] = [
  // 县委直属 and 政府直属 正科 institutions.
  inst(null, PARTY('党校'), '正科', [14, 18], { ...PARTY_DIRECT, plaques: (n) => [`${n.county}行政学校`] }),
  inst(null, '融媒体中心', '正科', [30, 36], { ...PARTY_DIRECT, ...PARTIAL, hire: 5 }),
  inst(null, '档案馆', '正科', [6, 8], PARTY_DIRECT),
  inst(null, '政务服务中心', '正科', [18, 22], { ...GOV_DIRECT, hire: 4 }),
  inst(null, '乡村振兴服务中心', '正科', [12, 15], { ...GOV_DIRECT, traits: ['futureQuota'] }),
  inst(null, '供销合作社联合社', '正科', [5, 7], { ...GOV_DIRECT, ...SELF_FUNDED }),
  inst(null, '投资促进服务中心', '正科', [8, 10], { ...GOV_DIRECT, foundedOn: '2019-06-20' }),
  inst(null, '机关事务服务中心', '正科', [8, 10], GOV_DIRECT),
  // 部门所属 正科, taking slots of the limit for directly affiliated institutions.
  inst('wjj', '人民医院', '正科', [450, 480], { ...HOSPITAL, hire: 30 }),
  inst('wjj', '中医医院', '正科', [240, 260], HOSPITAL),
  inst('wjj', '疾病预防控制中心', '正科', [28, 34], HEALTH),
  inst('rsj', '社会保险事业服务中心', '正科', [14, 18]),
  inst('zrj', '不动产登记服务中心', '正科', [10, 13], PARTIAL),
  // The seed: 给"*县职业教育学校"加挂"*开放大学*学院"牌子.
  inst('jyj', '职业教育学校', '正科', [55, 65], {
    ...EDUCATION,
    plaques: (n) => [`${n.province}开放大学${n.short}学院`],
  }),
  // 部门所属, not in the limit.
  inst('wjj', '妇幼保健计划生育服务中心', '副科', [40, 48], { ...HEALTH, ...PARTIAL }),
  inst('wjj', '卫生计生监督所', '副科', [8, 10], HEALTH),
  inst('wjj', '急救指挥中心', '不定级', [6, 8], HEALTH),
  inst('nyj', '农业技术推广服务中心', '副科', [22, 28]),
  inst('nyj', '动物疾病预防控制中心', '副科', [15, 19]),
  inst('nyj', '农业机械化服务中心', '不定级', [6, 8]),
  // Merged into the 农业技术推广服务中心 in the 2024 reform; kept for its history.
  inst('nyj', '农村经济经营管理站', '副科', [5, 6], { foundedOn: '1988-04-12', abolishedOn: '2024-03-29' }),
  inst('swj', '水利工程建设管理服务中心', '副科', [10, 13]),
  inst('swj', '河湖管理服务中心', '不定级', [4, 5]),
  inst('lcj', '林业和草原技术服务中心', '副科', [8, 10]),
  inst('lcj', '国有林场', '副科', [10, 12], PARTIAL),
  inst('zjj', '城乡建设服务中心', '副科', [9, 11]),
  inst('zjj', '房屋征收与住房保障服务中心', '副科', [6, 8], SELF_FUNDED),
  inst('jtj', '公路养护服务中心', '副科', [13, 16], PARTIAL),
  inst('jtj', '交通运输综合服务中心', '不定级', [4, 6]),
  inst('rsj', '就业创业服务中心', '副科', [10, 12]),
  inst('rsj', '劳动人事争议仲裁院', '不定级', [3, 4]),
  inst('mzj', '殡仪馆', '副科', [5, 6], { ...SELF_FUNDED, traits: ['overQuota'] }),
  inst('mzj', '社会福利院', '副科', [7, 9], PARTIAL),
  inst('sfj', '公证处', '不定级', [3, 5], SELF_FUNDED),
  inst('wlj', '文化馆', '副科', [8, 10]),
  inst('wlj', '图书馆', '副科', [6, 8]),
  inst('wlj', '文物管理所', '不定级', [3, 5]),
  inst('wlj', '体育运动服务中心', '不定级', [4, 6]),
  inst('tjj', '统计普查中心', '不定级', [3, 5]),
  inst('czj', '财政国库支付中心', '副科', [8, 10]),
  inst('sjj', '经济责任审计服务中心', '不定级', [3, 4]),
  inst('scj', '市场监管综合服务中心', '不定级', [6, 8]),
  inst('ybj', '医疗保障服务中心', '副科', [8, 10], { foundedOn: '2019-09-10' }),
  inst('yjj', '应急管理综合服务中心', '不定级', [5, 6], { foundedOn: '2019-11-05' }),
  inst('tyj', '退役军人服务中心', '不定级', [4, 6], { foundedOn: '2019-08-01' }),
  inst('kjj', '科技创新服务中心', '不定级', [3, 4]),
  inst('jyj', '教育教学研究室', '副科', [10, 12], EDUCATION),
  inst('jyj', '学生资助管理中心', '不定级', [3, 3], EDUCATION),
  inst('jyj', '特殊教育学校', '副科', [18, 22], EDUCATION),
  inst('xfj', '信访事务服务中心', '不定级', [3, 4], { foundedOn: '2024-09-02' }),
  inst('wxb', '网络舆情中心', '不定级', [3, 4]),
  inst('lgb', '老年大学', '不定级', [3, 3]),
  inst('txw', '青少年活动中心', '不定级', [3, 3]),
  inst('fl', '妇女儿童活动中心', '不定级', [3, 3]),
  inst('cl', '残疾人综合服务中心', '不定级', [4, 5]),
  inst('fgj', '粮食和物资储备服务中心', '副科', [6, 7]),
  inst('fgj', '价格认证中心', '不定级', [3, 3]),
  inst('swtj', '商务和经济合作服务中心', '不定级', [5, 6]),
  inst('zzb', '党员教育中心', '不定级', [3, 4]),
  inst('xcb', '新时代文明实践服务中心', '不定级', [4, 5]),
  inst('bb', '机构编制信息中心', '不定级', [3, 3]),
  inst('jw', '纪检监察信息中心', '不定级', [3, 3]),
  inst('zhzf', '城市综合执法服务中心', '不定级', [8, 10]),
  inst('yq', (n) => `${n.profile.park}综合服务中心`, '副科', [6, 8]),
];

function generalFamily(t: GeneralTemplate, index: number): Family {
  return {
    key: `general:${index}`,
    base: 1,
    build: (ordinal, rng, ctx) => {
      const quota = rng.int(t.quota[0], t.quota[1]);
      const base = ordinal === 0;
      return spec(rng, {
        name: branchName(t.name(ctx.names), ordinal),
        parentKey: t.parent,
        affiliation: t.affiliation,
        rank: t.rank,
        quota,
        funding: t.funding ?? '全额拨款',
        type: t.type ?? '一般',
        sector: t.sector ?? '其他',
        hire: t.hire ?? 0,
        plaques: base && t.plaques ? t.plaques(ctx.names) : [],
        ...(t.foundedOn ? { foundedOn: t.foundedOn } : {}),
        // Irregularities are planted once; copies made for bigger scales are ordinary units.
        abolishedOn: base ? (t.abolishedOn ?? null) : null,
        traits: base ? (t.traits ?? []) : [],
        staffKind:
          t.type === '公立医院' || t.sector === '卫生健康'
            ? 'health'
            : t.sector === '教育'
              ? 'school'
              : 'general',
      });
    },
  };
}

const TOWNS = 6;
const STREETS = 2;

function townOf(ordinal: number): { index: number; copy: number } {
  return { index: ordinal % TOWNS, copy: Math.floor(ordinal / TOWNS) };
}

function townName(n: CountyNames, index: number): string {
  return n.profile.townships[index] ?? `第${chineseNumber(index + 1)}镇`;
}

function streetName(n: CountyNames, index: number): string {
  return n.profile.streets[index] ?? `第${chineseNumber(index + 1)}街道`;
}

/** '杨和镇中学', then '杨和镇第二中学' for further copies. */
function numberedInTown(town: string, copy: number, kind: string): string {
  return copy === 0 ? `${town}${kind}` : `${town}第${chineseNumber(copy + 1)}${kind}`;
}

const TOWNSHIP_FAMILIES: readonly Family[] = TOWNSHIP_INSTITUTIONS.map((t, k) => ({
  key: `town-inst:${k}`,
  base: TOWNS,
  build: (ordinal, rng, ctx) => {
    const { index, copy } = townOf(ordinal);
    return spec(rng, {
      name: branchName(`${townName(ctx.names, index)}${t.suffix}`, copy),
      parentKey: `town:${index}`,
      affiliation: '乡镇所属',
      rank: t.rank,
      quota: t.quota,
      legalPerson: t.legal,
      foundedOn: randomDate(rng, '2002-01-01', '2019-12-31'),
    });
  },
}));

const STREET_FAMILIES: readonly Family[] = STREET_INSTITUTIONS.map((t, k) => ({
  key: `street-inst:${k}`,
  base: STREETS,
  build: (ordinal, rng, ctx) => {
    const index = ordinal % STREETS;
    return spec(rng, {
      name: branchName(`${streetName(ctx.names, index)}${t.suffix}`, Math.floor(ordinal / STREETS)),
      parentKey: `street:${index}`,
      affiliation: '街道所属',
      rank: t.rank,
      quota: t.quotas[index] ?? 5,
      legalPerson: t.legal,
      foundedOn: randomDate(rng, '2010-01-01', '2019-12-31'),
    });
  },
}));

const DISPATCHED: Family = {
  key: 'dispatched',
  base: TOWNS,
  build: (ordinal, rng, ctx) => {
    const { index, copy } = townOf(ordinal);
    return spec(rng, {
      name: `${ctx.names.county}农业农村局${branchName(`${townName(ctx.names, index)}畜牧兽医站`, copy)}`,
      parentKey: 'nyj',
      affiliation: '部门派驻乡镇',
      rank: index % 3 === 0 ? '副科' : '不定级',
      quota: rng.int(3, 4),
      legalPerson: false,
    });
  },
};

// ---- health ----

const TOWNSHIP_HEALTH_CENTRES: Family = {
  key: 'township-hc',
  base: TOWNS,
  build: (ordinal, rng, ctx) => {
    const { index, copy } = townOf(ordinal);
    const copies = Math.floor((ctx.count - 1 - index) / TOWNS) + 1;
    // Hospitals in the county town serve part of each township, so a centre serves 55–90 %.
    const fraction = (0.55 + rng.next() * 0.35) / copies;
    const servicePopulation = ctx.townPopulation(index, 2022) * fraction;
    // The seed: the standard is about 1‰ of the service population, and the centres fall short.
    return spec(rng, {
      name: branchName(`${townName(ctx.names, index)}卫生院`, copy),
      parentKey: 'wjj',
      affiliation: DEPT,
      rank: '副科',
      quota: Math.max(6, Math.round((servicePopulation / 1000) * (0.65 + rng.next() * 0.2))),
      funding: index % 2 === 0 ? '全额拨款' : '差额拨款',
      type: '乡镇卫生院',
      sector: '卫生健康',
      serviceArea: { kind: 'township', index, fraction },
    });
  },
};

const FARM_HEALTH_CENTRE: Family = {
  key: 'farm-hc',
  base: 1,
  build: (ordinal, rng, ctx) =>
    spec(rng, {
      name: branchName(`${ctx.names.county}${ctx.names.profile.farm}卫生院`, ordinal),
      parentKey: 'wjj',
      affiliation: DEPT,
      rank: '不定级',
      quota: rng.int(8, 10),
      funding: '差额拨款',
      type: '农场卫生院',
      sector: '卫生健康',
      serviceArea: { kind: 'farm', base: rng.int(8_000, 10_000) },
    }),
};

const COMMUNITY_HEALTH: Family = {
  key: 'community-hc',
  base: STREETS,
  build: (ordinal, rng, ctx) =>
    spec(rng, {
      name: branchName(
        `${streetName(ctx.names, ordinal % STREETS)}社区卫生服务中心`,
        Math.floor(ordinal / STREETS),
      ),
      parentKey: 'wjj',
      affiliation: DEPT,
      rank: '不定级',
      quota: rng.int(12, 18),
      funding: '差额拨款',
      type: '其他卫生',
      sector: '卫生健康',
    }),
};

// ---- schools ----

// 2014 national staffing ratios (students per staff member): 高中 12.5, 初中 13.5, 小学 19.
const RATIO_SENIOR = 12.5;
const RATIO_JUNIOR = 13.5;
const RATIO_PRIMARY = 19;

function roll(rng: Rng, range: Range | null): number | null {
  return range === null ? null : rng.int(range[0], range[1]);
}

function studentProfile(
  rng: Rng,
  senior: Range | null,
  junior: Range | null,
  primary: Range | null,
): StudentProfile {
  return {
    senior: roll(rng, senior),
    junior: roll(rng, junior),
    primary: roll(rng, primary),
    preschool: null,
    growth: -0.04 + rng.next() * 0.09,
  };
}

/** The seed: schools get less than the standard asks for (中小学教职工编制缺配), 85–97 % of it. */
function schoolQuota(rng: Rng, p: StudentProfile): number {
  const need =
    (p.senior ?? 0) / RATIO_SENIOR + (p.junior ?? 0) / RATIO_JUNIOR + (p.primary ?? 0) / RATIO_PRIMARY;
  return Math.max(2, Math.round(need * (0.85 + rng.next() * 0.12)));
}

interface SchoolShape {
  name: string;
  rank: UnitRank;
  profile: StudentProfile;
  foundedOn?: string;
  pool?: number;
  traits?: readonly Trait[];
  legalPerson?: boolean;
}

function school(rng: Rng, shape: SchoolShape): InstitutionSpec {
  const empty = shape.traits?.includes('emptySchool') ?? false;
  return spec(rng, {
    name: shape.name,
    parentKey: 'jyj',
    affiliation: DEPT,
    rank: shape.rank,
    quota: empty ? 2 : schoolQuota(rng, shape.profile),
    type: '中小学',
    sector: '教育',
    students: shape.profile,
    pool: shape.pool ?? 0,
    traits: shape.traits ?? [],
    legalPerson: shape.legalPerson ?? true,
    ...(shape.foundedOn ? { foundedOn: shape.foundedOn } : {}),
  });
}

const SCHOOL_FAMILIES: readonly Family[] = [
  {
    key: 'senior',
    base: 2,
    build: (ordinal, rng, ctx) => {
      const c = ctx.names.county;
      const name =
        ordinal === 0
          ? `${c}第一中学`
          : ordinal === 1
            ? `${c}回民高级中学`
            : `${c}第${chineseNumber(ordinal)}高级中学`;
      return school(rng, {
        name,
        rank: ordinal === 0 ? '正科' : '副科',
        profile: studentProfile(rng, [2200, 3000], null, null),
        ...(ordinal === 0 ? { foundedOn: '1958-09-01', pool: rng.int(8, 12) } : {}),
      });
    },
  },
  {
    key: 'urban-junior',
    base: 3,
    build: (ordinal, rng, ctx) =>
      school(rng, {
        name: `${ctx.names.county}第${chineseNumber(ordinal + 2)}中学`,
        rank: '副科',
        profile: studentProfile(rng, null, [1200, 2000], null),
        // The seed: 新设立中学*所 since 2022.
        ...(ordinal === 2 ? { foundedOn: '2022-08-26' } : {}),
      }),
  },
  {
    key: 'town-junior',
    base: 5,
    build: (ordinal, rng, ctx) => {
      const { index, copy } = townOf(ordinal);
      return school(rng, {
        name: numberedInTown(townName(ctx.names, index), copy, '中学'),
        rank: '副科',
        profile: studentProfile(rng, null, [550, 1200], null),
      });
    },
  },
  {
    key: 'nine-year',
    base: 5,
    build: (ordinal, rng, ctx) =>
      school(rng, {
        name: `${townName(ctx.names, townOf(ordinal).index)}${ctx.village(rng)}学校`,
        rank: '不定级',
        profile: studentProfile(rng, null, [150, 450], [300, 800]),
      }),
  },
  {
    key: 'urban-primary',
    base: 8,
    build: (ordinal, rng, ctx) =>
      school(rng, {
        name: `${ctx.names.county}第${chineseNumber(ordinal + 1)}小学`,
        rank: ordinal < 2 ? '副科' : '不定级',
        profile: studentProfile(rng, null, null, [1900, 3100]),
        ...(ordinal < 2 ? { pool: rng.int(5, 9) } : {}),
        ...(ordinal === 2 ? { traits: ['overQuota'] } : {}),
      }),
  },
  {
    key: 'central-primary',
    base: 6,
    build: (ordinal, rng, ctx) => {
      const { index, copy } = townOf(ordinal);
      return school(rng, {
        name: numberedInTown(townName(ctx.names, index), copy, '中心小学'),
        rank: '不定级',
        profile: studentProfile(rng, null, null, [650, 1300]),
      });
    },
  },
  {
    key: 'village-primary',
    base: 16,
    build: (ordinal, rng, ctx) => {
      // One village school has no pupils left but still holds its establishment.
      const empty = ordinal === 7;
      return school(rng, {
        name: `${townName(ctx.names, townOf(ordinal).index)}${ctx.village(rng)}小学`,
        rank: '不定级',
        profile: empty
          ? { senior: null, junior: null, primary: 0, preschool: null, growth: 0 }
          : studentProfile(rng, null, null, [60, 420]),
        traits: empty ? ['emptySchool'] : [],
        legalPerson: rng.chance(0.6),
      });
    },
  },
];

function kindergarten(
  rng: Rng,
  name: string,
  rank: UnitRank,
  quota: number,
  preschool: Range,
): InstitutionSpec {
  return spec(rng, {
    name,
    parentKey: 'jyj',
    affiliation: DEPT,
    rank,
    quota,
    type: '幼儿园',
    sector: '教育',
    students: {
      senior: null,
      junior: null,
      primary: null,
      preschool: rng.int(preschool[0], preschool[1]),
      growth: -0.03 + rng.next() * 0.1,
    },
  });
}

// The day the newest kindergarten opened: the one unit founded after 2025.
const NEWEST_KINDERGARTEN = '2026-03-16';

const KINDERGARTEN_FAMILIES: readonly Family[] = [
  {
    key: 'county-kg',
    base: 10,
    build: (ordinal, rng, ctx) => {
      const name = `${ctx.names.county}第${chineseNumber(ordinal + 1)}幼儿园`;
      if (ordinal < 3) {
        const k = kindergarten(rng, name, ordinal === 0 ? '副科' : '不定级', rng.int(18, 30), [350, 500]);
        return { ...k, foundedOn: randomDate(rng, '1985-01-01', '2000-12-31') };
      }
      // The seed: newly approved public kindergartens get only 1–3 quotas.
      const k = kindergarten(rng, name, '不定级', rng.int(1, 3), [150, 300]);
      const foundedOn = ordinal === 9 ? NEWEST_KINDERGARTEN : randomDate(rng, '2016-01-01', '2023-08-31');
      return { ...k, foundedOn, traits: ordinal === 5 ? ['overQuota'] : [] };
    },
  },
  {
    key: 'central-kg',
    base: 6,
    build: (ordinal, rng, ctx) => {
      const { index, copy } = townOf(ordinal);
      const k = kindergarten(
        rng,
        numberedInTown(townName(ctx.names, index), copy, '中心幼儿园'),
        '不定级',
        rng.int(3, 6),
        [120, 260],
      );
      return { ...k, foundedOn: randomDate(rng, '2012-01-01', '2019-12-31') };
    },
  },
  {
    key: 'village-kg',
    base: 4,
    build: (ordinal, rng, ctx) => {
      const name = `${townName(ctx.names, townOf(ordinal).index)}${ctx.village(rng)}幼儿园`;
      const k = kindergarten(rng, name, '不定级', rng.int(1, 2), [60, 150]);
      return { ...k, foundedOn: randomDate(rng, '2018-01-01', '2022-12-31'), legalPerson: false };
    },
  },
];

const FAMILIES: readonly Family[] = [
  ...GENERAL.map(generalFamily),
  ...TOWNSHIP_FAMILIES,
  ...STREET_FAMILIES,
  DISPATCHED,
  TOWNSHIP_HEALTH_CENTRES,
  FARM_HEALTH_CENTRE,
  COMMUNITY_HEALTH,
  ...SCHOOL_FAMILIES,
  ...KINDERGARTEN_FAMILIES,
];

// ---------------------------------------------------------------------------------------------
// Population.

// The seed: 32.2万 residents, 47.36 % more than in 2010.
const POPULATION_2023 = 322_000;
const GROWTH_2010_2023 = 1.4736;
const GROWTH_AFTER_2023 = 1.005;
const FIRST_POPULATION_YEAR = 2010;
const LAST_POPULATION_YEAR = 2025;
const STUDENT_YEARS = [2022, 2023, 2024, 2025];

function countyPopulation(year: number, scale: number): number {
  const base =
    year <= 2023
      ? (POPULATION_2023 / GROWTH_2010_2023) * GROWTH_2010_2023 ** ((year - 2010) / 13)
      : POPULATION_2023 * GROWTH_AFTER_2023 ** (year - 2023);
  return Math.round(base * scale);
}

/** Splits a total by weights into integers that add up exactly (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest -= 1;
  }
  return parts;
}

/** Population of each township then each street in a year; they add up to the county's. */
function townshipPopulations(profile: CountyProfile, year: number, scale: number): number[] {
  const t = (year - FIRST_POPULATION_YEAR) / (LAST_POPULATION_YEAR - FIRST_POPULATION_YEAR);
  const shares = profile.shares2010.map((s, i) => s + ((profile.shares2025[i] ?? s) - s) * t);
  return apportion(countyPopulation(year, scale), shares);
}

// ---------------------------------------------------------------------------------------------
// Units, quotas and posts.

interface UnitPlan {
  row: UnitRow;
  quotas: QuotaRow[];
  posts: PostRow[];
  traits: readonly Trait[];
  staffKind: StaffKind;
  students: StudentProfile | null;
  serviceArea: ServiceArea | null;
}

interface QuotaPart {
  type: QuotaType;
  approved: number;
}

interface PlanContext {
  regionCode: string;
  asOf: string;
  seed: number;
  names: CountyNames;
  scale: number;
}

function quotaRow(
  ctx: PlanContext,
  unitCode: string,
  type: QuotaType,
  approved: number,
  effectiveFrom: string,
  source: QuotaSource = '',
): QuotaRow {
  return { regionCode: ctx.regionCode, unitCode, quotaType: type, approved, source, effectiveFrom };
}

/**
 * The unit's quota rows: each part from the founding date; a superseded unit had a different
 * count first and its present one from a later 三定 date; a future row is approved but not yet
 * in force; 周转池 quotas came in 2023.
 */
function quotaRows(
  ctx: PlanContext,
  rng: Rng,
  code: string,
  foundedOn: string,
  parts: readonly QuotaPart[],
  pool: number,
  traits: readonly Trait[],
  changeDate: string | null,
): QuotaRow[] {
  const rows: QuotaRow[] = [];
  const lastChange = '2024-06-30';
  for (const part of parts) {
    if (part.approved <= 0) continue;
    const earliestChange = maxDate(addYears(foundedOn, 1), '2015-01-01');
    const superseded = traits.includes('superseded') && earliestChange < lastChange;
    if (superseded) {
      const delta = rng.pick([-4, -3, -2, -1, 1, 2]);
      rows.push(quotaRow(ctx, code, part.type, Math.max(1, part.approved + delta), foundedOn));
      rows.push(
        quotaRow(
          ctx,
          code,
          part.type,
          part.approved,
          changeDate ?? randomDate(rng, earliestChange, lastChange),
        ),
      );
    } else {
      rows.push(quotaRow(ctx, code, part.type, part.approved, foundedOn));
    }
  }
  if (pool > 0) rows.push(quotaRow(ctx, code, '事业编制', pool, maxDate(foundedOn, '2023-09-01'), '周转池'));
  const main = parts[0];
  if (traits.includes('futureQuota') && main) {
    rows.push(quotaRow(ctx, code, main.type, main.approved + 3, addDays(ctx.asOf, 40)));
  }
  return rows;
}

function postRows(
  ctx: PlanContext,
  code: string,
  posts: readonly [number, number],
  effectiveFrom: string,
): PostRow[] {
  const levels: readonly (readonly [PostLevel, number])[] = [
    ['正科', posts[0]],
    ['副科', posts[1]],
  ];
  return levels
    .filter(([, n]) => n > 0)
    .map(([level, approved]) => ({
      regionCode: ctx.regionCode,
      unitCode: code,
      level,
      approved,
      effectiveFrom,
    }));
}

function organRow(
  ctx: PlanContext,
  code: string,
  name: string,
  category: UnitCategory,
  foundedOn: string,
  plaques: string[],
): UnitRow {
  return {
    regionCode: ctx.regionCode,
    code,
    name,
    parentCode: null,
    category,
    // County departments, townships and the park committee are all 正科级.
    rank: '正科',
    affiliation: null,
    countsTowardDirectLimit: null,
    funding: null,
    type: null,
    sector: null,
    legalPerson: true,
    uscc: null,
    plaques,
    foundedOn,
    abolishedOn: null,
  };
}

function organPlan(ctx: PlanContext, t: OrganTemplate, code: string): UnitPlan {
  const rng = createRng(hashSeed(ctx.seed, ctx.regionCode, 'organ', t.key));
  const foundedOn = t.foundedOn ?? randomDate(rng, '1984-01-01', '2018-12-31');
  const parts: QuotaPart[] = [{ type: '行政编制', approved: rng.int(t.admin[0], t.admin[1]) }];
  if (t.politicalLegal)
    parts.push({ type: '政法专项编制', approved: rng.int(t.politicalLegal[0], t.politicalLegal[1]) });
  const traits: Trait[] = [...(t.traits ?? []), ...(rng.chance(0.15) ? (['superseded'] as const) : [])];
  return {
    row: organRow(ctx, code, t.name(ctx.names), t.category, foundedOn, t.plaques ? t.plaques(ctx.names) : []),
    quotas: quotaRows(ctx, rng, code, foundedOn, parts, 0, traits, null),
    posts: postRows(ctx, code, t.posts, foundedOn),
    traits,
    staffKind: t.staffKind ?? 'organ',
    students: null,
    serviceArea: null,
  };
}

function townshipPlan(ctx: PlanContext, code: string, index: number, street: boolean): UnitPlan {
  const rng = createRng(hashSeed(ctx.seed, ctx.regionCode, street ? 'street' : 'town', index));
  const name = street ? streetName(ctx.names, index) : townName(ctx.names, index);
  // 乡镇 date from the end of the communes (1984); the streets were carved out later.
  const foundedOn = street
    ? randomDate(rng, '2005-01-01', '2009-12-31')
    : randomDate(rng, '1984-01-01', '1984-12-31');
  const admin = (street ? STREET_ADMIN[index] : TOWNSHIP_ADMIN[index]) ?? 20;
  const hire = street ? 0 : (TOWNSHIP_HIRE.get(index) ?? 0);
  const parts: QuotaPart[] = [
    { type: '行政编制', approved: admin },
    { type: '聘用编制', approved: hire },
  ];
  return {
    row: organRow(ctx, code, name, street ? '街道' : '乡镇', foundedOn, []),
    quotas: quotaRows(ctx, rng, code, foundedOn, parts, 0, ['superseded'], TOWNSHIP_TOPUP_DATE),
    posts: postRows(ctx, code, street ? [2, 4] : [2, 7 + (index % 3)], foundedOn),
    traits: ['superseded'],
    staffKind: 'organ',
    students: null,
    serviceArea: null,
  };
}

function parkPlan(ctx: PlanContext, code: string): UnitPlan {
  const rng = createRng(hashSeed(ctx.seed, ctx.regionCode, 'park'));
  const foundedOn = randomDate(rng, '2003-01-01', '2012-12-31');
  const parts: QuotaPart[] = [{ type: '行政编制', approved: rng.int(12, 15) }];
  return {
    row: organRow(ctx, code, `${ctx.names.profile.park}管理委员会`, '派出机构', foundedOn, []),
    quotas: quotaRows(ctx, rng, code, foundedOn, parts, 0, [], null),
    posts: postRows(ctx, code, [1, 3], foundedOn),
    traits: [],
    staffKind: 'organ',
    students: null,
    serviceArea: null,
  };
}

function sectionPlan(ctx: PlanContext, code: string, parent: UnitPlan, section: string): UnitPlan {
  return {
    row: {
      ...organRow(
        ctx,
        code,
        `${parent.row.name}${section}`,
        '内设机构',
        parent.row.foundedOn ?? '1984-01-01',
        [],
      ),
      parentCode: parent.row.code,
      rank: null,
      legalPerson: false,
    },
    quotas: [],
    posts: [],
    traits: [],
    staffKind: 'organ',
    students: null,
    serviceArea: null,
  };
}

function unitCode(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}

/** The organs (A…) and their internal sections (C…), with the keys institutions refer to. */
function organPlans(ctx: PlanContext): { plans: UnitPlan[]; codes: Map<string, string> } {
  const plans: UnitPlan[] = [];
  const codes = new Map<string, string>();
  const next = (): string => unitCode('A', plans.length + 1);
  const byCategory = (category: UnitCategory): void => {
    for (const t of ORGANS.filter((o) => o.category === category)) {
      const code = next();
      codes.set(t.key, code);
      plans.push(organPlan(ctx, t, code));
    }
  };
  for (const category of [
    '纪检监察机关',
    '党委工作机关',
    '人大机关',
    '政府工作部门',
    '政协机关',
    '群众团体',
  ] as const) {
    byCategory(category);
  }
  for (let i = 0; i < TOWNS; i++) {
    const code = next();
    codes.set(`town:${i}`, code);
    plans.push(townshipPlan(ctx, code, i, false));
  }
  for (let i = 0; i < STREETS; i++) {
    const code = next();
    codes.set(`street:${i}`, code);
    plans.push(townshipPlan(ctx, code, i, true));
  }
  const parkCode = next();
  codes.set('yq', parkCode);
  plans.push(parkPlan(ctx, parkCode));

  const sections: UnitPlan[] = [];
  for (const [key, names] of INTERNAL_SECTIONS) {
    const parent = plans.find((p) => p.row.code === codes.get(key));
    if (!parent) continue;
    for (const section of names)
      sections.push(sectionPlan(ctx, unitCode('C', sections.length + 1), parent, section));
  }
  return { plans: [...plans, ...sections], codes };
}

function institutionPlan(
  ctx: PlanContext,
  s: InstitutionSpec,
  code: string,
  parentCode: string | null,
  rng: Rng,
): UnitPlan {
  const traits: Trait[] = [...s.traits, ...(rng.chance(0.12) ? (['superseded'] as const) : [])];
  const parts: QuotaPart[] = [
    { type: '事业编制', approved: s.quota },
    { type: '聘用编制', approved: s.hire },
  ];
  return {
    row: {
      regionCode: ctx.regionCode,
      code,
      name: s.name,
      parentCode,
      category: '事业单位',
      rank: s.rank,
      affiliation: s.affiliation,
      countsTowardDirectLimit: s.affiliation === '部门所属' && s.rank === '正科',
      funding: s.funding,
      type: s.type,
      sector: s.sector,
      legalPerson: s.legalPerson,
      uscc: null,
      plaques: s.plaques,
      foundedOn: s.foundedOn,
      abolishedOn: s.abolishedOn,
    },
    quotas: quotaRows(ctx, rng, code, s.foundedOn, parts, s.pool, traits, null),
    posts: postRows(ctx, code, s.posts, s.foundedOn),
    traits,
    staffKind: s.staffKind,
    students: s.students,
    serviceArea: s.serviceArea,
  };
}

/** Village names unused so far; numbered ones once the stems run out in a big county. */
function villageNamer(): (rng: Rng) => string {
  const used = new Set<string>();
  return (rng) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const stem = rng.pick(PLACE_STEMS);
      if (!used.has(stem)) {
        used.add(stem);
        return stem;
      }
    }
    const numbered = `第${chineseNumber(used.size + 1)}`;
    used.add(numbered);
    return numbered;
  };
}

/**
 * The institutions (B…). Members are ordered round by round (every family's scale-1 members
 * first), so that the scale-1 county is the beginning of every bigger one, codes included.
 */
function institutionPlans(
  ctx: PlanContext,
  multiplier: number,
  organCodes: ReadonlyMap<string, string>,
): UnitPlan[] {
  const members = FAMILIES.flatMap((family, f) => {
    const count = Math.max(0, Math.round(family.base * multiplier));
    return Array.from({ length: count }, (_, ordinal) => ({ family, f, ordinal, count }));
  });
  members.sort(
    (a, b) =>
      Math.floor(a.ordinal / a.family.base) - Math.floor(b.ordinal / b.family.base) ||
      a.f - b.f ||
      a.ordinal - b.ordinal,
  );
  const village = villageNamer();
  return members.map(({ family, ordinal, count }, i) => {
    const rng = createRng(hashSeed(ctx.seed, ctx.regionCode, family.key, ordinal));
    const familyCtx: FamilyContext = {
      names: ctx.names,
      count,
      village,
      townPopulation: (index, year) => townshipPopulations(ctx.names.profile, year, ctx.scale)[index] ?? 0,
    };
    const s = family.build(ordinal, rng, familyCtx);
    const parentCode = s.parentKey === null ? null : (organCodes.get(s.parentKey) ?? null);
    return institutionPlan(ctx, s, unitCode('B', i + 1), parentCode, rng);
  });
}

/** Approved count of each type in force on a date (all sources added up). */
function quotasInForce(quotas: readonly QuotaRow[], date: string): Map<QuotaType, number> {
  const latest = new Map<string, QuotaRow>();
  for (const q of quotas) {
    if (q.effectiveFrom > date) continue;
    const key = `${q.quotaType}|${q.source}`;
    const current = latest.get(key);
    if (!current || current.effectiveFrom < q.effectiveFrom) latest.set(key, q);
  }
  const totals = new Map<QuotaType, number>();
  for (const q of latest.values()) totals.set(q.quotaType, (totals.get(q.quotaType) ?? 0) + q.approved);
  return totals;
}

function postsInForce(posts: readonly PostRow[], level: PostLevel, date: string): number {
  const rows = posts.filter((p) => p.level === level && p.effectiveFrom <= date);
  return (
    rows.reduce<PostRow | null>((a, b) => (a === null || a.effectiveFrom < b.effectiveFrom ? b : a), null)
      ?.approved ?? 0
  );
}

function totalQuota(plans: readonly UnitPlan[], date: string): number {
  return plans.reduce(
    (sum, p) => sum + [...quotasInForce(p.quotas, date).values()].reduce((a, b) => a + b, 0),
    0,
  );
}

// ---- 统一社会信用代码 ----

/**
 * Gives organs ('11', 群众团体 '13') and most institutions ('12') a valid USCC. The body of the
 * organisation code is an affine scramble of a counter, which never repeats within a region;
 * units set up after the 2015 reform carry the newer 'MB' form.
 */
function assignUsccs(plans: readonly UnitPlan[], regionCode: string, seed: number): void {
  const offset = hashSeed(seed, regionCode, 'uscc');
  plans.forEach((plan, counter) => {
    const row = plan.row;
    if (row.category === '内设机构') return;
    if (row.category === '事业单位' && !row.legalPerson && hashSeed(offset, row.code) % 2 === 0) return;
    const newer = (row.foundedOn ?? '') >= '2016-01-01';
    const body = newer
      ? `MB${String((counter * 7919 + offset) % 1_000_000).padStart(6, '0')}`
      : String((counter * 7919 + offset) % 100_000_000).padStart(8, '0');
    const orgCode = body + orgCodeCheckChar(body);
    const kind = row.category === '事业单位' ? '2' : row.category === '群众团体' ? '3' : '1';
    const first17 = `1${kind}${regionCode}${orgCode}`;
    row.uscc = first17 + usccCheckChar(first17);
  });
}

// ---------------------------------------------------------------------------------------------
// Population and student rows.

function populationRows(
  ctx: PlanContext,
  plans: readonly UnitPlan[],
  townCodes: readonly string[],
): PopulationRow[] {
  const rows: PopulationRow[] = [];
  for (let year = FIRST_POPULATION_YEAR; year <= LAST_POPULATION_YEAR; year++) {
    rows.push({
      regionCode: ctx.regionCode,
      unitCode: null,
      year,
      population: countyPopulation(year, ctx.scale),
    });
    const towns = townshipPopulations(ctx.names.profile, year, ctx.scale);
    townCodes.forEach((code, i) =>
      rows.push({ regionCode: ctx.regionCode, unitCode: code, year, population: towns[i] ?? 0 }),
    );
    for (const plan of plans) {
      const area = plan.serviceArea;
      if (area === null || year < yearOf(plan.row.foundedOn ?? '1984-01-01')) continue;
      const population =
        area.kind === 'farm'
          ? Math.round(area.base * ctx.scale * 1.004 ** (year - 2010))
          : Math.round((towns[area.index] ?? 0) * area.fraction);
      rows.push({ regionCode: ctx.regionCode, unitCode: plan.row.code, year, population });
    }
  }
  return rows;
}

function studentRows(ctx: PlanContext, plans: readonly UnitPlan[]): StudentRow[] {
  const rows: StudentRow[] = [];
  for (const plan of plans) {
    const p = plan.students;
    if (p === null) continue;
    for (const year of STUDENT_YEARS) {
      if (year < yearOf(plan.row.foundedOn ?? '1984-01-01')) continue;
      const factor = (1 + p.growth) ** (year - 2022);
      const at = (n: number | null): number | null => (n === null ? null : Math.round(n * factor));
      rows.push({
        regionCode: ctx.regionCode,
        unitCode: plan.row.code,
        year,
        senior: at(p.senior),
        junior: at(p.junior),
        primary: at(p.primary),
        preschool: at(p.preschool),
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// People.

interface Slot {
  quotaType: QuotaType;
  status: PersonStatus;
  leadership: LeadershipLevel;
}

const TYPE_ORDER: readonly QuotaType[] = ['行政编制', '政法专项编制', '事业编制', '聘用编制'];

function slots(n: number, quotaType: QuotaType, status: PersonStatus): Slot[] {
  return Array.from({ length: Math.max(0, n) }, () => ({ quotaType, status, leadership: '无' as const }));
}

/** How many people of each type and status a unit has, before anyone gets a name. */
function staffSlots(plan: UnitPlan, asOf: string, rng: Rng): Slot[] {
  const foundedOn = plan.row.foundedOn;
  const abolished = abolishedBy(plan.row, asOf);
  if (abolished !== null) {
    // Everyone left when the unit was abolished.
    const before = quotasInForce(plan.quotas, addDays(abolished, -1));
    return TYPE_ORDER.flatMap((t) => slots(Math.round((before.get(t) ?? 0) * 0.9), t, '已出编'));
  }
  if (foundedOn !== null && foundedOn > asOf) {
    // Recruited for a unit that does not exist yet.
    const planned = quotasInForce(plan.quotas, foundedOn);
    return TYPE_ORDER.flatMap((t) => slots(Math.ceil((planned.get(t) ?? 0) * 0.8), t, '待入编'));
  }
  const inForce = quotasInForce(plan.quotas, asOf);
  const main = mainType(inForce);
  const result: Slot[] = [];
  for (const type of TYPE_ORDER) {
    const approved = inForce.get(type) ?? 0;
    if (approved <= 0) continue;
    let vacant = 0;
    for (let i = 0; i < approved; i++) if (rng.chance(0.08)) vacant++;
    const over = plan.traits.includes('overQuota') && type === main ? rng.int(1, 3) : 0;
    const pending = Array.from({ length: vacant }).filter(() => rng.chance(0.4)).length;
    const left = Array.from({ length: approved }).filter(() => rng.chance(0.16)).length;
    const inService = slots(over > 0 ? approved + over : approved - vacant, type, '在编');
    if (type === main) assignLeaders(inService, leaderLevels(plan, asOf, rng));
    result.push(...inService, ...slots(pending, type, '待入编'), ...slots(left, type, '已出编'));
  }
  return result;
}

/** Leaders sit on the unit's largest own establishment, never on 聘用编制. */
function mainType(inForce: ReadonlyMap<QuotaType, number>): QuotaType | null {
  let best: QuotaType | null = null;
  for (const t of ['行政编制', '政法专项编制', '事业编制'] as const) {
    if ((inForce.get(t) ?? 0) > (best === null ? 0 : (inForce.get(best) ?? 0))) best = t;
  }
  return best;
}

/** Holders of each level: most posts filled, some vacant, and the two planted anomalies. */
function leaderLevels(plan: UnitPlan, asOf: string, rng: Rng): LeadershipLevel[] {
  const chief = postsInForce(plan.posts, '正科', asOf);
  const deputy = postsInForce(plan.posts, '副科', asOf);
  const chiefs = plan.traits.includes('emptyPost')
    ? 0
    : plan.traits.includes('doublePost')
      ? chief + 1
      : Array.from({ length: chief }).filter(() => rng.chance(0.95)).length;
  const deputies = Array.from({ length: deputy }).filter(() => rng.chance(0.88)).length;
  return [...Array<LeadershipLevel>(chiefs).fill('正科'), ...Array<LeadershipLevel>(deputies).fill('副科')];
}

function assignLeaders(inService: Slot[], levels: readonly LeadershipLevel[]): void {
  levels.forEach((level, i) => {
    const slot = inService[i];
    if (slot) slot.leadership = level;
  });
}

type Weights = readonly (readonly [EntryChannel, number])[];

// prettier-ignore
const CHANNELS_IN_SERVICE: Record<StaffKind, Weights> = {
  organ: [['考录', 50], ['选调', 8], ['调任', 10], ['县内交流', 14], ['军转安置', 6], ['退役士兵安置', 6], ['其他', 6]],
  police: [['考录', 60], ['选调', 4], ['调任', 6], ['县内交流', 6], ['军转安置', 12], ['退役士兵安置', 10], ['其他', 2]],
  school: [['招聘', 60], ['公费师范生', 18], ['县内交流', 12], ['调任', 3], ['退役士兵安置', 1], ['其他', 6]],
  health: [['招聘', 78], ['县内交流', 8], ['调任', 3], ['退役士兵安置', 2], ['其他', 9]],
  general: [['招聘', 62], ['县内交流', 12], ['退役士兵安置', 7], ['调任', 5], ['军转安置', 3], ['选调', 1], ['其他', 10]],
};

// prettier-ignore
const CHANNELS_PENDING: Record<StaffKind, Weights> = {
  organ: [['考录', 80], ['选调', 8], ['军转安置', 6], ['退役士兵安置', 6]],
  police: [['考录', 80], ['军转安置', 10], ['退役士兵安置', 10]],
  school: [['招聘', 60], ['公费师范生', 40]],
  health: [['招聘', 95], ['其他', 5]],
  general: [['招聘', 82], ['退役士兵安置', 10], ['其他', 8]],
};

const MALE_SHARE: Record<StaffKind, number> = {
  organ: 0.62,
  police: 0.86,
  school: 0.32,
  health: 0.3,
  general: 0.52,
};

function channelFor(slot: Slot, kind: StaffKind, rng: Rng): EntryChannel {
  // 聘用编制 staff are all hired by open recruitment.
  if (slot.quotaType === '聘用编制') return '招聘';
  return rng.weighted(slot.status === '待入编' ? CHANNELS_PENDING[kind] : CHANNELS_IN_SERVICE[kind]);
}

const EARLIEST_BIRTH_YEAR = 1966;
const LATEST_BIRTH_YEAR = 2003;

/** Birth year range: leaders are older, newcomers younger, nobody under 22 on the horizon. */
function birthYears(slot: Slot, horizon: string): Range {
  const latest = Math.max(EARLIEST_BIRTH_YEAR, Math.min(LATEST_BIRTH_YEAR, yearOf(horizon) - 22));
  if (slot.leadership !== '无') return [EARLIEST_BIRTH_YEAR, Math.min(latest, 1988)];
  if (slot.status === '待入编') return [Math.max(EARLIEST_BIRTH_YEAR, latest - 9), latest];
  return [EARLIEST_BIRTH_YEAR, latest];
}

/**
 * ID numbers: address = the region, so numbers never collide across regions; within a region
 * each birth date and gender has 499 sequence numbers, handed out in a scrambled order so
 * that they do not all read 001, 003 ….
 */
function createIdAllocator(regionCode: string): (birth: string, male: boolean) => string {
  const used = new Map<string, number>();
  return (birth, male) => {
    let day = dayNumber(birth);
    for (;;) {
      const digits = isoDate(day).replaceAll('-', '');
      const key = `${digits}${male ? 'm' : 'f'}`;
      const k = used.get(key) ?? 0;
      if (k < 499) {
        used.set(key, k + 1);
        const j = (hashSeed(digits) + 37 * k) % 499;
        const seq = male ? 2 * j + 1 : 2 * j + 2;
        const first17 = `${regionCode}${digits}${String(seq).padStart(3, '0')}`;
        return first17 + idCheckChar(first17);
      }
      day += 1;
    }
  };
}

function birthFromId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** 入编 and 出编 dates: entry in the person's twenties, never before the unit or after the horizon. */
/** The abolition date when the unit was abolished by the as-of date: nobody serves there after it. */
function abolishedBy(row: UnitRow, asOf: string): string | null {
  return row.abolishedOn !== null && row.abolishedOn <= asOf ? row.abolishedOn : null;
}

function entryDates(
  slot: Slot,
  channel: EntryChannel,
  birth: string,
  plan: UnitPlan,
  asOf: string,
  rng: Rng,
): { enteredOn: string | null; leftOn: string | null } {
  if (slot.status === '待入编') return { enteredOn: null, leftOn: null };
  const abolished = abolishedBy(plan.row, asOf);
  const horizon = abolished ?? asOf;
  const earliest = maxDate(
    maxDate(addYears(birth, channel === '退役士兵安置' ? 19 : 21), plan.row.foundedOn ?? '1984-01-01'),
    '1984-07-01',
  );
  const typical = addDays(addYears(birth, rng.int(21, 30)), rng.int(0, 364));
  const enteredOn =
    typical < earliest
      ? randomDate(rng, earliest, minDate(horizon, addYears(earliest, 3)))
      : typical > horizon
        ? randomDate(rng, earliest, horizon)
        : typical;
  if (slot.status === '在编') return { enteredOn, leftOn: null };
  const leftOn = abolished ?? randomDate(rng, enteredOn, asOf);
  return { enteredOn, leftOn };
}

function* generatePeople(ctx: PlanContext, plans: readonly UnitPlan[]): Generator<PersonRow> {
  const allocate = createIdAllocator(ctx.regionCode);
  for (const plan of plans) {
    if (plan.row.category === '内设机构') continue;
    const rng = createRng(hashSeed(ctx.seed, ctx.regionCode, plan.row.code, 'people'));
    const horizon = abolishedBy(plan.row, ctx.asOf) ?? ctx.asOf;
    for (const slot of staffSlots(plan, ctx.asOf, rng)) {
      const male = rng.chance(MALE_SHARE[plan.staffKind]);
      const [from, to] = birthYears(slot, horizon);
      const idNumber = allocate(randomDate(rng, `${from}-01-01`, `${to}-12-31`), male);
      const birth = birthFromId(idNumber);
      const channel = channelFor(slot, plan.staffKind, rng);
      const { enteredOn, leftOn } = entryDates(slot, channel, birth, plan, ctx.asOf, rng);
      yield {
        idNumber,
        name: personName(rng, male, yearOf(birth)),
        regionCode: ctx.regionCode,
        unitCode: plan.row.code,
        quotaType: slot.quotaType,
        status: slot.status,
        channel,
        leadershipLevel: slot.leadership,
        enteredOn,
        leftOn,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The county.

function regionRows(regionCode: string, cityCode: string, county: string): RegionRow[] {
  const city = findRegion(cityCode);
  const provinceCode = city?.parentCode ?? `${regionCode.slice(0, 2)}0000`;
  const province = findRegion(provinceCode);
  return [
    { code: provinceCode, name: province?.name ?? provinceShortName(regionCode), parentCode: null },
    { code: cityCode, name: city?.name ?? `${cityCode}市`, parentCode: provinceCode },
    { code: regionCode, name: county, parentCode: cityCode },
  ];
}

function checkOptions(regionCode: string, cityCode: string, scale: number, asOf: string): void {
  if (!/^\d{6}$/.test(regionCode)) throw new Error(`行政区划代码应为6位数字: ${regionCode}`);
  if (!/^\d{6}$/.test(cityCode)) throw new Error(`上级行政区划代码应为6位数字: ${cityCode}`);
  if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`规模应为正数: ${scale}`);
  if (!isValidIsoDate(asOf)) throw new Error(`日期应为 YYYY-MM-DD: ${asOf}`);
}

function countyNames(regionCode: string, seed: number): CountyNames {
  const county = findRegion(regionCode)?.name ?? `${regionCode}县`;
  const short = countyShortName(county);
  const rng = createRng(hashSeed(seed, regionCode, 'profile'));
  return {
    county,
    short,
    province: provinceShortName(regionCode),
    profile: countyProfile(regionCode, short, rng),
  };
}

export function generateCounty(opts: GenerateCountyOptions = {}): GeneratedCounty {
  const regionCode = opts.regionCode ?? '640121';
  const cityCode = opts.cityCode ?? findRegion(regionCode)?.parentCode ?? `${regionCode.slice(0, 4)}00`;
  const scale = opts.scale ?? 1;
  const seed = opts.seed ?? 1;
  const asOf = opts.asOf ?? todayIso();
  checkOptions(regionCode, cityCode, scale, asOf);
  const names = countyNames(regionCode, seed);
  const ctx: PlanContext = { regionCode, asOf, seed, names, scale };

  const organs = organPlans(ctx);
  const organQuota = totalQuota(organs.plans, asOf);
  // Organs do not multiply with the scale (a county has one 公安局), so institutions grow
  // faster to bring the whole county's quotas, and with them its people, to scale × base.
  const baseInstitutions = institutionPlans({ ...ctx, scale: 1 }, 1, organs.codes);
  const institutionQuota = totalQuota(baseInstitutions, asOf);
  const multiplier =
    scale === 1
      ? 1
      : Math.max(0.05, (scale * (organQuota + institutionQuota) - organQuota) / institutionQuota);
  const institutions = scale === 1 ? baseInstitutions : institutionPlans(ctx, multiplier, organs.codes);

  const plans = [...organs.plans, ...institutions];
  assignUsccs(plans, regionCode, seed);
  const townCodes = [
    ...Array.from({ length: TOWNS }, (_, i) => organs.codes.get(`town:${i}`)),
    ...Array.from({ length: STREETS }, (_, i) => organs.codes.get(`street:${i}`)),
  ].filter((c): c is string => c !== undefined);

  return {
    regionCode,
    asOf,
    regions: regionRows(regionCode, cityCode, names.county),
    units: plans.map((p) => p.row),
    quotas: plans.flatMap((p) => p.quotas),
    posts: plans.flatMap((p) => p.posts),
    population: populationRows(ctx, plans, townCodes),
    students: studentRows(ctx, plans),
    people: () => generatePeople(ctx, plans),
  };
}
