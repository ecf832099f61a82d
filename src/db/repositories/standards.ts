// All SQL of the staffing standards (编制标准): their versions per region, and the inputs they
// measure — student numbers per school and service population per health centre, each the
// latest row not after a year.
import type { Executor } from './executor.ts';

export interface StandardRecord {
  id: number;
  regionCode: string;
  key: string;
  version: number;
  name: string;
  sourceDocument: string;
  validFrom: string;
  validTo: string | null;
  /** JSON text of the rule. */
  rule: string;
  rounding: string;
  recordedAt: string;
  recordedBy: number | null;
}

/** Every version of the region's standards (of one key, if given), oldest first. */
export async function listStandardVersions(
  db: Executor,
  regionCode: string,
  key?: string,
): Promise<StandardRecord[]> {
  let q = db.selectFrom('standards').selectAll().where('region_code', '=', regionCode);
  if (key !== undefined) q = q.where('key', '=', key);
  const rows = await q.orderBy('key').orderBy('version').execute();
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    key: r.key,
    version: r.version,
    name: r.name,
    sourceDocument: r.source_document,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    rule: r.rule,
    rounding: r.rounding,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}

/** The highest version of the region's standard of that key; 0 when it has none. */
export async function latestStandardVersion(db: Executor, regionCode: string, key: string): Promise<number> {
  const r = await db
    .selectFrom('standards')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .where('region_code', '=', regionCode)
    .where('key', '=', key)
    .executeTakeFirst();
  return r?.v === null || r?.v === undefined ? 0 : Number(r.v);
}

export async function insertStandard(db: Executor, s: Omit<StandardRecord, 'id'>): Promise<number> {
  const r = await db
    .insertInto('standards')
    .values({
      region_code: s.regionCode,
      key: s.key,
      version: s.version,
      name: s.name,
      source_document: s.sourceDocument,
      valid_from: s.validFrom,
      valid_to: s.validTo,
      rule: s.rule,
      rounding: s.rounding,
      recorded_at: s.recordedAt,
      recorded_by: s.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Of rows sorted by key and then year, the last of each key. */
function lastPerUnit<T extends { unit_id: number }>(rows: readonly T[]): Map<number, T> {
  const out = new Map<number, T>();
  for (const r of rows) out.set(r.unit_id, r);
  return out;
}

export interface StudentRow {
  id: number;
  unitId: number;
  year: number;
  senior: number | null;
  junior: number | null;
  primary: number | null;
  preschool: number | null;
}

/** Per unit of the region: its student numbers of the latest year not after `year`. */
export async function studentsUpTo(
  db: Executor,
  regionCode: string,
  year: number,
): Promise<Map<number, StudentRow>> {
  const rows = await db
    .selectFrom('student_counts as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.unit_id', 's.year', 's.senior', 's.junior', 's.primary_school', 's.preschool'])
    .where('u.region_code', '=', regionCode)
    .where('s.retracted_at', 'is', null)
    .where('s.year', '<=', year)
    .orderBy('s.unit_id')
    .orderBy('s.year')
    .orderBy('s.id')
    .execute();
  const out = new Map<number, StudentRow>();
  for (const [unitId, r] of lastPerUnit(rows)) {
    out.set(unitId, {
      id: r.id,
      unitId,
      year: r.year,
      senior: r.senior,
      junior: r.junior,
      primary: r.primary_school,
      preschool: r.preschool,
    });
  }
  return out;
}

export interface UnitPopulationRow {
  id: number;
  unitId: number;
  year: number;
  population: number;
}

/** Per unit of the region with a population row (a health centre's 服务人口): the latest year not after `year`. */
export async function unitPopulationUpTo(
  db: Executor,
  regionCode: string,
  year: number,
): Promise<Map<number, UnitPopulationRow>> {
  const rows = await db
    .selectFrom('region_population')
    .select(['id', 'unit_id', 'year', 'population'])
    .where('region_code', '=', regionCode)
    .where('retracted_at', 'is', null)
    .where('year', '<=', year)
    .orderBy('unit_id')
    .orderBy('year')
    .orderBy('id')
    .execute();
  const out = new Map<number, UnitPopulationRow>();
  for (const r of rows) {
    if (r.unit_id === null) continue;
    out.set(r.unit_id, { id: r.id, unitId: r.unit_id, year: r.year, population: r.population });
  }
  return out;
}

/** The latest year with student numbers in the region, or null. */
export async function latestStudentYear(db: Executor, regionCode: string): Promise<number | null> {
  const r = await db
    .selectFrom('student_counts as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select((eb) => eb.fn.max<number>('s.year').as('y'))
    .where('u.region_code', '=', regionCode)
    .where('s.retracted_at', 'is', null)
    .executeTakeFirst();
  return r?.y === null || r?.y === undefined ? null : Number(r.y);
}
