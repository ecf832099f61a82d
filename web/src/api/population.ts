// 人口与编制: population by year against the approved quota. Types only from src/common.
import type { PopulationResponse } from '../../../src/common/wire-population.ts';
import { buildQuery, request } from './client.ts';

export type {
  CountyPopulation,
  PopulationResponse,
  PopulationSummary,
  PopulationYear,
  SmallUnit,
  TownshipPopulation,
} from '../../../src/common/wire-population.ts';

/** The page's defaults: growth since 2010, units with at most 5 posts. */
export const DEFAULT_BASE_YEAR = 2010;
export const DEFAULT_THRESHOLD = 5;

export function getPopulation(
  region: string,
  options: { baseYear?: number; threshold?: number } = {},
): Promise<PopulationResponse> {
  return request<PopulationResponse>(
    '/api/reports/population' +
      buildQuery({ region, baseYear: options.baseYear, threshold: options.threshold }),
  );
}
