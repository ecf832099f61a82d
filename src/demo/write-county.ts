// Writes a generated county in the exchange format (a workbook or a CSV folder), so that the
// demo and the examples go through exactly the import a county's own file goes through.
import { writeExchange } from '../domain/exchange/write.ts';
import { generateCounty, type GenerateCountyOptions } from './generate-county.ts';

export async function writeCounty(out: string, opts: GenerateCountyOptions): Promise<{ units: number }> {
  const county = generateCounty(opts);
  await writeExchange(out, {
    地区: county.regions.filter((r) => r.code === county.regionCode),
    机构: county.units,
    编制: county.quotas,
    领导职数: county.posts,
    人员: county.people(),
    人口: county.population,
    学生数: county.students,
  });
  return { units: county.units.length };
}
