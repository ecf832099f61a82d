// The HTTP wire of 人口与编制 (population against quota): zod schemas, types inferred from them.
import { z } from 'zod';
import { RegionCode } from './wire.ts';

export const PopulationQuery = z.object({
  region: RegionCode,
  baseYear: z.coerce.number().int().min(1949).max(2100).optional(),
  threshold: z.coerce.number().int().min(1).max(1000).optional(),
});
export type PopulationQuery = z.infer<typeof PopulationQuery>;

/** One year: the resident population and the approved quota at that year's end (today for this year). */
export const PopulationYear = z.object({
  year: z.number(),
  asOf: z.string(),
  population: z.number(),
  /** 行政 (政法专项 included) + 事业 + 聘用 approved on `asOf`. */
  quota: z.number(),
  /** Quota per 10,000 residents, one decimal. */
  quotaPer10k: z.number().nullable(),
});
export type PopulationYear = z.infer<typeof PopulationYear>;

export const TownshipPopulation = z.object({
  unitId: z.number(),
  unitCode: z.string(),
  name: z.string(),
  category: z.string(),
  /** 行政 + 事业 of the township and of its 乡镇所属 / 街道所属 institutions, per year end. */
  years: z.array(PopulationYear),
  latest: PopulationYear.nullable(),
});
export type TownshipPopulation = z.infer<typeof TownshipPopulation>;

export const PopulationSummary = z.object({
  baseYear: z.number(),
  years: z.array(PopulationYear),
  base: PopulationYear.nullable(),
  latest: PopulationYear.nullable(),
  /** Population growth since the base year in %, two decimals (half up); null without both years. */
  growthPercent: z.number().nullable(),
  /** Quota at the latest year minus quota at the base year. */
  quotaChange: z.number().nullable(),
  quotaPer10k: z.number().nullable(),
});
export type PopulationSummary = z.infer<typeof PopulationSummary>;

export const CountyPopulation = PopulationSummary.extend({
  code: z.string(),
  name: z.string(),
  townships: z.array(TownshipPopulation),
});
export type CountyPopulation = z.infer<typeof CountyPopulation>;

export const SmallUnit = z.object({
  unitId: z.number(),
  unitCode: z.string(),
  name: z.string(),
  category: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  adminQuota: z.number(),
  institutionQuota: z.number(),
  contractQuota: z.number(),
  total: z.number(),
});
export type SmallUnit = z.infer<typeof SmallUnit>;

export const PopulationResponse = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.enum(['province', 'city', 'county']),
  today: z.string(),
  baseYear: z.number(),
  threshold: z.number(),
  /** The whole region: the county itself, or the sum over the counties that report a population, for the years all of those report. */
  summary: PopulationSummary,
  /** "我县目前人口为32.2万，较2010年增长47.37%，编制总量由A名变为B名"; null without both years. */
  sentence: z.string().nullable(),
  counties: z.array(CountyPopulation),
  smallUnits: z.array(SmallUnit),
});
export type PopulationResponse = z.infer<typeof PopulationResponse>;
