// The HTTP wire of the reports (统计报表): zod schemas, types inferred from them.
import { z } from 'zod';
import { DateString, PersonSummary, QuotaFigure, RegionCode } from './wire.ts';

export const BasicReportQuery = z.object({ region: RegionCode, asOf: DateString.optional() });

export const BasicFigureDto = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  definition: z.string(),
  drill: z.enum(['units', 'people', 'quotas', 'posts']).nullable(),
});

export const BasicReportDto = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  cityName: z.string(),
  asOf: z.string(),
  figures: z.array(BasicFigureDto),
  counties: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const QualityIssue = z.object({
  kind: z.enum(['over_quota', 'posts_over', 'partition', 'no_quota', 'people_in_missing_unit']),
  /** A sentence for the user, e.g. "永宁县统计局 行政编制超编 2 名". */
  message: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  value: z.number(),
});
export type QualityIssue = z.infer<typeof QualityIssue>;

export const BasicReportResponse = z.object({
  report: BasicReportDto,
  /** Section 一 with every figure filled in, exactly in the county's wording. */
  text: z.string(),
  quality: z.array(QualityIssue),
});
export type BasicReportResponse = z.infer<typeof BasicReportResponse>;

export const DrillQuery = z.object({
  region: RegionCode,
  asOf: DateString.optional(),
  key: z.string().min(1).max(60),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type DrillQuery = z.infer<typeof DrillQuery>;

/** A unit's part in a figure (a count of units has value 1 per unit). */
export const DrillUnitRow = z.object({
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  category: z.string(),
  value: z.number(),
  /** e.g. "核定 12，实有 10，待入编 1". */
  detail: z.string(),
});
export type DrillUnitRow = z.infer<typeof DrillUnitRow>;

export const DrillResponse = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('units'),
    key: z.string(),
    label: z.string(),
    value: z.number(),
    total: z.number(),
    rows: z.array(DrillUnitRow),
  }),
  z.object({
    kind: z.literal('people'),
    key: z.string(),
    label: z.string(),
    value: z.number(),
    total: z.number(),
    rows: z.array(PersonSummary),
  }),
]);
export type DrillResponse = z.infer<typeof DrillResponse>;

export const CountiesResponse = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  asOf: z.string(),
  /** Every county-level region below (GB/T 2260), whether it has data on the date, its figures. */
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      hasData: z.boolean(),
      figures: z.record(z.string(), z.number()),
    }),
  ),
  /** The summed figures (每个数字 is a sum over units, so the sum over counties is the summed report's). */
  total: z.record(z.string(), z.number()),
});
export type CountiesResponse = z.infer<typeof CountiesResponse>;

export const HistoryResponse = z.object({
  regionCode: z.string(),
  /** Year-end (12-31) figures of each year with data, the current year as of today. */
  years: z.array(
    z.object({
      year: z.number(),
      asOf: z.string(),
      adminQuota: z.number(),
      institutionQuota: z.number(),
      contractQuota: z.number(),
      /** 核定合计 (行政 + 事业 + 聘用), as the report sums it. */
      quotaTotal: z.number(),
      totalActual: z.number(),
    }),
  ),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;

/** Per-unit figures on a date (charts by department and category, the per-unit table). */
export const UnitFiguresResponse = z.object({
  regionCode: z.string(),
  asOf: z.string(),
  units: z.array(
    z.object({
      unitId: z.number(),
      code: z.string(),
      name: z.string(),
      category: z.string(),
      parentId: z.number().nullable(),
      figures: z.array(QuotaFigure),
      /** The unit's figures over all quota types. */
      total: QuotaFigure.omit({ quotaType: true }),
      posts: z.array(z.object({ level: z.enum(['正科', '副科']), approved: z.number(), filled: z.number() })),
    }),
  ),
});
export type UnitFiguresResponse = z.infer<typeof UnitFiguresResponse>;

// ---- 工作统计 (section 二) ----
const WorkMatterRef = z.object({
  matterId: z.number(),
  title: z.string(),
  docNo: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  /** A matter from before the system (历史事项): its id is negated, there is no matter page. */
  historical: z.boolean(),
});
export const WorkStatisticsResponse = z.object({
  stats: z.object({
    regionCode: z.string(),
    regionName: z.string(),
    from: z.string(),
    to: z.string(),
    /** False when no matter is recorded in the period: the text says 无记录. */
    recorded: z.boolean(),
    figures: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        measure: z.string(),
        value: z.number(),
        definition: z.string(),
        drill: z.enum(['matters', 'units']),
        matters: z.array(WorkMatterRef),
      }),
    ),
    quotasAddedByUnit: z.array(
      z.object({
        unitId: z.number(),
        unitCode: z.string(),
        unitName: z.string(),
        quotaType: z.string(),
        amount: z.number(),
        matters: z.array(WorkMatterRef),
      }),
    ),
    townshipUnits: z.array(
      z.object({
        unitId: z.number(),
        unitCode: z.string(),
        unitName: z.string(),
        category: z.string(),
        administrative: z.number(),
        institution: z.number(),
      }),
    ),
  }),
  text: z.string(),
});
export type WorkStatisticsResponse = z.infer<typeof WorkStatisticsResponse>;
