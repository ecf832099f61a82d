// The registry of the figures a 全年汇报 may name, declared in one place: each figure's key, its
// Chinese label, where it comes from, and the function computing it for (county, as-of date).
// Every value is taken from the same server function as the page that shows it — the 基本情况
// report (basicSummaryFor), the 工作统计 (computeWorkStatistics, which also carries the
// registration and domain figures), the 编制标准 (computeStandards), 人口与编制
// (populationAgainstQuota) and the training records — never derived again here.
import { BASIC_PLACES } from '../../common/report-basic.ts';
import { WORK_FIGURES, type WorkFigureKey } from '../../common/report-work.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { listTrainings } from '../../db/repositories/library.ts';
import { basicSummaryFor } from '../reports/basic-summary.ts';
import { computeWorkStatistics } from '../reports/work-statistics.ts';
import { computeStandards, defaultStandardsYear } from '../standards/compute-standards.ts';
import { populationAgainstQuota } from '../standards/population-quota.ts';
import type { FigureDef, FigureFormat, FigureSource, FigureValues } from './rules.ts';

const def = (
  source: FigureSource,
  key: string,
  label: string,
  definition: string,
  format: FigureFormat = 'count',
): FigureDef => ({ key: `${source}.${key}`, source, label, definition, format });

const BASIC: FigureDef[] = BASIC_PLACES.filter(
  (p, i, all) => p.kind === 'count' && all.findIndex((q) => q.key === p.key) === i,
).map((p) => def('basic', p.key, p.label, p.definition));

/** The 工作统计 figures that count matters: with no matter recorded in the period they are a gap. */
const MATTER_WORK_KEYS: ReadonlySet<WorkFigureKey> = new Set(
  WORK_FIGURES.slice(
    0,
    WORK_FIGURES.findIndex((f) => f.key === 'registrationsHandled'),
  )
    .map((f) => f.key)
    .filter((k) => k !== 'townshipQuotaTotal'),
);

const WORK: FigureDef[] = [
  def('work', 'fromYear', '工作统计起始年份', '文稿设定的工作统计期起始日所在年份（“…年以来”）', 'year'),
  ...WORK_FIGURES.map((f) => def('work', f.key, f.label, f.definition)),
];

const STANDARDS: FigureDef[] = [
  def('standards', 'year', '编制标准测算年度', '有学生数的最近年度（不晚于统计日所在年份）', 'year'),
  def(
    'standards',
    'schoolShortfall',
    '中小学教职工编制缺配',
    '按标准应配合计 − 核定合计（不小于 0），中小学',
  ),
  def(
    'standards',
    'healthShortfall',
    '基层卫生院编制缺',
    '按服务人口应配合计 − 核定合计（不小于 0），乡镇卫生院',
  ),
  def('standards', 'schoolRequirement', '中小学按标准应配', '各中小学按标准应配教职工编制之和'),
  def('standards', 'healthApproved', '卫生院核定事业编制', '各卫生院核定事业编制之和（含周转池）'),
];

const POPULATION: FigureDef[] = [
  def('population', 'latestWan', '目前人口（万）', '最近年度常住人口，以万为单位保留一位小数', 'wan'),
  def('population', 'baseYear', '人口比较基年', '人口增长的比较基年', 'year'),
  def(
    'population',
    'growthPercent',
    '人口较基年增长（%）',
    '（最近年度人口 − 基年人口）÷ 基年人口，保留两位小数',
    'percent',
  ),
  def('population', 'baseQuota', '基年编制总量', '基年年末行政、事业、聘用编制核定数之和'),
  def('population', 'latestQuota', '目前编制总量', '最近年度（本年取统计日）行政、事业、聘用编制核定数之和'),
];

const LIBRARY: FigureDef[] = [
  def('library', 'lectures', '本年宣讲场次', '统计日所在年份 1 月 1 日至统计日记录的宣讲场次'),
  def('library', 'studies', '本年学习场次', '统计日所在年份 1 月 1 日至统计日记录的学习场次'),
  def(
    'library',
    'attendance',
    '本年学习宣讲参加人次',
    '统计日所在年份 1 月 1 日至统计日学习、宣讲的参加人数之和',
  ),
];

/** Every figure a document may name, in the order of the report's sections. */
export const FIGURES: readonly FigureDef[] = [...BASIC, ...WORK, ...STANDARDS, ...POPULATION, ...LIBRARY];

export const FIGURE_KEYS: ReadonlySet<string> = new Set(FIGURES.map((f) => f.key));

export interface FigureContext {
  regionCode: string;
  asOf: string;
  /** First day of the 工作统计 period (section 二). */
  workFrom: string;
}

type SourceComputer = (db: Executor, c: FigureContext) => Promise<FigureValues>;

const prefixed = (source: FigureSource, values: Record<string, number | null>): FigureValues =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`${source}.${k}`, v]));

/** How each source computes its figures: one call of the page's own server function. */
export const SOURCE_COMPUTERS: Record<FigureSource, SourceComputer> = {
  basic: async (db, c) => {
    const { report } = await basicSummaryFor(db, { regionCode: c.regionCode, asOf: c.asOf });
    return prefixed('basic', Object.fromEntries(report.figures.map((f) => [f.key, f.value])));
  },
  work: async (db, c) => {
    const stats = await computeWorkStatistics(db, { regionCode: c.regionCode, from: c.workFrom, to: c.asOf });
    const values: Record<string, number | null> = { fromYear: Number(c.workFrom.slice(0, 4)) };
    for (const f of stats.figures)
      values[f.key] = !stats.recorded && MATTER_WORK_KEYS.has(f.key) ? null : f.value;
    return prefixed('work', values);
  },
  standards: async (db, c) => {
    const year = await defaultStandardsYear(db, c.regionCode, c.asOf);
    const r = await computeStandards(db, { regionCode: c.regionCode, year, today: c.asOf });
    const kind = (key: string) => r.kinds.find((k) => k.key === key);
    const measured = (key: string) => {
      const k = kind(key);
      return k?.applied ? k.totals : null;
    };
    return prefixed('standards', {
      year,
      schoolShortfall: measured('school')?.shortfall ?? null,
      healthShortfall: measured('healthCentre')?.shortfall ?? null,
      schoolRequirement: measured('school')?.requirement ?? null,
      healthApproved: measured('healthCentre')?.approved ?? null,
    });
  },
  population: async (db, c) => {
    const p = await populationAgainstQuota(db, { regionCode: c.regionCode, today: c.asOf });
    const s = p.summary;
    return prefixed('population', {
      latestWan: s.latest ? Math.round(s.latest.population / 1000) / 10 : null,
      baseYear: s.baseYear,
      growthPercent: s.growthPercent,
      baseQuota: s.base?.quota ?? null,
      latestQuota: s.latest?.quota ?? null,
    });
  },
  library: async (db, c) => {
    const year = Number(c.asOf.slice(0, 4));
    const held = (await listTrainings(db, { regionCode: c.regionCode, year })).filter(
      (t) => t.heldOn <= c.asOf,
    );
    return prefixed('library', {
      lectures: held.filter((t) => t.kind === 'lecture').length,
      studies: held.filter((t) => t.kind === 'study').length,
      attendance: held.reduce((a, t) => a + t.attendance, 0),
    });
  },
};

/** Every figure of the registry for a county on a date. */
export async function computeFigures(db: Executor, c: FigureContext): Promise<FigureValues> {
  const out: FigureValues = {};
  for (const compute of Object.values(SOURCE_COMPUTERS)) Object.assign(out, await compute(db, c));
  return out;
}
