// Which counties a report covers: a county itself, or every county below a city or province.
import type { Executor } from '../../db/repositories/executor.ts';
import { findRegion, listRegions } from '../../db/repositories/regions.ts';
import { notFound } from '../../errors.ts';
import { regionWithin } from '../../common/region-code.ts';

export interface ReportScope {
  regionCode: string;
  regionName: string;
  /** The city above a county; a city's or province's own name for a summed report. */
  cityName: string;
  counties: { code: string; name: string }[];
}

export async function reportScope(db: Executor, regionCode: string): Promise<ReportScope> {
  const region = await findRegion(db, regionCode);
  if (!region) throw notFound(`行政区划 ${regionCode} `);
  if (region.level === 'county') {
    const parent = region.parent_code ? await findRegion(db, region.parent_code) : undefined;
    return {
      regionCode,
      regionName: region.name,
      cityName: parent?.name ?? region.name,
      counties: [{ code: region.code, name: region.name }],
    };
  }
  const counties = (await listRegions(db))
    .filter((r) => r.level === 'county' && regionWithin(r.code, regionCode))
    .map((r) => ({ code: r.code, name: r.name }));
  return { regionCode, regionName: region.name, cityName: region.name, counties };
}
