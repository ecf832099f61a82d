// The 工作统计 (section 二 of the county's report, domain.md §7): the figures of a period
// computed from the matters (机构编制事项) that were implemented — or, for recruitment plans,
// decided — within it, each with a stable key, the Chinese label a user reads and the
// definition it is computed by; and the sentences of section 二 that carry them.
// Shared by the server (computation, renderers) and the web (labels, drill-down links).

/** What the drill-down of a figure lists: the matters behind it, or (for a stock) the units. */
export type WorkDrill = 'matters' | 'units';

export interface WorkFigureDef {
  key: string;
  label: string;
  /** The measure word the county writes after the figure (个, 名, 所). */
  measure: '个' | '名' | '所' | '家' | '项' | '件';
  definition: string;
  drill: WorkDrill;
}

const def = <K extends string>(
  key: K,
  label: string,
  measure: WorkFigureDef['measure'],
  definition: string,
  drill: WorkDrill = 'matters',
): WorkFigureDef & { key: K } => ({ key, label, measure, definition, drill });

const IMPLEMENTED = '统计期内组织实施（已实施，实施日期在统计期内）的事项中';
const DECIDED = '统计期内审议决定（已决定或已实施，决定日期在统计期内）的事项中';
/** 行政、事业编制: 行政编制 (with 政法专项编制, a part of it) and 事业编制; not 聘用编制. */
const ADMIN_INSTITUTION = '行政编制、政法专项编制、事业编制';
/** The townships' establishment: the 乡镇 and 街道 themselves and the institutions they own. */
const TOWNSHIP_UNITS =
  '机构类别为乡镇、街道的机构，以及隶属关系为乡镇所属、街道所属的事业单位（不含部门派驻乡镇）';

export const WORK_FIGURES = [
  def(
    'unitsAdjusted',
    '调整优化机构设置',
    '个',
    `${IMPLEMENTED}含机构设立、撤销、合并、更名、规格调整、加挂牌子的，涉及的不同机构数（合并计被并入及并入的机构；同一机构多次调整计 1 个）`,
  ),
  def('unitsEstablished', '新成立机构', '个', `${IMPLEMENTED}机构设立所设立的机构数`),
  def(
    'quotasTransferred',
    '调剂使用行政、事业编制',
    '名',
    `${IMPLEMENTED}调剂（${ADMIN_INSTITUTION}）各调入单位调入数（正数）之和；聘用编制调剂不计`,
  ),
  def(
    'quotasToTownships',
    '向乡镇增加行政事业编制（减上补下）',
    '名',
    `${IMPLEMENTED}调剂（${ADMIN_INSTITUTION}）中，每项调剂调入乡镇的净数 max(0, 乡镇各行调剂数之和) 之和；乡镇指${TOWNSHIP_UNITS}（按实施日的机构状态），乡镇之间的调剂相互抵消`,
  ),
  def(
    'townshipQuotaTotal',
    '乡镇编制总量',
    '名',
    `统计期末日存在的${TOWNSHIP_UNITS}，在该日有效的行政编制（含政法专项）与事业编制（含周转池）核定数之和；聘用编制不计`,
    'units',
  ),
  def('quotasAdded', '核增编制', '名', `${IMPLEMENTED}编制核增的核增数之和（各编制类型），按单位列出`),
  def('veteransPlaced', '安置退役士兵', '名', `${IMPLEMENTED}上编且入编方式为退役士兵安置的人数`),
  def('inQuotaSupplement', '编内补充人员', '名', `${IMPLEMENTED}上编且入编方式为考录或招聘的人数`),
  def('countyExchange', '县内交流人员', '名', `${IMPLEMENTED}上编且入编方式为县内交流的人数`),
  def('poolObtained', '争取事业编制周转池编制', '名', `${IMPLEMENTED}周转池借用的借用数之和（不扣除归还）`),
  def(
    'schoolsEstablished',
    '新设立中小学校',
    '所',
    `${IMPLEMENTED}机构设立所设立的单位类型为中小学的事业单位数`,
  ),
  def(
    'kindergartensEstablished',
    '新设立幼儿园',
    '所',
    `${IMPLEMENTED}机构设立所设立的单位类型为幼儿园的事业单位数`,
  ),
  def('recruitmentPlaces', '审核公务员、事业编招考计划', '名', `${DECIDED}用编/招考计划的计划数之和`),
  def('freeNormalStudents', '公费师范生', '名', `${DECIDED}用编/招考计划中公费师范生名额之和`),
  // 事业单位登记管理 and 中文域名 (section 二(三)3–4), from src/domain/registration/work-figures.ts;
  // no drill-down rows yet (their matter list is empty; 'units' would show the township units).
  def('registrationsHandled', '办理事业单位登记', '件', '统计期内核准的设立、变更、注销、证书补领登记申请数'),
  def('registrationsEstablished', '其中设立登记', '件', '统计期内核准的设立登记申请数'),
  def('registrationsChanged', '其中变更登记', '件', '统计期内核准的变更登记申请数'),
  def('registrationsCancelled', '其中注销登记', '件', '统计期内核准的注销登记申请数'),
  def('spotCheckedInstitutions', '公示信息抽查事业单位', '家', '统计期内抽取的各次抽查的被抽查单位数之和'),
  def('spotCheckItems', '抽查检查内容', '项', '统计期内各次抽查检查清单项目数的最大值'),
  def('domainsReviewed', '梳理政务和公益中文域名', '个', '统计期末日已注册且未删除的中文域名数'),
  def(
    'unitsNeedingDomainChange',
    '涉及合并、撤销、更名需变更或注销域名的单位',
    '个',
    '统计期内实施的更名、合并、撤销事项使其中文域名需变更或注销的不同单位数',
  ),
] as const satisfies readonly WorkFigureDef[];

export type WorkFigureKey = (typeof WORK_FIGURES)[number]['key'];

/** A matter behind a figure, for the drill-down. */
export interface WorkMatterRef {
  matterId: number;
  title: string;
  docNo: string | null;
  effectiveOn: string | null;
  decidedOn: string | null;
  /** A matter from before the system (历史事项, imported): no matter page to link to. */
  historical: boolean;
}

/** One figure as the statistics carry it, with the matters behind it. */
export interface WorkFigure {
  key: WorkFigureKey;
  label: string;
  measure: WorkFigureDef['measure'];
  value: number;
  definition: string;
  drill: WorkDrill;
  /** The matters the figure is computed from (none for a stock such as 乡镇编制总量). */
  matters: WorkMatterRef[];
}

/** 核增 of one unit and quota type over the period (the unit named as on the effective date). */
export interface QuotaAddedLine {
  unitId: number;
  unitCode: string;
  unitName: string;
  quotaType: string;
  amount: number;
  matters: WorkMatterRef[];
}

/** A township unit's part in 乡镇编制总量 on the last day of the period. */
export interface TownshipQuotaLine {
  unitId: number;
  unitCode: string;
  unitName: string;
  category: string;
  /** 行政编制 including 政法专项编制. */
  administrative: number;
  /** 事业编制 including 周转池. */
  institution: number;
}

/** The work statistics of a region over a period. */
export interface WorkStatistics {
  regionCode: string;
  regionName: string;
  /** First and last day of the period (ISO dates, inclusive). */
  from: string;
  to: string;
  /**
   * Whether any matter is recorded in the period (implemented, decided, or 历史事项 imported).
   * When none is, the matter figures are not facts but a gap: the text says 无记录.
   */
  recorded: boolean;
  /** Figures in the order of WORK_FIGURES, each key once. */
  figures: WorkFigure[];
  /** 核增 by unit and quota type (the detail of quotasAdded), in order of first approval. */
  quotasAddedByUnit: QuotaAddedLine[];
  /** The units of 乡镇编制总量 (the detail of townshipQuotaTotal). */
  townshipUnits: TownshipQuotaLine[];
}

export function workFigure(stats: WorkStatistics, key: WorkFigureKey): WorkFigure {
  const f = stats.figures.find((x) => x.key === key);
  if (!f) throw new Error(`工作统计缺少指标 ${key}`);
  return f;
}

export function workValue(stats: WorkStatistics, key: WorkFigureKey): number {
  return workFigure(stats, key).value;
}

/** "2022年以来" for a period starting in 2022; "2023年" where the whole period lies in 2023. */
function since(from: string): string {
  return `${from.slice(0, 4)}年以来`;
}
function within(from: string, to: string): string {
  return from.slice(0, 4) === to.slice(0, 4) ? `${from.slice(0, 4)}年` : since(from);
}

/** "望洪镇行政编制2名、永宁县第一中学事业编制3名", or "编制0名" when nothing was added. */
function quotasAddedPhrase(stats: WorkStatistics): string {
  if (stats.quotasAddedByUnit.length === 0) return `编制${workValue(stats, 'quotasAdded')}名`;
  return stats.quotasAddedByUnit.map((l) => `${l.unitName}${l.quotaType}${l.amount}名`).join('、');
}

/**
 * The sentences of section 二 that carry the figures, in the county's wording, one a line.
 * Only what the data establish is said: the report's qualitative clauses (统筹用于经济发展、
 * 教育、卫生等重点领域 …) are the author's to add.
 */
export function renderWorkText(stats: WorkStatistics): string {
  const v = (key: WorkFigureKey): number => workValue(stats, key);
  if (!stats.recorded) {
    return [
      `${within(stats.from, stats.to)}，无记录：统计期内没有录入的机构编制事项（含导入的历史事项），机构调整、编制调剂与核增、人员补充、招考计划等数字无从统计。`,
      `乡镇编制总量${v('townshipQuotaTotal')}名（统计期末台账）。`,
    ].join('\n');
  }
  return [
    `${since(stats.from)}，共调整优化机构设置${v('unitsAdjusted')}个，新成立${v('unitsEstablished')}个；共调剂使用行政、事业编制${v('quotasTransferred')}名。`,
    `采取“减上补下”的方式，共向乡镇增加行政事业编制${v('quotasToTownships')}名，乡镇编制总量达${v('townshipQuotaTotal')}名。`,
    `核增${quotasAddedPhrase(stats)}。`,
    `${since(stats.from)}，按要求安置退役士兵${v('veteransPlaced')}名，编内补充人员${v('inQuotaSupplement')}名，县内交流人员${v('countyExchange')}名。`,
    `争取事业编制周转池编制${v('poolObtained')}名。`,
    `新设立中学${v('schoolsEstablished')}所、幼儿园${v('kindergartensEstablished')}所。`,
    `${within(stats.from, stats.to)}，审核公务员、事业编招考计划${v('recruitmentPlaces')}名，公费师范生${v('freeNormalStudents')}名。`,
    `对${v('spotCheckedInstitutions')}家事业单位开展公示信息抽查，检查内容${v('spotCheckItems')}项。办理事业单位登记${v('registrationsHandled')}件，其中设立登记${v('registrationsEstablished')}件、变更${v('registrationsChanged')}件、注销${v('registrationsCancelled')}件。`,
    `梳理排摸出${v('unitsNeedingDomainChange')}个涉及机构合并、撤销、变更名称的党政机关和事业单位，并对${v('domainsReviewed')}个政务和公益中文域名进行全面梳理。`,
  ].join('\n');
}
