// All SQL of units: identities, their dated versions (the unit's state over time) and plaques.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, NewUnitVersion, UnitVersionRow } from '../database.ts';
import { bulkInsert, type BulkTable } from './bulk.ts';
import type { Executor } from './executor.ts';
import { markReportsChangedForUnits } from './report-aggregates.ts';

export interface UnitState {
  name: string;
  shortName: string | null;
  parentUnitId: number | null;
  category: string;
  rank: string | null;
  affiliation: string | null;
  countsTowardDirectLimit: boolean | null;
  funding: string | null;
  type: string | null;
  sector: string | null;
  legalPerson: boolean | null;
  uscc: string | null;
  foundedOn: string | null;
  abolishedOn: string | null;
  /** 职责任务 and the 三定 document (文号, date); left out, a new version records none. */
  responsibilities?: string | null;
  sandingDocNo?: string | null;
  sandingDate?: string | null;
}

export interface UnitRecord extends UnitState {
  id: number;
  regionCode: string;
  code: string;
  versionId: number;
  validFrom: string;
  changeKind: string;
  docNo: string | null;
  recordedAt: string;
  retracted: boolean;
  matterId: number | null;
}

const toBool = (v: number | null): boolean | null => (v === null ? null : v === 1);
const fromBool = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);

function toRecord(v: UnitVersionRow, regionCode: string, code: string): UnitRecord {
  return {
    id: v.unit_id,
    regionCode,
    code,
    versionId: v.id,
    validFrom: v.valid_from,
    changeKind: v.change_kind,
    docNo: v.doc_no,
    recordedAt: v.recorded_at,
    retracted: v.retracted_at !== null,
    matterId: v.matter_id,
    name: v.name,
    shortName: v.short_name,
    parentUnitId: v.parent_unit_id,
    category: v.category,
    rank: v.rank,
    affiliation: v.affiliation,
    countsTowardDirectLimit: toBool(v.counts_toward_direct_limit),
    funding: v.funding,
    type: v.type,
    sector: v.sector,
    legalPerson: toBool(v.legal_person),
    uscc: v.uscc,
    foundedOn: v.founded_on,
    abolishedOn: v.abolished_on,
    responsibilities: v.responsibilities,
    sandingDocNo: v.sanding_doc_no,
    sandingDate: v.sanding_date,
  };
}

export function versionValues(
  unitId: number,
  state: UnitState,
  meta: {
    validFrom: string;
    changeKind: string;
    docNo: string | null;
    at: string;
    by: number | null;
    matterId?: number | null;
  },
): NewUnitVersion {
  return {
    matter_id: meta.matterId ?? null,
    unit_id: unitId,
    valid_from: meta.validFrom,
    change_kind: meta.changeKind,
    doc_no: meta.docNo,
    name: state.name,
    short_name: state.shortName,
    parent_unit_id: state.parentUnitId,
    category: state.category,
    rank: state.rank,
    affiliation: state.affiliation,
    counts_toward_direct_limit: fromBool(state.countsTowardDirectLimit),
    funding: state.funding,
    type: state.type,
    sector: state.sector,
    legal_person: fromBool(state.legalPerson),
    uscc: state.uscc,
    founded_on: state.foundedOn,
    abolished_on: state.abolishedOn,
    responsibilities: state.responsibilities ?? null,
    sanding_doc_no: state.sandingDocNo ?? null,
    sanding_date: state.sandingDate ?? null,
    recorded_at: meta.at,
    recorded_by: meta.by,
  };
}

/**
 * The version of each unit in force on `date`: the latest one starting on or before it, or,
 * for a date before the unit's first version, that first version.
 */
export function versionInForce(date: string) {
  return (eb: ExpressionBuilder<Database & { v: Database['unit_versions'] }, 'v'>) =>
    eb(
      'v.id',
      '=',
      eb
        .selectFrom('unit_versions as w')
        .select('w.id')
        .whereRef('w.unit_id', '=', 'v.unit_id')
        .where('w.retracted_at', 'is', null)
        .orderBy(sql`case when w.valid_from <= ${date} then 0 else 1 end`)
        .orderBy(sql`case when w.valid_from <= ${date} then w.valid_from else '' end`, 'desc')
        .orderBy('w.valid_from')
        .orderBy('w.id', 'desc')
        .limit(1),
    );
}

/** SQL condition: the unit (version `v`) exists on `date`. */
export function existsOn(date: string) {
  return (eb: ExpressionBuilder<Database & { v: Database['unit_versions'] }, 'v'>) =>
    eb.and([
      eb.or([eb('v.founded_on', 'is', null), eb('v.founded_on', '<=', date)]),
      eb.or([eb('v.abolished_on', 'is', null), eb('v.abolished_on', '>', date)]),
    ]);
}

export async function unitIdsByCode(db: Executor, regionCodes: string[]): Promise<Map<string, number>> {
  if (regionCodes.length === 0) return new Map();
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code', 'region_code'])
    .where('region_code', 'in', regionCodes)
    .execute();
  return new Map(rows.map((r) => [`${r.region_code}/${r.code}`, r.id]));
}

export async function insertUnit(
  db: Executor,
  u: { regionCode: string; code: string; at: string },
): Promise<number> {
  const r = await db
    .insertInto('units')
    .values({ region_code: u.regionCode, code: u.code, created_at: u.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await markReportsChangedForUnits(db, [r.id]);
  return r.id;
}

const UNITS: BulkTable = {
  table: 'units',
  columns: [
    ['region_code', 'text'],
    ['code', 'text'],
    ['created_at', 'text'],
  ],
};

/** Inserts many unit identities at once (an import's new units); returns each with its new id. */
export async function insertUnits(
  db: Executor,
  rows: { regionCode: string; code: string; at: string }[],
): Promise<{ id: number; regionCode: string; code: string }[]> {
  const inserted = await bulkInsert<{ id: number; region_code: string; code: string }>(
    db,
    UNITS,
    rows.map((u) => [u.regionCode, u.code, u.at]),
    ['id', 'region_code', 'code'],
  );
  return inserted.map((r) => ({ id: r.id, regionCode: r.region_code, code: r.code }));
}

export async function insertVersion(db: Executor, v: NewUnitVersion): Promise<number> {
  const r = await db.insertInto('unit_versions').values(v).returning('id').executeTakeFirstOrThrow();
  await markReportsChangedForUnits(db, [v.unit_id]);
  return r.id;
}

export async function retractVersion(db: Executor, versionId: number, at: string): Promise<void> {
  const v = await db
    .selectFrom('unit_versions')
    .select('unit_id')
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (v) await markReportsChangedForUnits(db, [v.unit_id]);
  await db.updateTable('unit_versions').set({ retracted_at: at }).where('id', '=', versionId).execute();
}

/** The latest recorded state of every unit in the regions (for import comparison and export). */
export async function latestVersions(db: Executor, regionCodes: string[]): Promise<UnitRecord[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .selectAll('v')
    .select(['u.region_code as regionCode', 'u.code as unitCode'])
    .where('u.region_code', 'in', regionCodes)
    .where('v.retracted_at', 'is', null)
    .where((eb) =>
      eb(
        'v.id',
        '=',
        eb
          .selectFrom('unit_versions as w')
          .select('w.id')
          .whereRef('w.unit_id', '=', 'v.unit_id')
          .where('w.retracted_at', 'is', null)
          .orderBy('w.valid_from', 'desc')
          .orderBy('w.id', 'desc')
          .limit(1),
      ),
    )
    .orderBy('u.region_code')
    .orderBy('u.code')
    .execute();
  return rows.map((r) => toRecord(r, r.regionCode, r.unitCode));
}

export async function unitsAsOf(db: Executor, regionCodes: string[], date: string): Promise<UnitRecord[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .selectAll('v')
    .select(['u.region_code as regionCode', 'u.code as unitCode'])
    .where('u.region_code', 'in', regionCodes)
    .where('v.retracted_at', 'is', null)
    .where(versionInForce(date))
    .orderBy('u.code')
    .execute();
  return rows.map((r) => toRecord(r, r.regionCode, r.unitCode));
}

/** Names (and codes) of the given units as of a date: for labelling a page of rows. */
export async function unitNamesAsOf(
  db: Executor,
  unitIds: number[],
  date: string,
): Promise<Map<number, { code: string; name: string }>> {
  const out = new Map<number, { code: string; name: string }>();
  const ids = [...new Set(unitIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('unit_versions as v')
      .innerJoin('units as u', 'u.id', 'v.unit_id')
      .select(['v.unit_id', 'u.code', 'v.name'])
      .where('v.unit_id', 'in', ids.slice(i, i + 500))
      .where('v.retracted_at', 'is', null)
      .where(versionInForce(date))
      .execute();
    for (const r of rows) out.set(r.unit_id, { code: r.code, name: r.name });
  }
  return out;
}

export async function unitAsOf(db: Executor, unitId: number, date: string): Promise<UnitRecord | undefined> {
  const r = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .selectAll('v')
    .select(['u.region_code as regionCode', 'u.code as unitCode'])
    .where('v.unit_id', '=', unitId)
    .where('v.retracted_at', 'is', null)
    .where(versionInForce(date))
    .executeTakeFirst();
  return r && toRecord(r, r.regionCode, r.unitCode);
}

export async function unitRegion(
  db: Executor,
  unitId: number,
): Promise<{ regionCode: string; code: string } | undefined> {
  const r = await db
    .selectFrom('units')
    .select(['region_code', 'code'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  return r && { regionCode: r.region_code, code: r.code };
}

/** The region of each of the given units (unknown ids are absent). */
export async function unitRegions(db: Executor, unitIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db
      .selectFrom('units')
      .select(['id', 'region_code'])
      .where('id', 'in', unitIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.region_code);
  }
  return out;
}

/** Every version ever recorded for a unit, corrections included, oldest first. */
export async function unitVersions(db: Executor, unitId: number): Promise<UnitRecord[]> {
  const rows = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .selectAll('v')
    .select(['u.region_code as regionCode', 'u.code as unitCode'])
    .where('v.unit_id', '=', unitId)
    .orderBy('v.valid_from')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => toRecord(r, r.regionCode, r.unitCode));
}

/** The unit and every unit below it (by the latest recorded parent links). */
export async function subtreeUnitIds(db: Executor, rootId: number): Promise<number[]> {
  const region = await unitRegion(db, rootId);
  if (!region) return [];
  const all = await latestVersions(db, [region.regionCode]);
  const children = new Map<number, number[]>();
  for (const u of all) {
    if (u.parentUnitId === null) continue;
    const list = children.get(u.parentUnitId) ?? [];
    list.push(u.id);
    children.set(u.parentUnitId, list);
  }
  const out: number[] = [];
  const stack = [rootId];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

// ---- plaques ----
export interface PlaqueRecord {
  id: number;
  unitId: number;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}

export async function currentPlaques(db: Executor, unitIds: number[]): Promise<Map<number, PlaqueRecord[]>> {
  const out = new Map<number, PlaqueRecord[]>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db
      .selectFrom('plaques')
      .select(['id', 'unit_id', 'name', 'valid_from', 'valid_to'])
      .where('unit_id', 'in', unitIds.slice(i, i + 500))
      .where('retracted_at', 'is', null)
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.unit_id) ?? [];
      list.push({ id: r.id, unitId: r.unit_id, name: r.name, validFrom: r.valid_from, validTo: r.valid_to });
      out.set(r.unit_id, list);
    }
  }
  return out;
}

export async function insertPlaque(
  db: Executor,
  p: {
    unitId: number;
    name: string;
    validFrom: string | null;
    at: string;
    docNo?: string | null;
    matterId?: number | null;
  },
): Promise<void> {
  await db
    .insertInto('plaques')
    .values({
      unit_id: p.unitId,
      name: p.name,
      valid_from: p.validFrom,
      valid_to: null,
      doc_no: p.docNo ?? null,
      recorded_at: p.at,
      matter_id: p.matterId ?? null,
    })
    .execute();
}

export async function retractPlaque(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('plaques').set({ retracted_at: at }).where('id', '=', id).execute();
}

/** Every plaque row of a unit, corrections included. */
export async function plaqueHistory(
  db: Executor,
  unitId: number,
): Promise<
  {
    name: string;
    validFrom: string | null;
    docNo: string | null;
    matterId: number | null;
    retracted: boolean;
  }[]
> {
  const rows = await db
    .selectFrom('plaques')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    validFrom: r.valid_from,
    docNo: r.doc_no,
    matterId: r.matter_id,
    retracted: r.retracted_at !== null,
  }));
}
