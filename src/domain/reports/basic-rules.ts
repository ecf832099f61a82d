// The figures of the 基本情况 report (domain.md §5–6) as pure functions. Every count figure is
// a sum over units of that unit's contribution, so the drill-down of a figure lists exactly
// the units (and their parts) that make it up.
import {
  ORGAN_CATEGORIES,
  PARTY_CATEGORIES,
  PARTY_GOVERNMENT_CATEGORIES,
  type UnitCategory,
} from '../../common/labels.ts';
import { realVacantOf, vacantOf, type ReportingType } from '../establishment/rules.ts';

export interface UnitAttributes {
  category: string;
  rank: string | null;
  affiliation: string | null;
  countsTowardDirectLimit: boolean;
  funding: string | null;
  type: string | null;
  sector: string | null;
}

export interface TypeCell {
  approved: number;
  actual: number;
  pending: number;
  examPending: number;
}

/** Everything one unit brings to the report on one date. */
export interface UnitCells {
  unit: UnitAttributes;
  byType: Record<ReportingType, TypeCell>;
  /** 政法专项编制 approved (already included in byType 行政编制). */
  politicalLegalApproved: number;
  /** Approved leadership posts in force, and people on the establishment holding them. */
  posts: Record<'正科' | '副科', { approved: number; filled: number }>;
}

export const emptyTypeCell = (): TypeCell => ({ approved: 0, actual: 0, pending: 0, examPending: 0 });

const is = (values: readonly string[]) => (v: string | null) => v !== null && values.includes(v);
const institution = (u: UnitAttributes) => u.category === '事业单位';
const categoryIs = (c: UnitCategory) => (x: UnitCells) => (x.unit.category === c ? 1 : 0);
const inst = (pred: (u: UnitAttributes) => boolean) => (x: UnitCells) =>
  institution(x.unit) && pred(x.unit) ? 1 : 0;

/**
 * A sum over reporting types of one number of each type's cell. Written as a loop over the cells
 * themselves (no Figure built per type): a shifted unit's contributions are figured twice per
 * report for thousands of units.
 */
const over = (ts: readonly ReportingType[], f: (c: TypeCell) => number) => (x: UnitCells) => {
  let sum = 0;
  for (const t of ts) sum += f(x.byType[t]);
  return sum;
};
const ALL: ReportingType[] = ['行政编制', '事业编制', '聘用编制'];
const ADMIN: ReportingType[] = ['行政编制'];
const INSTITUTION: ReportingType[] = ['事业编制'];
const CONTRACT: ReportingType[] = ['聘用编制'];

const approved = (ts: ReportingType[]) => over(ts, (c) => c.approved);
const actual = (ts: ReportingType[]) => over(ts, (c) => c.actual);
const vacant = (ts: ReportingType[]) => over(ts, (c) => vacantOf(c.approved, c.actual));
const pending = (ts: ReportingType[]) => over(ts, (c) => c.pending);
const realVacant = (ts: ReportingType[]) => over(ts, (c) => realVacantOf(c.approved, c.actual, c.pending));
const examPending = (ts: ReportingType[]) => over(ts, (c) => c.examPending);

/** Only for units matching `pred`. */
const where = (pred: (u: UnitAttributes) => boolean, f: (x: UnitCells) => number) => (x: UnitCells) =>
  pred(x.unit) ? f(x) : 0;
const school = (u: UnitAttributes) => institution(u) && u.type === '中小学';
const kindergarten = (u: UnitAttributes) => institution(u) && u.type === '幼儿园';
const health = (u: UnitAttributes) => institution(u) && u.sector === '卫生健康';

/** 科级领导未配: per level, an empty post is never offset by a post filled twice. */
const unfilledPosts = (x: UnitCells) =>
  Math.max(0, x.posts['正科'].approved - x.posts['正科'].filled) +
  Math.max(0, x.posts['副科'].approved - x.posts['副科'].filled);

/** Each count figure's contribution of one unit. */
export const CONTRIBUTIONS: Record<string, (x: UnitCells) => number> = {
  partyGovernmentOrgans: (x) => (is(PARTY_GOVERNMENT_CATEGORIES)(x.unit.category) ? 1 : 0),
  partyOrgans: (x) => (is(PARTY_CATEGORIES)(x.unit.category) ? 1 : 0),
  disciplineOrgans: categoryIs('纪检监察机关'),
  partyWorkOrgans: categoryIs('党委工作机关'),
  congressOrgans: categoryIs('人大机关'),
  governmentOrgans: categoryIs('政府工作部门'),
  cppccOrgans: categoryIs('政协机关'),
  massOrganizations: categoryIs('群众团体'),
  townships: categoryIs('乡镇'),
  streets: categoryIs('街道'),
  dispatchedOrgans: categoryIs('派出机构'),
  institutions: inst(() => true),
  instCountyDirectDivision: inst((u) => u.affiliation === '县委直属' && u.rank === '正科'),
  instGovernmentDirectDivision: inst((u) => u.affiliation === '政府直属' && u.rank === '正科'),
  instDepartmentInLimitByRank: inst((u) => u.affiliation === '部门所属' && u.countsTowardDirectLimit),
  instDepartmentDeputy: inst(
    (u) => is(['部门所属', '部门派驻乡镇'])(u.affiliation) && u.rank === '副科' && !u.countsTowardDirectLimit,
  ),
  instTownshipDeputy: inst((u) => is(['乡镇所属', '街道所属'])(u.affiliation) && u.rank === '副科'),
  instUnranked: inst((u) => u.rank === '不定级'),
  instFullFunding: inst((u) => u.funding === '全额拨款'),
  instPartialFunding: inst((u) => u.funding === '差额拨款'),
  instSelfFunding: inst((u) => u.funding === '自收自支'),
  instCountyDirect: inst((u) => u.affiliation === '县委直属'),
  instGovernmentDirect: inst((u) => u.affiliation === '政府直属'),
  instDepartmentInLimit: inst((u) => u.affiliation === '部门所属' && u.countsTowardDirectLimit),
  instDepartmentOther: inst((u) => u.affiliation === '部门所属' && !u.countsTowardDirectLimit),
  instStreet: inst((u) => u.affiliation === '街道所属'),
  instTownship: inst((u) => u.affiliation === '乡镇所属'),
  instStationed: inst((u) => u.affiliation === '部门派驻乡镇'),
  schools: inst((u) => u.type === '中小学'),
  kindergartens: inst((u) => u.type === '幼儿园'),
  townshipHealthCentres: inst((u) => u.type === '乡镇卫生院'),
  farmHealthCentres: inst((u) => u.type === '农场卫生院'),
  quotaTotal: approved(ALL),
  adminQuota: approved(ADMIN),
  politicalLegalQuota: (x) => x.politicalLegalApproved,
  institutionQuota: approved(INSTITUTION),
  contractQuota: approved(CONTRACT),
  totalActual: actual(ALL),
  totalVacant: vacant(ALL),
  totalPending: pending(ALL),
  totalRealVacant: realVacant(ALL),
  adminActual: actual(ADMIN),
  adminVacant: vacant(ADMIN),
  adminPending: pending(ADMIN),
  adminExamPending: examPending(ADMIN),
  adminRealVacant: realVacant(ADMIN),
  organLeadershipUnfilled: where((u) => is(ORGAN_CATEGORIES)(u.category), unfilledPosts),
  institutionActual: actual(INSTITUTION),
  institutionVacant: vacant(INSTITUTION),
  institutionPending: pending(INSTITUTION),
  institutionExamPending: examPending(INSTITUTION),
  institutionRealVacant: realVacant(INSTITUTION),
  institutionLeadershipUnfilled: where(institution, unfilledPosts),
  contractActual: actual(CONTRACT),
  contractVacant: vacant(CONTRACT),
  schoolQuota: where(school, approved(INSTITUTION)),
  schoolActual: where(school, actual(INSTITUTION)),
  schoolVacant: where(school, vacant(INSTITUTION)),
  schoolPending: where(school, pending(INSTITUTION)),
  schoolRealVacant: where(school, realVacant(INSTITUTION)),
  kindergartenQuota: where(kindergarten, approved(INSTITUTION)),
  kindergartenActual: where(kindergarten, actual(INSTITUTION)),
  kindergartenPending: where(kindergarten, pending(INSTITUTION)),
  healthQuota: where(health, approved(INSTITUTION)),
  healthActual: where(health, actual(INSTITUTION)),
  healthVacant: where(health, vacant(INSTITUTION)),
  healthPending: where(health, pending(INSTITUTION)),
  healthRealVacant: where(health, realVacant(INSTITUTION)),
};

/** The county's figures: each the sum of its units' contributions. 内设机构 count nowhere. */
export function basicFigures(cells: readonly UnitCells[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(CONTRIBUTIONS)) out[key] = 0;
  for (const x of cells) {
    if (x.unit.category === '内设机构') continue;
    for (const [key, f] of Object.entries(CONTRIBUTIONS)) out[key] = (out[key] ?? 0) + f(x);
  }
  return out;
}

/** The breakdowns that domain.md says partition the 事业单位 total. */
export const PARTITIONS: { label: string; parts: string[] }[] = [
  {
    label: '按机构规格划分',
    parts: [
      'instCountyDirectDivision',
      'instGovernmentDirectDivision',
      'instDepartmentInLimitByRank',
      'instDepartmentDeputy',
      'instTownshipDeputy',
      'instUnranked',
    ],
  },
  { label: '按经费形式划分', parts: ['instFullFunding', 'instPartialFunding', 'instSelfFunding'] },
  {
    label: '按所属部门划分',
    parts: [
      'instCountyDirect',
      'instGovernmentDirect',
      'instDepartmentInLimit',
      'instDepartmentOther',
      'instStreet',
      'instTownship',
      'instStationed',
    ],
  },
];
