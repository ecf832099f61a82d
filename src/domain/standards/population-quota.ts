// 人口与编制 (domain.md §1, the report's section 三 (1)): the resident population of each county and
// township by year against the approved quota at each year's end, the growth since a base year,
// quota per 10,000 residents, and the units whose whole establishment is only a handful of posts
// ("目前有些单位编制只有3—5名").
import type {
  CountyPopulation,
  PopulationResponse,
  PopulationSummary,
  PopulationYear,
  SmallUnit,
  TownshipPopulation,
} from '../../common/wire-population.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { populationOf, type PopulationRow } from '../../db/repositories/population.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { todayInChina } from '../../context.ts';
import { basicSummariesFor } from '../reports/basic-summary.ts';
import { quotaEntriesOn, type UnitEntry } from '../reports/compute-basic.ts';
import { reportScope } from '../reports/report-scope.ts';

export const DEFAULT_BASE_YEAR = 2010;
export const DEFAULT_SMALL_UNIT_THRESHOLD = 5;

const TOWNSHIP_CATEGORIES: readonly string[] = ['乡镇', '街道'];
const TOWNSHIP_AFFILIATIONS: readonly string[] = ['乡镇所属', '街道所属'];

export interface PopulationQuotaOptions {
  regionCode: string;
  baseYear?: number;
  smallUnitThreshold?: number;
  /** Defaults to today in China; the current year's quota is taken on this date. */
  today?: string;
}

/** Integer division of non-negative a by positive b, rounded half up. */
function divHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** (value − base) / base in %, two decimals, rounded half up (away from zero), computed exactly. */
export function growthPercent(base: number, value: number): number | null {
  if (base <= 0) return null;
  const diff = value - base;
  const hundredths = divHalfUp(Math.abs(diff) * 10_000, base);
  return (Math.sign(diff) * hundredths) / 100;
}

/** Quota per 10,000 residents, one decimal, rounded half up. */
export function quotaPer10k(quota: number, population: number): number | null {
  if (population <= 0) return null;
  return divHalfUp(quota * 100_000, population) / 10;
}

const totalQuota = (e: UnitEntry) =>
  e.cells.byType['行政编制'].approved +
  e.cells.byType['事业编制'].approved +
  e.cells.byType['聘用编制'].approved;

const adminAndInstitution = (e: UnitEntry) =>
  e.cells.byType['行政编制'].approved + e.cells.byType['事业编制'].approved;

/** "我县" / "我市" / "我区" …: how the region speaks of itself in the report. */
export function selfName(level: string, name: string): string {
  if (level === 'county') {
    if (name.endsWith('市')) return '我市';
    if (name.endsWith('区')) return '我区';
    if (name.endsWith('旗')) return '我旗';
    return '我县';
  }
  if (level === 'city') {
    if (name.endsWith('自治州')) return '我州';
    if (name.endsWith('盟')) return '我盟';
    if (name.endsWith('地区')) return '我地区';
    return '我市';
  }
  if (name.endsWith('自治区')) return '我区';
  if (name.endsWith('市')) return '我市';
  return '我省';
}

function yearRow(year: number, asOf: string, population: number, quota: number): PopulationYear {
  return { year, asOf, population, quota, quotaPer10k: quotaPer10k(quota, population) };
}

function summarize(baseYear: number, years: PopulationYear[]): PopulationSummary {
  const base = years.find((y) => y.year === baseYear) ?? null;
  const latest = years.at(-1) ?? null;
  const both = base !== null && latest !== null;
  return {
    baseYear,
    years,
    base,
    latest,
    growthPercent: both ? growthPercent(base.population, latest.population) : null,
    quotaChange: both ? latest.quota - base.quota : null,
    quotaPer10k: latest?.quotaPer10k ?? null,
  };
}

/** "我县目前人口为32.2万，较2010年增长47.37%，编制总量由6名变为266名". */
export function populationSentence(self: string, s: PopulationSummary): string | null {
  if (s.base === null || s.latest === null || s.growthPercent === null) return null;
  const wan = (divHalfUp(s.latest.population, 1000) / 10).toFixed(1);
  const change =
    s.growthPercent >= 0 ? `增长${s.growthPercent.toFixed(2)}%` : `减少${(-s.growthPercent).toFixed(2)}%`;
  return `${self}目前人口为${wan}万，较${String(s.base.year)}年${change}，编制总量由${String(s.base.quota)}名变为${String(s.latest.quota)}名`;
}

export async function populationAgainstQuota(
  db: Executor,
  opts: PopulationQuotaOptions,
): Promise<PopulationResponse> {
  const baseYear = opts.baseYear ?? DEFAULT_BASE_YEAR;
  const threshold = opts.smallUnitThreshold ?? DEFAULT_SMALL_UNIT_THRESHOLD;
  const today = opts.today ?? todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const scope = await reportScope(db, opts.regionCode);
  const region = await findRegion(db, opts.regionCode);
  const level = region?.level === 'province' || region?.level === 'city' ? region.level : 'county';
  const asOfYear = (year: number) => (year === thisYear ? today : `${String(year)}-12-31`);

  // Townships and small units count approved quotas alone: the units and their quotas on the
  // date, without the posts and people the report reads (quotaEntriesOn).
  const cache = new Map<string, UnitEntry[]>();
  const entriesOf = async (county: string, asOf: string): Promise<UnitEntry[]> => {
    const key = `${county}@${asOf}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const entries = await quotaEntriesOn(db, [county], asOf);
    cache.set(key, entries);
    return entries;
  };

  const rows = (
    await populationOf(
      db,
      scope.counties.map((c) => c.code),
    )
  ).filter((r) => r.year <= thisYear);
  const counties: CountyPopulation[] = [];
  for (const county of scope.counties) {
    const own = rows.filter((r) => r.regionCode === county.code);
    const regionRows = own.filter((x) => x.unitId === null);
    // The county's quota at each year's end is the 基本情况 report's 编制总量 of that date, read
    // through the report's aggregate cache (shared with the 首页's history of the same dates).
    const summaries = await basicSummariesFor(db, {
      regionCode: county.code,
      dates: regionRows.map((r) => asOfYear(r.year)),
    });
    const years = regionRows.map((r, i) => {
      const quota = summaries[i]?.report.figures.find((f) => f.key === 'quotaTotal')?.value ?? 0;
      return yearRow(r.year, asOfYear(r.year), r.population, quota);
    });
    const townships = await townshipsOf(own, asOfYear, (asOf) => entriesOf(county.code, asOf));
    counties.push({ code: county.code, name: county.name, ...summarize(baseYear, years), townships });
  }

  // The whole region: the county itself, or the sum over the counties that report a population,
  // for the years every one of them reports (a county without any figure is left out of the sum).
  let summary: PopulationSummary;
  const [first] = counties;
  if (counties.length === 1 && first) {
    summary = summarize(baseYear, first.years);
  } else {
    const reporting = counties.filter((c) => c.years.length > 0);
    const shared = [...new Set(reporting.flatMap((c) => c.years.map((y) => y.year)))]
      .filter((year) => reporting.every((c) => c.years.some((y) => y.year === year)))
      .sort((a, b) => a - b);
    summary = summarize(
      baseYear,
      shared.map((year) => {
        const parts = reporting.flatMap((c) => c.years.filter((y) => y.year === year));
        return yearRow(
          year,
          asOfYear(year),
          parts.reduce((s, y) => s + y.population, 0),
          parts.reduce((s, y) => s + y.quota, 0),
        );
      }),
    );
  }

  const smallUnits: SmallUnit[] = [];
  for (const county of scope.counties) {
    const found = (await entriesOf(county.code, today))
      .map((e) => ({ e, total: totalQuota(e) }))
      .filter(({ total }) => total > 0 && total <= threshold)
      .sort((a, b) => a.total - b.total || a.e.unit.code.localeCompare(b.e.unit.code));
    for (const { e, total } of found) {
      smallUnits.push({
        unitId: e.unit.id,
        unitCode: e.unit.code,
        name: e.unit.name,
        category: e.unit.category,
        countyCode: county.code,
        countyName: county.name,
        adminQuota: e.cells.byType['行政编制'].approved,
        institutionQuota: e.cells.byType['事业编制'].approved,
        contractQuota: e.cells.byType['聘用编制'].approved,
        total,
      });
    }
  }

  return {
    regionCode: scope.regionCode,
    regionName: scope.regionName,
    level,
    today,
    baseYear,
    threshold,
    summary,
    sentence: populationSentence(selfName(level, scope.regionName), summary),
    counties,
    smallUnits,
  };
}

/**
 * Townships (units of category 乡镇 / 街道 with population rows) and, per year, their own quota:
 * 行政 + 事业 of the township and of the 乡镇所属 / 街道所属 institutions whose parent it is.
 */
async function townshipsOf(
  rows: PopulationRow[],
  asOfYear: (year: number) => string,
  entriesOf: (asOf: string) => Promise<UnitEntry[]>,
): Promise<TownshipPopulation[]> {
  const byUnit = new Map<number, PopulationRow[]>();
  for (const r of rows) {
    if (r.unitId === null) continue;
    const list = byUnit.get(r.unitId) ?? [];
    list.push(r);
    byUnit.set(r.unitId, list);
  }
  const out: TownshipPopulation[] = [];
  for (const [unitId, list] of byUnit) {
    const years: PopulationYear[] = [];
    let named: UnitEntry | undefined;
    for (const r of list) {
      const asOf = asOfYear(r.year);
      const entries = await entriesOf(asOf);
      const township = entries.find((e) => e.unit.id === unitId);
      if (!township || !TOWNSHIP_CATEGORIES.includes(township.unit.category)) continue;
      named = township;
      const attached = entries.filter(
        (e) =>
          e.unit.category === '事业单位' &&
          e.unit.parentUnitId === unitId &&
          e.unit.affiliation !== null &&
          TOWNSHIP_AFFILIATIONS.includes(e.unit.affiliation),
      );
      const quota = adminAndInstitution(township) + attached.reduce((s, e) => s + adminAndInstitution(e), 0);
      years.push(yearRow(r.year, asOf, r.population, quota));
    }
    if (!named) continue;
    out.push({
      unitId,
      unitCode: named.unit.code,
      name: named.unit.name,
      category: named.unit.category,
      years,
      latest: years.at(-1) ?? null,
    });
  }
  return out.sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}
