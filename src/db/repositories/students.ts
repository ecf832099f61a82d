// All SQL of student numbers per school and year (inputs of the staffing standards).
import type { Executor } from './executor.ts';

export interface StudentRecord {
  id: number;
  unitId: number;
  year: number;
  senior: number | null;
  junior: number | null;
  primary: number | null;
  preschool: number | null;
}

export async function findStudents(
  db: Executor,
  unitId: number,
  year: number,
): Promise<StudentRecord | undefined> {
  const r = await db
    .selectFrom('student_counts')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .where('retracted_at', 'is', null)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      unitId: r.unit_id,
      year: r.year,
      senior: r.senior,
      junior: r.junior,
      primary: r.primary_school,
      preschool: r.preschool,
    }
  );
}

export async function insertStudents(
  db: Executor,
  s: Omit<StudentRecord, 'id'> & { at: string },
): Promise<void> {
  await db
    .insertInto('student_counts')
    .values({
      unit_id: s.unitId,
      year: s.year,
      senior: s.senior,
      junior: s.junior,
      primary_school: s.primary,
      preschool: s.preschool,
      recorded_at: s.at,
    })
    .execute();
}

export async function retractStudents(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('student_counts').set({ retracted_at: at }).where('id', '=', id).execute();
}

export async function listStudents(
  db: Executor,
  regionCode: string,
): Promise<(Omit<StudentRecord, 'id' | 'unitId'> & { unitCode: string })[]> {
  const rows = await db
    .selectFrom('student_counts as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['u.code', 's.year', 's.senior', 's.junior', 's.primary_school', 's.preschool'])
    .where('u.region_code', '=', regionCode)
    .where('s.retracted_at', 'is', null)
    .orderBy('u.code')
    .orderBy('s.year')
    .execute();
  return rows.map((r) => ({
    unitCode: r.code,
    year: r.year,
    senior: r.senior,
    junior: r.junior,
    primary: r.primary_school,
    preschool: r.preschool,
  }));
}
