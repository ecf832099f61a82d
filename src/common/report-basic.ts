// The 基本情况 report (section 一 of the county's report, domain.md §6): its 72 places, each
// with a stable key, the Chinese label a user reads and the definition it is computed by.
// Shared by the server (computation, renderers) and the web (labels, drill-down links).

import { levelOfCode, summedSubject } from './region-words.ts';

export type PlaceKind = 'name' | 'count';

export interface PlaceDef {
  /** 1-based position of the `*` in the template, or 0 for the literal 57 (党政机构). */
  place: number;
  key: string;
  label: string;
  kind: PlaceKind;
  definition: string;
  /** What the drill-down lists: the units or the people behind the figure. */
  drill: 'units' | 'people' | 'quotas' | 'posts' | null;
}

const n = (
  place: number,
  key: string,
  label: string,
  definition: string,
  drill: PlaceDef['drill'] = 'units',
): PlaceDef => ({ place, key, label, kind: 'count', definition, drill });
const name = (place: number, key: string, label: string, definition: string): PlaceDef => ({
  place,
  key,
  label,
  kind: 'name',
  definition,
  drill: null,
});

const EXISTS = '统计日存在的机构（成立日期 ≤ 统计日，且未撤销或撤销日期晚于统计日）';
const INST = `${EXISTS}中机构类别为事业单位的`;
const H = '实有：在编或已出编、入编日期 ≤ 统计日且无出编日期或出编日期晚于统计日的人员';
const V = '空编：各单位 max(0, 核定 − 实有) 之和';
const P = '待入编：人员状态为待入编的人员';
const R = '实际空编：各单位 max(0, 核定 − 实有 − 待入编) 之和';
const EXAM = '招考待入编：待入编且入编方式为考录或招聘的人员';

export const BASIC_PLACES: readonly PlaceDef[] = [
  n(
    0,
    'partyGovernmentOrgans',
    '党政机构',
    `${EXISTS}中党委机构、人大、政府、政协、群众团体、乡镇、街道之和（不含派出机构）`,
  ),
  name(1, 'countyName', '县名', '本县名称'),
  n(2, 'partyOrgans', '党委机构', '纪检监察机关 + 党委工作机关'),
  n(3, 'disciplineOrgans', '纪检监察机关', `${EXISTS}中类别为纪检监察机关的`),
  n(4, 'partyWorkOrgans', '党委工作机关', `${EXISTS}中类别为党委工作机关的`),
  n(5, 'congressOrgans', '人大机关', `${EXISTS}中类别为人大机关的`),
  n(6, 'governmentOrgans', '政府机构', `${EXISTS}中类别为政府工作部门的`),
  n(7, 'cppccOrgans', '政协机关', `${EXISTS}中类别为政协机关的`),
  n(8, 'massOrganizations', '群众团体', `${EXISTS}中类别为群众团体的`),
  n(9, 'townships', '乡镇', `${EXISTS}中类别为乡镇的`),
  n(10, 'streets', '街道', `${EXISTS}中类别为街道的`),
  name(11, 'cityName', '市名', '上级市名称'),
  n(12, 'dispatchedOrgans', '市委政府派出机构', `${EXISTS}中类别为派出机构的`),
  name(13, 'countyName', '县名', '本县名称'),
  n(14, 'institutions', '事业单位', INST),
  n(15, 'instCountyDirectDivision', '县委直属正科级事业单位', `${INST}，隶属县委直属且规格正科`),
  n(16, 'instGovernmentDirectDivision', '政府直属正科级事业单位', `${INST}，隶属政府直属且规格正科`),
  n(17, 'instDepartmentInLimitByRank', '部门所属占直属正科限额', `${INST}，隶属部门所属且占直属事业单位限额`),
  n(
    18,
    'instDepartmentDeputy',
    '部门副科级事业单位',
    `${INST}，隶属部门所属或部门派驻乡镇、规格副科且不占直属限额`,
  ),
  n(19, 'instTownshipDeputy', '乡镇所属副科级事业单位', `${INST}，隶属乡镇所属或街道所属且规格副科`),
  n(20, 'instUnranked', '不定级别事业单位', `${INST}，规格不定级（任何隶属关系）`),
  n(21, 'instFullFunding', '全额预算事业单位', `${INST}，经费形式全额拨款`),
  n(22, 'instPartialFunding', '差额拨款事业单位', `${INST}，经费形式差额拨款`),
  n(23, 'instSelfFunding', '自收自支事业单位', `${INST}，经费形式自收自支`),
  n(24, 'instCountyDirect', '县委直属事业单位', `${INST}，隶属县委直属`),
  n(25, 'instGovernmentDirect', '政府直属事业单位', `${INST}，隶属政府直属`),
  n(26, 'instDepartmentInLimit', '部门所属占直属限额', `${INST}，隶属部门所属且占直属事业单位限额`),
  n(27, 'instDepartmentOther', '政府部门所属事业单位', `${INST}，隶属部门所属且不占直属限额`),
  n(28, 'instStreet', '街道办事业单位', `${INST}，隶属街道所属`),
  n(29, 'instTownship', '乡镇事业单位', `${INST}，隶属乡镇所属`),
  n(30, 'instStationed', '部门派驻乡镇事业站所', `${INST}，隶属部门派驻乡镇`),
  n(31, 'schools', '中小学校', `${INST}，单位类型中小学`),
  n(32, 'kindergartens', '幼儿园', `${INST}，单位类型幼儿园`),
  n(33, 'townshipHealthCentres', '乡镇卫生院', `${INST}，单位类型乡镇卫生院`),
  n(34, 'farmHealthCentres', '农场卫生院', `${INST}，单位类型农场卫生院`),
  name(35, 'countyName', '县名', '本县名称'),
  n(36, 'quotaTotal', '行政事业编制', '行政（含政法专项）+ 事业（含周转池）+ 聘用编制的核定数', 'quotas'),
  n(37, 'adminQuota', '行政编制', '统计日有效的行政编制核定数，含政法专项编制', 'quotas'),
  n(38, 'politicalLegalQuota', '政法专项编制', '统计日有效的政法专项编制核定数', 'quotas'),
  n(39, 'institutionQuota', '事业编制', '统计日有效的事业编制核定数，含周转池', 'quotas'),
  n(40, 'contractQuota', '聘用编制', '统计日有效的聘用编制核定数', 'quotas'),
  n(41, 'totalActual', '实有占编人员', `${H}（行政+事业+聘用）`, 'people'),
  n(42, 'totalVacant', '总体空编', `${V}（行政+事业+聘用）`),
  n(43, 'totalPending', '待入编', `${P}（行政+事业+聘用）`, 'people'),
  n(44, 'totalRealVacant', '实际空编', `${R}（行政+事业+聘用）`),
  n(45, 'adminActual', '行政编实有', `${H}，行政编制（含政法专项）`, 'people'),
  n(46, 'adminVacant', '行政编空编', `${V}，行政编制`),
  n(47, 'adminPending', '行政编待入编', `${P}，行政编制`, 'people'),
  n(48, 'adminExamPending', '行政编招考待入编', `${EXAM}，行政编制`, 'people'),
  n(49, 'adminRealVacant', '行政编实际空编', `${R}，行政编制`),
  n(
    50,
    'organLeadershipUnfilled',
    '科级领导未配',
    '机关（除事业单位、内设机构外的各类机构，含派出机构）各单位各职级 max(0, 核定领导职数 − 在编任该职级人数) 之和',
    'posts',
  ),
  n(51, 'institutionActual', '事业编实有', `${H}，事业编制`, 'people'),
  n(52, 'institutionVacant', '事业编空编', `${V}，事业编制`),
  n(53, 'institutionPending', '事业编待入编', `${P}，事业编制`, 'people'),
  n(54, 'institutionExamPending', '事业编招考待入编', `${EXAM}，事业编制`, 'people'),
  n(55, 'institutionRealVacant', '事业编实际空编', `${R}，事业编制`),
  n(
    56,
    'institutionLeadershipUnfilled',
    '事业单位科级领导未配',
    '事业单位各单位各职级 max(0, 核定领导职数 − 在编任该职级人数) 之和',
    'posts',
  ),
  n(57, 'contractActual', '聘用编实有', `${H}，聘用编制`, 'people'),
  n(58, 'contractVacant', '聘用编空编', `${V}，聘用编制`),
  n(59, 'schoolQuota', '中小学核定事业编制', '单位类型中小学的事业编制核定数', 'quotas'),
  n(60, 'schoolActual', '中小学实有', `${H}，中小学事业编制`, 'people'),
  n(61, 'schoolVacant', '中小学空编', `${V}，中小学事业编制`),
  n(62, 'schoolPending', '中小学待入编', `${P}，中小学事业编制`, 'people'),
  n(63, 'schoolRealVacant', '中小学实际空编', `${R}，中小学事业编制`),
  n(64, 'kindergartenQuota', '幼儿园核定事业编制', '单位类型幼儿园的事业编制核定数', 'quotas'),
  n(65, 'kindergartenActual', '幼儿园实有', `${H}，幼儿园事业编制`, 'people'),
  n(66, 'kindergartenPending', '幼儿园待入编', `${P}，幼儿园事业编制`, 'people'),
  n(67, 'healthQuota', '卫生系统核定事业编制', '所属系统卫生健康的单位的事业编制核定数', 'quotas'),
  n(68, 'healthActual', '卫生系统实有', `${H}，卫生系统事业编制`, 'people'),
  n(69, 'healthVacant', '卫生系统空编', `${V}，卫生系统事业编制`),
  n(70, 'healthPending', '卫生系统待入编', `${P}，卫生系统事业编制`, 'people'),
  n(71, 'healthRealVacant', '卫生系统实际空编', `${R}，卫生系统事业编制`),
];

/** The figures of the report by key (names are strings, everything else counts). */
export type BasicFigureKey = Exclude<(typeof BASIC_PLACES)[number]['key'], 'countyName' | 'cityName'>;

/**
 * Section 一、基本情况 exactly as the county writes it; each `*` is a place (in order) and
 * `{57}` is the literal 57 replaced by the computed 党政机构 count.
 */
export const BASIC_TEMPLATE = [
  '一、基本情况',
  '（一）机构设置情况',
  '*县共设置党政机构{57}个，其中：党委机构*个（纪检监察机关*个，党委工作机关*个），人大机关*个，政府机构*个，政协机关*个，群众团体*个，乡镇*个，街道*个。*市委政府派出机构*个。',
  '*县共设立事业单位*个，其中：按机构规格划分，县委直属正科级事业单位*个、政府直属正科级事业单位*个、部门所属事业单位占直属正科事业单位限额*个、部门副科级事业单位*个、乡镇所属副科级事业单位*个,不定级别事业单位*个；按经费形式划分，全额预算事业单位*个，差额拨款事业单位*个，自收自支事业单位*个；按所属部门划分，县委直属事业单位*个、政府直属事业单位*个、部门所属事业单位占直属事业单位限额*个、政府部门所属事业单位*个，街道办事业单位*，乡镇事业单位*个，部门派驻乡镇事业站所*个，中小学校*所，幼儿园*所、乡镇卫生院*所，农场卫生院*所。',
  '（二）编制基本情况',
  '*县共有行政事业编制*名，其中：行政编制*名（其中政法专项编制*名），事业编制*名，聘用编制*名。',
  '截至目前，全县实有占编人员*名，总体空编*名，待入编*名，实际空编*名。其中行政编实有*名，空编*名，待入编*名（其中招考待入编*名），实际空编*名，科级领导未配*名；事业编制实有*名，空编*名，待入编*名（其中招考待入编*名），实际空编*名，事业单位科级领导未配*名。使用聘用编人员*名，空编*名。',
  '（三）教师卫生系统编制情况',
  '截至目前，全县核定中小学事业编制*名，实有中小学教师*名，空编*名，待入编*名，实际空编*名。核定幼儿园事业编制*名，实有幼儿园教师*名，待入编*名。截至目前，全县核定卫生系统事业编制*名，实有人员*名，空编*名，待入编*名，实际空编*名。',
] as const;

/** One figure as the report carries it. */
export interface BasicFigure {
  key: string;
  label: string;
  value: number;
  definition: string;
  drill: PlaceDef['drill'];
}

/** The computed report of one region on one date. */
export interface BasicReport {
  regionCode: string;
  /** The full name of the region reported on (永宁县; a city or province for a summed report). */
  regionName: string;
  /** The full name of the city above a county (银川市); for a city or province, its own name. */
  cityName: string;
  asOf: string;
  /** Figures by key (each key once, in template order). */
  figures: BasicFigure[];
  /** For a city or province: the counties summed. */
  counties: { code: string; name: string }[];
}

export function figureValue(report: BasicReport, key: string): number {
  const f = report.figures.find((x) => x.key === key);
  if (!f) throw new Error(`报告缺少指标 ${key}`);
  return f.value;
}

/**
 * The text of section 一 with every place filled in. The template writes the names as "*县"
 * and "*市": those places take the full name (永宁县共设置…, 银川市委政府派出机构…), so that a
 * city's or province's summed report names itself correctly.
 */
export function renderBasicText(report: BasicReport): string {
  // A city's or province's report is a sum over counties and says so in its own words
  // (全市各县（市、区）共设置…), never as if it were a county (银川市共设置…, 全县…).
  const summed = summedSubject(report.regionName, report.regionCode);
  const province = levelOfCode(report.regionCode) === 'province';
  const values = BASIC_PLACES.filter((p) => p.place > 0).map((p) => {
    if (p.key === 'countyName') return summed ?? report.regionName;
    if (p.key === 'cityName') return province ? '各市' : report.cityName;
    return String(figureValue(report, p.key));
  });
  let i = 0;
  return BASIC_TEMPLATE.map((line) => {
    const filled = line
      .replace('{57}', String(figureValue(report, 'partyGovernmentOrgans')))
      .replace(/\*[县市]|\*/g, () => values[i++] ?? '*');
    return summed ? filled.replaceAll('全县', summed) : filled;
  }).join('\n');
}
