// All SQL of the 法规制度 library and the training records, rows mapped to wire records.
import {
  DOCUMENT_VALIDITIES,
  TRAINING_KINDS,
  type DocumentValidity,
  type TrainingKind,
} from '../../common/evaluation.ts';
import type {
  LibraryDocument,
  LibraryDocumentInput,
  LibraryDocumentSummary,
  Training,
  TrainingInput,
} from '../../common/wire-library.ts';
import { sql } from 'kysely';
import type { Executor } from './executor.ts';

const validityOf = (v: string): DocumentValidity => DOCUMENT_VALIDITIES.find((d) => d === v) ?? 'valid';
const kindOf = (v: string): TrainingKind => TRAINING_KINDS.find((k) => k === v) ?? 'study';

const SUMMARY = [
  'id',
  'region_code',
  'title',
  'doc_no',
  'issuer',
  'issued_on',
  'effective_on',
  'validity',
  'updated_at',
] as const;

interface SummaryRow {
  id: number;
  region_code: string;
  title: string;
  doc_no: string | null;
  issuer: string;
  issued_on: string;
  effective_on: string | null;
  validity: string;
  updated_at: string;
}

function summaryOf(r: SummaryRow): LibraryDocumentSummary {
  return {
    id: r.id,
    regionCode: r.region_code,
    title: r.title,
    docNo: r.doc_no,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    effectiveOn: r.effective_on,
    validity: validityOf(r.validity),
    updatedAt: r.updated_at,
  };
}

/** The county's documents, newest first; `text` is searched in the title, 文号 and full text. */
export async function listLibraryDocuments(
  db: Executor,
  f: { regionCode: string; text?: string | undefined; validity?: DocumentValidity | undefined },
): Promise<LibraryDocumentSummary[]> {
  let q = db.selectFrom('library_documents').select(SUMMARY).where('region_code', '=', f.regionCode);
  // LIKE wildcards typed by the user are taken literally by dropping them.
  const term = f.text?.replace(/[%_\\]/g, '').trim() ?? '';
  if (term !== '') {
    const like = `%${term}%`;
    q = q.where((eb) =>
      eb.or([eb('title', 'like', like), eb('doc_no', 'like', like), eb('full_text', 'like', like)]),
    );
  }
  if (f.validity !== undefined) q = q.where('validity', '=', f.validity);
  const rows = await q.orderBy('issued_on', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map(summaryOf);
}

export async function findLibraryDocument(db: Executor, id: number): Promise<LibraryDocument | undefined> {
  const r = await db
    .selectFrom('library_documents')
    .select([...SUMMARY, 'full_text'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { ...summaryOf(r), fullText: r.full_text } : undefined;
}

export async function insertLibraryDocument(
  db: Executor,
  d: LibraryDocumentInput & { regionCode: string; at: string; by: number | null },
): Promise<number> {
  const r = await db
    .insertInto('library_documents')
    .values({
      region_code: d.regionCode,
      title: d.title,
      doc_no: d.docNo === null || d.docNo === '' ? null : d.docNo,
      issuer: d.issuer,
      issued_on: d.issuedOn,
      effective_on: d.effectiveOn,
      validity: d.validity,
      full_text: d.fullText,
      created_at: d.at,
      created_by: d.by,
      updated_at: d.at,
      updated_by: d.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateLibraryDocument(
  db: Executor,
  d: LibraryDocumentInput & { id: number; at: string; by: number | null },
): Promise<void> {
  await db
    .updateTable('library_documents')
    .set({
      title: d.title,
      doc_no: d.docNo === null || d.docNo === '' ? null : d.docNo,
      issuer: d.issuer,
      issued_on: d.issuedOn,
      effective_on: d.effectiveOn,
      validity: d.validity,
      full_text: d.fullText,
      updated_at: d.at,
      updated_by: d.by,
    })
    .where('id', '=', d.id)
    .execute();
}

/** The county's training records, newest first; optionally of one year. */
export async function listTrainings(
  db: Executor,
  f: { regionCode: string; year?: number | undefined },
): Promise<Training[]> {
  let q = db
    .selectFrom('trainings')
    .select(['id', 'region_code', 'held_on', 'topic', 'kind', 'attendance', 'materials'])
    .where('region_code', '=', f.regionCode);
  if (f.year !== undefined)
    q = q.where('held_on', '>=', `${f.year}-01-01`).where('held_on', '<=', `${f.year}-12-31`);
  const rows = await q.orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    heldOn: r.held_on,
    topic: r.topic,
    kind: kindOf(r.kind),
    attendance: r.attendance,
    materials: r.materials,
  }));
}

export async function insertTraining(
  db: Executor,
  t: Omit<TrainingInput, 'region'> & { regionCode: string; at: string; by: number | null },
): Promise<number> {
  const r = await db
    .insertInto('trainings')
    .values({
      region_code: t.regionCode,
      held_on: t.heldOn,
      topic: t.topic,
      kind: t.kind,
      attendance: t.attendance,
      materials: t.materials,
      created_at: t.at,
      created_by: t.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Sessions and attendance per year (the first 4 characters of the date) and kind. */
export async function trainingCountsByYear(
  db: Executor,
  regionCode: string,
): Promise<{ year: number; kind: TrainingKind; sessions: number; attendance: number }[]> {
  const year = sql<string>`substr(held_on, 1, 4)`;
  const rows = await db
    .selectFrom('trainings')
    .select([
      year.as('year'),
      'kind',
      (eb) => eb.fn.countAll<number>().as('sessions'),
      (eb) => eb.fn.sum<number>('attendance').as('attendance'),
    ])
    .where('region_code', '=', regionCode)
    .groupBy([year, 'kind'])
    .orderBy(year)
    .execute();
  return rows.map((r) => ({
    year: Number(r.year),
    kind: kindOf(r.kind),
    sessions: Number(r.sessions),
    attendance: Number(r.attendance),
  }));
}

/** The county of a training record, or undefined when there is none. */
export async function trainingRegion(db: Executor, id: number): Promise<string | undefined> {
  const r = await db.selectFrom('trainings').select('region_code').where('id', '=', id).executeTakeFirst();
  return r?.region_code;
}
