// All SQL of the population figures read by 人口与编制 (population against quota).
import type { Executor } from './executor.ts';

export interface PopulationRow {
  regionCode: string;
  /** null for the county itself; otherwise a township (or another unit) of the county. */
  unitId: number | null;
  year: number;
  population: number;
}

/** Every population figure in force (not retracted) of the regions, by region, unit and year. */
export async function populationOf(db: Executor, regionCodes: string[]): Promise<PopulationRow[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('region_population')
    .select(['id', 'region_code', 'unit_id', 'year', 'population'])
    .where('region_code', 'in', regionCodes)
    .where('retracted_at', 'is', null)
    .orderBy('region_code')
    .orderBy('year')
    .orderBy('id')
    .execute();
  // Should a (region, unit, year) be recorded twice, the later row wins.
  const byKey = new Map<string, PopulationRow>();
  for (const r of rows) {
    byKey.set(`${r.region_code}/${String(r.unit_id)}/${String(r.year)}`, {
      regionCode: r.region_code,
      unitId: r.unit_id,
      year: r.year,
      population: Number(r.population),
    });
  }
  return [...byKey.values()];
}
