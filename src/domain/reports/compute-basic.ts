// Computes the 基本情况 report of one or more counties on a date from SQL aggregates per unit,
// plus the per-unit rows and the data-quality findings that go with it.
import { BASIC_PLACES, type BasicFigure, type BasicReport } from '../../common/report-basic.ts';
import type { QualityIssue } from '../../common/wire-reports.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { peopleInMissingUnits } from '../../db/repositories/people.ts';
import { postsOn, quotasOn, staffOn, unitsOn, type ReportUnit } from '../../db/repositories/reports.ts';
import { reportingType, REPORTING_TYPES } from '../establishment/rules.ts';
import { basicFigures, emptyTypeCell, PARTITIONS, type UnitCells } from './basic-rules.ts';

export interface UnitEntry {
  unit: ReportUnit;
  cells: UnitCells;
  /** Whether any quota row is in force for the unit (a unit with none is a data-quality finding). */
  hasQuota: boolean;
}

export interface BasicComputation {
  report: BasicReport;
  units: UnitEntry[];
  quality: QualityIssue[];
}

export interface ComputeOptions {
  regionCodes: string[];
  regionCode: string;
  regionName: string;
  cityName: string;
  counties: { code: string; name: string }[];
  asOf: string;
}

function emptyCells(unit: ReportUnit): UnitCells {
  return {
    unit,
    byType: { 行政编制: emptyTypeCell(), 事业编制: emptyTypeCell(), 聘用编制: emptyTypeCell() },
    politicalLegalApproved: 0,
    posts: { 正科: { approved: 0, filled: 0 }, 副科: { approved: 0, filled: 0 } },
  };
}

/** The units' entries with their approved quotas only (no posts, no people). */
function quotaEntries(
  units: readonly ReportUnit[],
  quotas: Awaited<ReturnType<typeof quotasOn>>,
): Map<number, UnitEntry> {
  const entries = new Map<number, UnitEntry>();
  for (const u of units) {
    if (u.category === '内设机构') continue; // holds no quota, counts nowhere
    entries.set(u.id, { unit: u, cells: emptyCells(u), hasQuota: false });
  }
  for (const q of quotas) {
    const e = entries.get(q.unitId);
    if (!e) continue;
    e.cells.byType[reportingType(q.quotaType)].approved += q.approved;
    if (q.quotaType === '政法专项编制') e.cells.politicalLegalApproved += q.approved;
    e.hasQuota = true;
  }
  return entries;
}

/**
 * Every unit's entry on the date with only its approved quotas filled in (posts and people left
 * at zero): the same units and approved cells as unitEntriesOn, for the pages that count quotas
 * alone (人口与编制's townships and small units) without reading every placement.
 */
export async function quotaEntriesOn(
  db: Executor,
  regionCodes: string[],
  asOf: string,
): Promise<UnitEntry[]> {
  const [units, quotas] = await Promise.all([
    unitsOn(db, regionCodes, asOf),
    quotasOn(db, regionCodes, asOf),
  ]);
  return [...quotaEntries(units, quotas).values()];
}

/** Every unit's entry on the date (only those of `unitIds` if given), computed directly. */
export async function unitEntriesOn(
  db: Executor,
  regionCodes: string[],
  asOf: string,
  unitIds?: readonly number[],
): Promise<UnitEntry[]> {
  const [units, quotas, posts, staff] = await Promise.all([
    unitsOn(db, regionCodes, asOf, unitIds),
    quotasOn(db, regionCodes, asOf, unitIds),
    postsOn(db, regionCodes, asOf, unitIds),
    staffOn(db, regionCodes, asOf, unitIds),
  ]);
  const entries = quotaEntries(units, quotas);
  for (const p of posts) {
    const e = entries.get(p.unitId);
    if (e && (p.level === '正科' || p.level === '副科')) e.cells.posts[p.level].approved += p.approved;
  }
  for (const s of staff) {
    const e = entries.get(s.unitId);
    if (!e) continue;
    const cell = e.cells.byType[reportingType(s.quotaType)];
    cell.actual += s.actual;
    cell.pending += s.pending;
    cell.examPending += s.examPending;
    e.cells.posts['正科'].filled += s.leadersDivision;
    e.cells.posts['副科'].filled += s.leadersDeputy;
  }
  return [...entries.values()];
}

/** The per-unit findings (超编, 超职数, no quota in force), in the units' order. */
export function unitQuality(
  entries: readonly { unit: { id: number; name: string }; cells: UnitCells; hasQuota: boolean }[],
): QualityIssue[] {
  const issues: QualityIssue[] = [];
  for (const { unit, cells, hasQuota } of entries) {
    for (const t of REPORTING_TYPES) {
      const c = cells.byType[t];
      if (c.actual > c.approved) {
        issues.push({
          kind: 'over_quota',
          message: `${unit.name} ${t}超编 ${c.actual - c.approved} 名（核定 ${c.approved}，实有 ${c.actual}）`,
          unitId: unit.id,
          unitName: unit.name,
          value: c.actual - c.approved,
        });
      }
    }
    for (const level of ['正科', '副科'] as const) {
      const p = cells.posts[level];
      if (p.filled > p.approved) {
        issues.push({
          kind: 'posts_over',
          message: `${unit.name} ${level}级领导超职数配备 ${p.filled - p.approved} 名（核定 ${p.approved}，实配 ${p.filled}）`,
          unitId: unit.id,
          unitName: unit.name,
          value: p.filled - p.approved,
        });
      }
    }
    if (!hasQuota) {
      issues.push({
        kind: 'no_quota',
        message: `${unit.name} 没有有效的编制核定`,
        unitId: unit.id,
        unitName: unit.name,
        value: 0,
      });
    }
  }
  return issues;
}

/** The breakdowns of the 事业单位 total that do not add up to it (on the summed figures). */
export function partitionQuality(figures: Record<string, number>): QualityIssue[] {
  const issues: QualityIssue[] = [];
  const total = figures.institutions ?? 0;
  for (const p of PARTITIONS) {
    const sum = p.parts.reduce((s, k) => s + (figures[k] ?? 0), 0);
    if (sum !== total) {
      issues.push({
        kind: 'partition',
        message: `事业单位${p.label}的分项之和为 ${sum} 个，与事业单位总数 ${total} 个不符（相差 ${total - sum}）`,
        unitId: null,
        unitName: null,
        value: total - sum,
      });
    }
  }
  return issues;
}

/** People still placed in units that do not exist on the date, by unit id, with their county. */
export async function missingUnitFindings(
  db: Executor,
  regionCodes: string[],
  asOf: string,
  unitIds?: readonly number[],
): Promise<{ regionCode: string; issue: QualityIssue }[]> {
  const missing = await peopleInMissingUnits(db, regionCodes, asOf, unitIds);
  return missing
    .sort((a, b) => a.unitId - b.unitId)
    .map((m) => ({
      regionCode: m.regionCode,
      issue: {
        kind: 'people_in_missing_unit',
        message: `${m.unitName}（${m.unitCode}）在统计日不存在，但仍有 ${m.people} 名在编或待入编人员登记在该单位`,
        unitId: m.unitId,
        unitName: m.unitName,
        value: m.people,
      },
    }));
}

/** The report's count figures, in the order of their first place in the text. */
export function figureList(values: Record<string, number>): BasicFigure[] {
  const seen = new Set<string>();
  const figures: BasicFigure[] = [];
  for (const p of BASIC_PLACES) {
    if (p.kind !== 'count' || seen.has(p.key)) continue;
    seen.add(p.key);
    figures.push({
      key: p.key,
      label: p.label,
      value: values[p.key] ?? 0,
      definition: p.definition,
      drill: p.drill,
    });
  }
  return figures;
}

/**
 * The report computed directly from the ledger: every unit's rows read and combined. The
 * reference for the aggregate cache (basic-summary.ts), and what the drill-down and the
 * per-unit exports use.
 */
export async function computeBasic(db: Executor, opts: ComputeOptions): Promise<BasicComputation> {
  const units = await unitEntriesOn(db, opts.regionCodes, opts.asOf);
  const values = basicFigures(units.map((u) => u.cells));
  const quality = [
    ...unitQuality(units),
    ...partitionQuality(values),
    ...(await missingUnitFindings(db, opts.regionCodes, opts.asOf)).map((m) => m.issue),
  ];
  return {
    report: {
      regionCode: opts.regionCode,
      regionName: opts.regionName,
      cityName: opts.cityName,
      asOf: opts.asOf,
      figures: figureList(values),
      counties: opts.counties,
    },
    units,
    quality,
  };
}
