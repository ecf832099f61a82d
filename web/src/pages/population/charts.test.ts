import { describe, expect, it } from 'vitest';
import type { PopulationYear, TownshipPopulation } from '../../api/population.ts';
import { populationQuotaOption, townshipOption } from './charts.ts';

const year = (y: number, population: number, quota: number, quotaPer10k: number | null): PopulationYear => ({
  year: y,
  asOf: `${String(y)}-12-31`,
  population,
  quota,
  quotaPer10k,
});

function seriesData(option: ReturnType<typeof populationQuotaOption>): unknown[][] {
  const series = Array.isArray(option.series) ? option.series : [option.series];
  return series.map((s) => (s && 'data' in s && Array.isArray(s.data) ? s.data : []));
}

describe('the 人口与编制 charts', () => {
  it('plots the server’s population in 万人 (two decimals) and its quota as given', () => {
    // The fixture county: 218,500 residents in 2010, 322,000 in 2023.
    const option = populationQuotaOption([year(2010, 218_500, 6, 0.3), year(2023, 322_000, 266, 8.3)]);
    const axis = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis;
    expect(axis && 'data' in axis ? axis.data : null).toEqual(['2010', '2023']);
    expect(seriesData(option)).toEqual([
      [21.85, 32.2],
      [6, 266],
    ]);
  });

  it('keeps the population label in the middle of its bar, apart from the quota line’s labels above the points', () => {
    const option = populationQuotaOption([year(2010, 218_500, 6, 0.3), year(2023, 322_000, 266, 8.3)]);
    const series = Array.isArray(option.series) ? option.series : [option.series];
    const positions = series.map((s) => (s && 'label' in s ? s.label?.position : undefined));
    expect(positions).toEqual(['inside', 'top']);
  });

  it('leaves out townships without a figure and shows the server’s per-10,000 value', () => {
    const township = (name: string, latest: PopulationYear | null): TownshipPopulation => ({
      unitId: 1,
      unitCode: 'A04',
      name,
      category: '乡镇',
      years: latest ? [latest] : [],
      latest,
    });
    const option = townshipOption([
      township('望洪镇', year(2023, 41_000, 55, 13.4)),
      township('闽宁镇', null),
    ]);
    const axis = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis;
    expect(axis && 'data' in axis ? axis.data : null).toEqual(['望洪镇']);
    expect(seriesData(option)).toEqual([[13.4]]);
  });
});
