// All SQL of the history from before the system: past matters (历史事项), read by 沿革 and
// 工作统计, written by the import.
import type { Executor } from './executor.ts';

export interface HistoryMatterRecord {
  id: number;
  regionCode: string;
  docNo: string;
  effectiveOn: string;
  unitId: number | null;
  unitName: string;
  kind: string;
  quotaType: string | null;
  amount: number;
  channel: string | null;
  note: string | null;
  retracted: boolean;
}

type Row = {
  id: number;
  region_code: string;
  doc_no: string;
  effective_on: string;
  unit_id: number | null;
  unit_name: string;
  kind: string;
  quota_type: string | null;
  amount: number;
  channel: string | null;
  note: string | null;
  retracted_at: string | null;
};

const toRecord = (r: Row): HistoryMatterRecord => ({
  id: r.id,
  regionCode: r.region_code,
  docNo: r.doc_no,
  effectiveOn: r.effective_on,
  unitId: r.unit_id,
  unitName: r.unit_name,
  kind: r.kind,
  quotaType: r.quota_type,
  amount: r.amount,
  channel: r.channel,
  note: r.note,
  retracted: r.retracted_at !== null,
});

/** The row in force with this key (region, 文号, unit, kind, quota type), if any. */
export async function findHistoryMatter(
  db: Executor,
  key: { regionCode: string; docNo: string; unitId: number | null; kind: string; quotaType: string | null },
): Promise<HistoryMatterRecord | null> {
  let q = db
    .selectFrom('history_matters')
    .selectAll()
    .where('region_code', '=', key.regionCode)
    .where('doc_no', '=', key.docNo)
    .where('kind', '=', key.kind)
    .where('retracted_at', 'is', null);
  q = key.unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', key.unitId);
  q = key.quotaType === null ? q.where('quota_type', 'is', null) : q.where('quota_type', '=', key.quotaType);
  const r = await q.executeTakeFirst();
  return r ? toRecord(r) : null;
}

export async function insertHistoryMatter(
  db: Executor,
  m: Omit<HistoryMatterRecord, 'id' | 'retracted'> & { at: string },
): Promise<number> {
  const r = await db
    .insertInto('history_matters')
    .values({
      region_code: m.regionCode,
      doc_no: m.docNo,
      effective_on: m.effectiveOn,
      unit_id: m.unitId,
      unit_name: m.unitName,
      kind: m.kind,
      quota_type: m.quotaType,
      amount: m.amount,
      channel: m.channel,
      note: m.note,
      recorded_at: m.at,
      retracted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function retractHistoryMatter(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('history_matters').set({ retracted_at: at }).where('id', '=', id).execute();
}

/** A unit's past matters, for 沿革 (retracted ones included, shown as such). */
export async function unitHistoryMatters(db: Executor, unitId: number): Promise<HistoryMatterRecord[]> {
  const rows = await db
    .selectFrom('history_matters')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('effective_on')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** The past matters of the regions dated within [from, to], in force. */
export async function historyMattersWithin(
  db: Executor,
  opts: { regionCodes: string[]; from: string; to: string },
): Promise<HistoryMatterRecord[]> {
  if (opts.regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('history_matters')
    .selectAll()
    .where('region_code', 'in', opts.regionCodes)
    .where('retracted_at', 'is', null)
    .where('effective_on', '>=', opts.from)
    .where('effective_on', '<=', opts.to)
    .orderBy('effective_on')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** The past matters of a county in force, with their unit's code, for the exchange export. */
export async function historyMattersForExport(
  db: Executor,
  regionCode: string,
): Promise<(HistoryMatterRecord & { unitCode: string | null })[]> {
  const rows = await db
    .selectFrom('history_matters as h')
    .leftJoin('units as u', 'u.id', 'h.unit_id')
    .selectAll('h')
    .select('u.code as unit_code')
    .where('h.region_code', '=', regionCode)
    .where('h.retracted_at', 'is', null)
    .orderBy('h.effective_on')
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({ ...toRecord(r), unitCode: r.unit_code }));
}
