// All SQL of quotas (编制) and leadership posts (领导职数): effective-dated rows per
// (unit, type, source) and (unit, level); a correction retracts a row and adds its successor.
import type { Executor } from './executor.ts';
import { markReportsChangedForUnits } from './report-aggregates.ts';

export interface QuotaRecord {
  id: number;
  unitId: number;
  quotaType: string;
  source: string;
  approved: number;
  effectiveFrom: string;
  docNo: string | null;
  recordedAt: string;
  retracted: boolean;
  matterId: number | null;
}

export interface PostRecord {
  id: number;
  unitId: number;
  level: string;
  approved: number;
  effectiveFrom: string;
  docNo: string | null;
  recordedAt: string;
  retracted: boolean;
  matterId: number | null;
}

export async function activeQuotaRows(db: Executor, unitIds: number[]): Promise<QuotaRecord[]> {
  const out: QuotaRecord[] = [];
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db
      .selectFrom('quotas')
      .selectAll()
      .where('unit_id', 'in', unitIds.slice(i, i + 500))
      .where('retracted_at', 'is', null)
      .orderBy('unit_id')
      .orderBy('quota_type')
      .orderBy('source')
      .orderBy('effective_from')
      .execute();
    for (const r of rows) out.push(quotaRecord(r));
  }
  return out;
}

function quotaRecord(r: {
  id: number;
  unit_id: number;
  quota_type: string;
  source: string;
  approved: number;
  effective_from: string;
  doc_no: string | null;
  recorded_at: string;
  retracted_at: string | null;
  matter_id: number | null;
}): QuotaRecord {
  return {
    id: r.id,
    unitId: r.unit_id,
    quotaType: r.quota_type,
    source: r.source,
    approved: r.approved,
    effectiveFrom: r.effective_from,
    docNo: r.doc_no,
    recordedAt: r.recorded_at,
    retracted: r.retracted_at !== null,
    matterId: r.matter_id,
  };
}

/** Every quota row of a unit, corrections included. */
export async function quotaHistory(db: Executor, unitId: number): Promise<QuotaRecord[]> {
  const rows = await db
    .selectFrom('quotas')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
  return rows.map(quotaRecord);
}

export async function insertQuota(
  db: Executor,
  q: {
    unitId: number;
    quotaType: string;
    source: string;
    approved: number;
    effectiveFrom: string;
    docNo: string | null;
    at: string;
    by: number | null;
    matterId?: number | null;
  },
): Promise<number> {
  const r = await db
    .insertInto('quotas')
    .values({
      unit_id: q.unitId,
      quota_type: q.quotaType,
      source: q.source,
      approved: q.approved,
      effective_from: q.effectiveFrom,
      doc_no: q.docNo,
      recorded_at: q.at,
      recorded_by: q.by,
      matter_id: q.matterId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await markReportsChangedForUnits(db, [q.unitId]);
  return r.id;
}

export async function retractQuota(db: Executor, id: number, at: string): Promise<void> {
  const row = await db.selectFrom('quotas').select('unit_id').where('id', '=', id).executeTakeFirst();
  if (row) await markReportsChangedForUnits(db, [row.unit_id]);
  await db.updateTable('quotas').set({ retracted_at: at }).where('id', '=', id).execute();
}

// ---- leadership posts ----
function postRecord(r: {
  id: number;
  unit_id: number;
  level: string;
  approved: number;
  effective_from: string;
  doc_no: string | null;
  recorded_at: string;
  retracted_at: string | null;
  matter_id: number | null;
}): PostRecord {
  return {
    id: r.id,
    unitId: r.unit_id,
    level: r.level,
    approved: r.approved,
    effectiveFrom: r.effective_from,
    docNo: r.doc_no,
    recordedAt: r.recorded_at,
    retracted: r.retracted_at !== null,
    matterId: r.matter_id,
  };
}

export async function activePostRows(db: Executor, unitIds: number[]): Promise<PostRecord[]> {
  const out: PostRecord[] = [];
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db
      .selectFrom('leadership_posts')
      .selectAll()
      .where('unit_id', 'in', unitIds.slice(i, i + 500))
      .where('retracted_at', 'is', null)
      .orderBy('unit_id')
      .orderBy('level')
      .orderBy('effective_from')
      .execute();
    for (const r of rows) out.push(postRecord(r));
  }
  return out;
}

export async function postHistory(db: Executor, unitId: number): Promise<PostRecord[]> {
  const rows = await db
    .selectFrom('leadership_posts')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
  return rows.map(postRecord);
}

export async function insertPost(
  db: Executor,
  p: {
    unitId: number;
    level: string;
    approved: number;
    effectiveFrom: string;
    docNo: string | null;
    at: string;
    by: number | null;
    matterId?: number | null;
  },
): Promise<number> {
  const r = await db
    .insertInto('leadership_posts')
    .values({
      unit_id: p.unitId,
      level: p.level,
      approved: p.approved,
      effective_from: p.effectiveFrom,
      doc_no: p.docNo,
      recorded_at: p.at,
      recorded_by: p.by,
      matter_id: p.matterId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await markReportsChangedForUnits(db, [p.unitId]);
  return r.id;
}

export async function retractPost(db: Executor, id: number, at: string): Promise<void> {
  const row = await db
    .selectFrom('leadership_posts')
    .select('unit_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (row) await markReportsChangedForUnits(db, [row.unit_id]);
  await db.updateTable('leadership_posts').set({ retracted_at: at }).where('id', '=', id).execute();
}
