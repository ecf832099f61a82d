// All SQL of regions (the GB/T 2260 codes this deployment uses) and of population figures.
import type { RegionTable } from '../database.ts';
import type { Executor } from './executor.ts';

export type RegionRecord = RegionTable;

export async function findRegion(db: Executor, code: string): Promise<RegionRecord | undefined> {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listRegions(db: Executor): Promise<RegionRecord[]> {
  return db.selectFrom('regions').selectAll().orderBy('code').execute();
}

export async function insertRegion(db: Executor, region: RegionRecord): Promise<void> {
  await db.insertInto('regions').values(region).execute();
}

export interface PopulationRecord {
  id: number;
  regionCode: string;
  unitId: number | null;
  year: number;
  population: number;
}

export async function findPopulation(
  db: Executor,
  key: { regionCode: string; unitId: number | null; year: number },
): Promise<PopulationRecord | undefined> {
  let q = db
    .selectFrom('region_population')
    .select(['id', 'region_code', 'unit_id', 'year', 'population'])
    .where('region_code', '=', key.regionCode)
    .where('year', '=', key.year)
    .where('retracted_at', 'is', null);
  q = key.unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', key.unitId);
  const r = await q.executeTakeFirst();
  return (
    r && { id: r.id, regionCode: r.region_code, unitId: r.unit_id, year: r.year, population: r.population }
  );
}

export async function insertPopulation(
  db: Executor,
  row: { regionCode: string; unitId: number | null; year: number; population: number; at: string },
): Promise<number> {
  const r = await db
    .insertInto('region_population')
    .values({
      region_code: row.regionCode,
      unit_id: row.unitId,
      year: row.year,
      population: row.population,
      recorded_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function retractPopulation(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('region_population').set({ retracted_at: at }).where('id', '=', id).execute();
}

export async function listPopulation(
  db: Executor,
  regionCode: string,
): Promise<{ unitCode: string | null; year: number; population: number }[]> {
  const rows = await db
    .selectFrom('region_population as p')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select(['u.code as unitCode', 'p.year', 'p.population'])
    .where('p.region_code', '=', regionCode)
    .where('p.retracted_at', 'is', null)
    .orderBy('u.code')
    .orderBy('p.year')
    .execute();
  return rows.map((r) => ({ unitCode: r.unitCode ?? null, year: r.year, population: r.population }));
}
