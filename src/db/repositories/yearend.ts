// All SQL of the year-end 机构编制统计: the ledger's own totals (read apart from the per-unit
// cells, so that the checks compare two paths) and the submissions that lock a year.
import type { YearendFigure } from '../../common/wire-yearend.ts';
import type { Executor } from './executor.ts';
import { isCurrentPlacement } from './people.ts';
import { postsOn, quotasOn } from './reports.ts';

/**
 * 核定 of the quota rows in force on `date`, by quota type as stored, over the units in
 * `unitIds` (the units existing on the date, 内设机构 included: an abolished unit's rows are
 * history, but a 内设机构 holding quota is an inconsistency the tables must not hide).
 */
export async function ledgerQuotaByType(
  db: Executor,
  regionCodes: string[],
  date: string,
  unitIds: ReadonlySet<number>,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const q of await quotasOn(db, regionCodes, date))
    if (unitIds.has(q.unitId)) out[q.quotaType] = (out[q.quotaType] ?? 0) + q.approved;
  return out;
}

/** 核定领导职数 (正科, 副科) of the rows in force on `date` over the units in `unitIds`. */
export async function ledgerPosts(
  db: Executor,
  regionCodes: string[],
  date: string,
  unitIds: ReadonlySet<number>,
): Promise<number> {
  let total = 0;
  for (const p of await postsOn(db, regionCodes, date))
    if (unitIds.has(p.unitId) && (p.level === '正科' || p.level === '副科')) total += p.approved;
  return total;
}

/**
 * People on the establishment on `date` in any unit of the regions, counted in SQL: a unit
 * abolished or merged away keeps nobody, so people left in one disagree with the tables.
 */
export async function ledgerActual(db: Executor, regionCodes: string[], date: string): Promise<number> {
  if (regionCodes.length === 0) return 0;
  const r = await db
    .selectFrom('placements as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('u.region_code', 'in', regionCodes)
    .where(isCurrentPlacement)
    .where('p.status', 'in', ['在编', '已出编'])
    .where('p.entered_on', '<=', date)
    .where((eb) => eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', date)]))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface YearendSubmissionRecord {
  id: number;
  regionCode: string;
  year: number;
  asOf: string;
  figures: YearendFigure[];
  hash: string;
  submittedAt: string;
  submittedByName: string;
}

function parseFigures(text: string): YearendFigure[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((f: unknown) => {
    if (typeof f !== 'object' || f === null) return [];
    const o = f as Record<string, unknown>;
    return typeof o.key === 'string' && typeof o.label === 'string' && typeof o.value === 'number'
      ? [{ key: o.key, label: o.label, value: o.value }]
      : [];
  });
}

export async function findSubmission(
  db: Executor,
  regionCode: string,
  year: number,
): Promise<YearendSubmissionRecord | null> {
  const r = await db
    .selectFrom('yearend_submissions')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    regionCode: r.region_code,
    year: r.year,
    asOf: r.as_of,
    figures: parseFigures(r.figures),
    hash: r.hash,
    submittedAt: r.submitted_at,
    submittedByName: r.submitted_by_name,
  };
}

export async function insertSubmission(
  db: Executor,
  s: {
    regionCode: string;
    year: number;
    asOf: string;
    figures: YearendFigure[];
    hash: string;
    at: string;
    userId: number | null;
    userName: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('yearend_submissions')
    .values({
      region_code: s.regionCode,
      year: s.year,
      as_of: s.asOf,
      figures: JSON.stringify(s.figures),
      hash: s.hash,
      submitted_at: s.at,
      submitted_by: s.userId,
      submitted_by_name: s.userName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
