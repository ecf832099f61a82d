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

export interface UnitVersionForExport {
  unitId: number;
  unitCode: string;
  validFrom: string;
  docNo: string | null;
  changeKind: string;
  name: string;
  parentUnitId: number | null;
  category: string;
  rank: string | null;
  affiliation: string | null;
  funding: string | null;
  type: string | null;
  sector: string | null;
}

/**
 * Every version of the county's units that was in force at some time (not retracted, and not
 * followed by a later-recorded version of the same day), by unit code and date: the 机构沿革 sheet.
 */
export async function unitVersionsForExport(
  db: Executor,
  regionCode: string,
): Promise<UnitVersionForExport[]> {
  const rows = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select([
      'v.id',
      'v.unit_id',
      'u.code',
      'v.valid_from',
      'v.doc_no',
      'v.change_kind',
      'v.name',
      'v.parent_unit_id',
      'v.category',
      'v.rank',
      'v.affiliation',
      'v.funding',
      'v.type',
      'v.sector',
    ])
    .where('u.region_code', '=', regionCode)
    .where('v.retracted_at', 'is', null)
    .orderBy('u.code')
    .orderBy('v.valid_from')
    .orderBy('v.id')
    .execute();
  const inForce = new Map<string, (typeof rows)[number]>();
  for (const r of rows) inForce.set(`${r.unit_id}|${r.valid_from}`, r);
  return [...inForce.values()].map((r) => ({
    unitId: r.unit_id,
    unitCode: r.code,
    validFrom: r.valid_from,
    docNo: r.doc_no,
    changeKind: r.change_kind,
    name: r.name,
    parentUnitId: r.parent_unit_id,
    category: r.category,
    rank: r.rank,
    affiliation: r.affiliation,
    funding: r.funding,
    type: r.type,
    sector: r.sector,
  }));
}
