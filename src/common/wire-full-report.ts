// The 全年汇报 on the wire: the document (prose with {{figure}} placeholders), the live figures
// it names with where each comes from, and the figures changed since the last rendering.
import { z } from 'zod';
import { DateString } from './dates.ts';

const Region = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');
const Year = z.coerce.number().int().min(1990).max(2100);

export const FullReportQuery = z.object({
  region: Region,
  /** The document's year; the as-of date's year when left out. */
  year: Year.optional(),
  /** The date the figures are computed on; today when left out. */
  asOf: DateString.optional(),
});
export type FullReportQuery = z.infer<typeof FullReportQuery>;

export const FIGURE_SOURCES = ['basic', 'work', 'standards', 'population', 'library'] as const;

export const FullReportFigure = z.object({
  key: z.string(),
  label: z.string(),
  source: z.enum(FIGURE_SOURCES),
  sourceLabel: z.string(),
  definition: z.string(),
  value: z.number().nullable(),
  /** The value as the document prints it. */
  text: z.string(),
});
export type FullReportFigure = z.infer<typeof FullReportFigure>;

export const FullReportChange = z.object({
  key: z.string(),
  label: z.string(),
  before: z.string(),
  after: z.string(),
});
export type FullReportChange = z.infer<typeof FullReportChange>;

export const FullReportDocument = z.object({
  title: z.string(),
  /** First day of the 工作统计 period of section 二. */
  workFrom: z.string(),
  paragraphs: z.array(z.string()),
  /** 0 while the county still reads the default text (nothing saved yet). */
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export type FullReportDocument = z.infer<typeof FullReportDocument>;

export const FullReportResponse = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number(),
  asOf: z.string(),
  document: FullReportDocument,
  /** Every figure of the registry on the date (a document may name any of them). */
  figures: z.array(FullReportFigure),
  /** The paragraphs with the figures filled in, as the .docx prints them. */
  filled: z.array(z.string()),
  lastRendering: z.object({ asOf: z.string(), renderedAt: z.string() }).nullable(),
  /** The figures the document names whose value differs from the last rendering's. */
  changes: z.array(FullReportChange),
});
export type FullReportResponse = z.infer<typeof FullReportResponse>;

export const SaveFullReportBody = z.object({
  region: Region,
  year: Year,
  /** The version edited (0: the default text); a save over a newer version is refused. */
  version: z.number().int().min(0),
  title: z.string().trim().min(1, '请填写标题').max(100),
  workFrom: DateString,
  paragraphs: z.array(z.string().max(5000, '每段不超过 5000 字')).min(1, '文稿不能为空').max(300),
});
export type SaveFullReportBody = z.infer<typeof SaveFullReportBody>;

export const RenderFullReportBody = z.object({
  region: Region,
  year: Year.optional(),
  asOf: DateString.optional(),
});
export type RenderFullReportBody = z.infer<typeof RenderFullReportBody>;
