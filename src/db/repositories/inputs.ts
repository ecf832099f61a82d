// All SQL of the standards' input forms: the student numbers and population rows of one year
// (not retracted), keyed by unit, for the county's forms.
import type { Executor } from './executor.ts';

export interface StudentYearRow {
  unitId: number;
  senior: number | null;
  junior: number | null;
  primary: number | null;
  preschool: number | null;
  recordedAt: string;
}

export async function studentsOfYear(
  db: Executor,
  regionCode: string,
  year: number,
): Promise<Map<number, StudentYearRow>> {
  const rows = await db
    .selectFrom('student_counts as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.unit_id', 's.senior', 's.junior', 's.primary_school', 's.preschool', 's.recorded_at'])
    .where('u.region_code', '=', regionCode)
    .where('s.year', '=', year)
    .where('s.retracted_at', 'is', null)
    .orderBy('s.id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.unit_id,
      {
        unitId: r.unit_id,
        senior: r.senior,
        junior: r.junior,
        primary: r.primary_school,
        preschool: r.preschool,
        recordedAt: r.recorded_at,
      },
    ]),
  );
}

/** The year's population rows of the region: key 'region' for the county, else the unit id. */
export async function populationOfYear(
  db: Executor,
  regionCode: string,
  year: number,
): Promise<Map<number | 'region', { population: number; recordedAt: string }>> {
  const rows = await db
    .selectFrom('region_population')
    .select(['unit_id', 'population', 'recorded_at'])
    .where('region_code', '=', regionCode)
    .where('year', '=', year)
    .where('retracted_at', 'is', null)
    .orderBy('id')
    .execute();
  return new Map(
    rows.map((r) => [r.unit_id ?? 'region', { population: r.population, recordedAt: r.recorded_at }]),
  );
}

/** Every row of a unit and year, retracted ones included (a correction's history). */
export async function studentHistory(
  db: Executor,
  unitId: number,
  year: number,
): Promise<
  {
    senior: number | null;
    junior: number | null;
    primary: number | null;
    preschool: number | null;
    retractedAt: string | null;
  }[]
> {
  const rows = await db
    .selectFrom('student_counts')
    .select(['senior', 'junior', 'primary_school', 'preschool', 'retracted_at'])
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    senior: r.senior,
    junior: r.junior,
    primary: r.primary_school,
    preschool: r.preschool,
    retractedAt: r.retracted_at,
  }));
}

export async function populationHistory(
  db: Executor,
  key: { regionCode: string; unitId: number | null; year: number },
): Promise<{ population: number; retractedAt: string | null }[]> {
  let q = db
    .selectFrom('region_population')
    .select(['population', 'retracted_at'])
    .where('region_code', '=', key.regionCode)
    .where('year', '=', key.year);
  q = key.unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', key.unitId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ population: r.population, retractedAt: r.retracted_at }));
}
