// The year-end 机构编制统计 (统计年报) on the wire: its tables, the checks run before export,
// the submission that locks a year and the differences found after it. zod schemas, types inferred.
import { z } from 'zod';
import { RegionCode } from './wire.ts';

export const YearendQuery = z.object({
  region: RegionCode,
  year: z.coerce.number().int().min(1949).max(2100),
});
export type YearendQuery = z.infer<typeof YearendQuery>;

export const YearendRow = z.object({ label: z.string(), values: z.array(z.number()) });
export type YearendRow = z.infer<typeof YearendRow>;

export const YearendTable = z.object({
  /** 表1 … 表4: the sheet and the numbering of docs/yearend.md. */
  key: z.string(),
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(YearendRow),
  total: YearendRow,
});
export type YearendTable = z.infer<typeof YearendTable>;

export const YearendCheck = z.object({
  /** 表内: a table's rows and columns add up; 表间: the same figure agrees across tables and with the ledger. */
  kind: z.enum(['表内', '表间']),
  name: z.string(),
  ok: z.boolean(),
  /** The rows that disagree, each with both figures ("党委工作机关：各规格之和 3，合计 4"). */
  failures: z.array(z.string()),
});
export type YearendCheck = z.infer<typeof YearendCheck>;

/** One figure of the tables, named by table, row and column (what a submission stores). */
export const YearendFigure = z.object({ key: z.string(), label: z.string(), value: z.number() });
export type YearendFigure = z.infer<typeof YearendFigure>;

export const YearendSubmissionDto = z.object({
  year: z.number(),
  asOf: z.string(),
  hash: z.string(),
  submittedAt: z.string(),
  submittedByName: z.string(),
  /** Whether the stored figures still give the stored hash (false: changed behind the system's back). */
  hashValid: z.boolean(),
});
export type YearendSubmissionDto = z.infer<typeof YearendSubmissionDto>;

/** A figure of a locked year that the ledger now gives differently (a back-dated change). */
export const YearendDifference = z.object({
  key: z.string(),
  label: z.string(),
  submitted: z.number().nullable(),
  now: z.number().nullable(),
});
export type YearendDifference = z.infer<typeof YearendDifference>;

export const YearendResponse = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number(),
  asOf: z.string(),
  tables: z.array(YearendTable),
  checks: z.array(YearendCheck),
  passed: z.boolean(),
  submission: YearendSubmissionDto.nullable(),
  differences: z.array(YearendDifference),
});
export type YearendResponse = z.infer<typeof YearendResponse>;

export const YearendSubmitBody = z.object({ region: RegionCode, year: z.number().int().min(1949).max(2100) });
export type YearendSubmitBody = z.infer<typeof YearendSubmitBody>;
