// All SQL of the 全年汇报: the documents (one per county and year) and their renderings.
import type { Executor } from './executor.ts';

export interface ReportDocumentRecord {
  id: number;
  regionCode: string;
  year: number;
  title: string;
  workFrom: string;
  paragraphs: string[];
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

export interface ReportRenderingRecord {
  id: number;
  documentId: number;
  asOf: string;
  figures: Record<string, number | null>;
  renderedAt: string;
  renderedBy: number | null;
}

function parseParagraphs(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
}

function parseFigures(json: string): Record<string, number | null> {
  const v: unknown = JSON.parse(json);
  const out: Record<string, number | null> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'number' ? x : null;
  return out;
}

export async function findReportDocument(
  db: Executor,
  f: { regionCode: string; year: number },
): Promise<ReportDocumentRecord | undefined> {
  const r = await db
    .selectFrom('report_documents')
    .selectAll()
    .where('region_code', '=', f.regionCode)
    .where('year', '=', f.year)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    regionCode: r.region_code,
    year: r.year,
    title: r.title,
    workFrom: r.work_from,
    paragraphs: parseParagraphs(r.paragraphs),
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export async function insertReportDocument(
  db: Executor,
  d: {
    regionCode: string;
    year: number;
    title: string;
    workFrom: string;
    paragraphs: string[];
    at: string;
    by: number | null;
  },
): Promise<number> {
  const r = await db
    .insertInto('report_documents')
    .values({
      region_code: d.regionCode,
      year: d.year,
      title: d.title,
      work_from: d.workFrom,
      paragraphs: JSON.stringify(d.paragraphs),
      version: 1,
      updated_at: d.at,
      updated_by: d.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Saves the text if the stored version is still `version`; false when someone saved in between. */
export async function updateReportDocument(
  db: Executor,
  d: {
    id: number;
    version: number;
    title: string;
    workFrom: string;
    paragraphs: string[];
    at: string;
    by: number | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('report_documents')
    .set({
      title: d.title,
      work_from: d.workFrom,
      paragraphs: JSON.stringify(d.paragraphs),
      version: d.version + 1,
      updated_at: d.at,
      updated_by: d.by,
    })
    .where('id', '=', d.id)
    .where('version', '=', d.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertReportRendering(
  db: Executor,
  r: {
    regionCode: string;
    documentId: number;
    asOf: string;
    figures: Record<string, number | null>;
    at: string;
    by: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('report_renderings')
    .values({
      region_code: r.regionCode,
      document_id: r.documentId,
      as_of: r.asOf,
      figures: JSON.stringify(r.figures),
      rendered_at: r.at,
      rendered_by: r.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function lastReportRendering(
  db: Executor,
  documentId: number,
): Promise<ReportRenderingRecord | undefined> {
  const r = await db
    .selectFrom('report_renderings')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    documentId: r.document_id,
    asOf: r.as_of,
    figures: parseFigures(r.figures),
    renderedAt: r.rendered_at,
    renderedBy: r.rendered_by,
  };
}
