// All SQL of reconciliation (数据比对): the people on the establishment of a county on a date,
// the state of listed people in the records, and the stored comparisons with their differences.
import type { Insertable } from 'kysely';
import type { ReconciliationItemTable } from '../database.ts';
import type { Executor } from './executor.ts';
import { isVisiblePerson } from './import-slices.ts';
import { isCurrentPlacement } from './people.ts';
import { currentPlaques, versionInForce } from './units.ts';

const CHUNK = 500;

export interface EstablishmentPerson {
  personId: number;
  idHash: string;
  idMasked: string;
  name: string;
  unitId: number;
  quotaType: string;
  status: string;
}

/**
 * The people on the establishment of the county's units on `date` (实有, domain.md §5): current
 * placement 在编 or 已出编, entered on or before the date and not left by then.
 */
export async function establishmentOn(
  db: Executor,
  regionCode: string,
  date: string,
): Promise<EstablishmentPerson[]> {
  const rows = await db
    .selectFrom('placements as p')
    .innerJoin('people as h', 'h.id', 'p.person_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['h.id', 'h.id_hash', 'h.id_masked', 'h.name', 'p.unit_id', 'p.quota_type', 'p.status'])
    .where(isCurrentPlacement)
    .where('u.region_code', '=', regionCode)
    .where('p.status', 'in', ['在编', '已出编'])
    .where('p.entered_on', '<=', date)
    .where((eb) => eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', date)]))
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({
    personId: r.id,
    idHash: r.id_hash,
    idMasked: r.id_masked,
    name: r.name,
    unitId: r.unit_id,
    quotaType: r.quota_type,
    status: r.status,
  }));
}

export interface RecordedPerson {
  personId: number;
  name: string;
  /** The current placement, if any, and the county of its unit. */
  unitId: number | null;
  regionCode: string | null;
  quotaType: string | null;
  status: string | null;
  enteredOn: string | null;
  leftOn: string | null;
}

/** People of the records (any county) by 身份证号 hash, with their current placement. */
export async function recordedPeopleByHash(
  db: Executor,
  hashes: string[],
): Promise<Map<string, RecordedPerson>> {
  const out = new Map<string, RecordedPerson>();
  const unique = [...new Set(hashes)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('people as h')
      .leftJoin('placements as p', (join) =>
        join.onRef('p.person_id', '=', 'h.id').on('p.is_current', '=', 1),
      )
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .select([
        'h.id',
        'h.id_hash',
        'h.name',
        'p.unit_id',
        'u.region_code',
        'p.quota_type',
        'p.status',
        'p.entered_on',
        'p.left_on',
      ])
      .where('h.id_hash', 'in', unique.slice(i, i + CHUNK))
      .where(isVisiblePerson('h.import_id'))
      .execute();
    for (const r of rows) {
      out.set(r.id_hash, {
        personId: r.id,
        name: r.name,
        unitId: r.unit_id,
        regionCode: r.region_code,
        quotaType: r.quota_type,
        status: r.status,
        enteredOn: r.entered_on,
        leftOn: r.left_on,
      });
    }
  }
  return out;
}

export interface UnitLabel {
  name: string;
  /** Short name and plaques (加挂牌子): other names a list may use. */
  aliases: string[];
}

/** Name (in force on `date`), short name and plaques of every unit of the county. */
export async function unitLabelsOn(
  db: Executor,
  regionCode: string,
  date: string,
): Promise<Map<number, UnitLabel>> {
  const rows = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.unit_id', 'v.name', 'v.short_name'])
    .where('u.region_code', '=', regionCode)
    .where('v.retracted_at', 'is', null)
    .where(versionInForce(date))
    .execute();
  const plaques = await currentPlaques(
    db,
    rows.map((r) => r.unit_id),
  );
  const out = new Map<number, UnitLabel>();
  for (const r of rows) {
    const aliases = [r.short_name, ...(plaques.get(r.unit_id) ?? []).map((p) => p.name)].filter(
      (n): n is string => n !== null && n !== '',
    );
    out.set(r.unit_id, { name: r.name, aliases });
  }
  return out;
}

// ---- stored comparisons ----

export interface ReconciliationRecord {
  id: number;
  regionCode: string;
  source: string;
  fileName: string;
  comparedOn: string;
  createdAt: string;
  createdBy: number | null;
  createdByName: string;
  /** JSON text, as stored. */
  counts: string;
}

export interface ReconciliationItemRecord {
  id: number;
  reconciliationId: number;
  kind: string;
  rowNumber: number | null;
  name: string;
  idMasked: string;
  listUnit: string | null;
  ledgerUnitId: number | null;
  listQuotaType: string | null;
  ledgerQuotaType: string | null;
  note: string | null;
}

export type NewReconciliationItem = Omit<Insertable<ReconciliationItemTable>, 'reconciliation_id'>;

export async function insertReconciliation(
  db: Executor,
  r: Omit<ReconciliationRecord, 'id'>,
): Promise<number> {
  const inserted = await db
    .insertInto('reconciliations')
    .values({
      region_code: r.regionCode,
      source: r.source,
      file_name: r.fileName,
      compared_on: r.comparedOn,
      created_at: r.createdAt,
      created_by: r.createdBy,
      created_by_name: r.createdByName,
      counts: r.counts,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertReconciliationItems(
  db: Executor,
  reconciliationId: number,
  items: NewReconciliationItem[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 200) {
    await db
      .insertInto('reconciliation_items')
      .values(items.slice(i, i + 200).map((item) => ({ ...item, reconciliation_id: reconciliationId })))
      .execute();
  }
}

function toRecord(r: {
  id: number;
  region_code: string;
  source: string;
  file_name: string;
  compared_on: string;
  created_at: string;
  created_by: number | null;
  created_by_name: string;
  counts: string;
}): ReconciliationRecord {
  return {
    id: r.id,
    regionCode: r.region_code,
    source: r.source,
    fileName: r.file_name,
    comparedOn: r.compared_on,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    counts: r.counts,
  };
}

export async function findReconciliation(
  db: Executor,
  id: number,
): Promise<ReconciliationRecord | undefined> {
  const r = await db.selectFrom('reconciliations').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toRecord(r);
}

/** The comparisons of the regions, newest first. */
export async function listReconciliations(
  db: Executor,
  f: { regionCodes: string[]; source: string | null; limit: number; offset: number },
): Promise<{ total: number; items: ReconciliationRecord[] }> {
  if (f.regionCodes.length === 0) return { total: 0, items: [] };
  let base = db.selectFrom('reconciliations').where('region_code', 'in', f.regionCodes);
  if (f.source !== null) base = base.where('source', '=', f.source);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll()
    .orderBy('compared_on', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total?.n ?? 0), items: rows.map(toRecord) };
}

/** The differences of one comparison in the order they were found, optionally of one kind. */
export async function listReconciliationItems(
  db: Executor,
  f: { reconciliationId: number; kind: string | null; limit: number; offset: number },
): Promise<{ total: number; items: ReconciliationItemRecord[] }> {
  let base = db.selectFrom('reconciliation_items').where('reconciliation_id', '=', f.reconciliationId);
  if (f.kind !== null) base = base.where('kind', '=', f.kind);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select([
      'id',
      'reconciliation_id',
      'kind',
      'row_number',
      'name',
      'id_masked',
      'list_unit',
      'ledger_unit_id',
      'list_quota_type',
      'ledger_quota_type',
      'note',
    ])
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      reconciliationId: r.reconciliation_id,
      kind: r.kind,
      rowNumber: r.row_number,
      name: r.name,
      idMasked: r.id_masked,
      listUnit: r.list_unit,
      ledgerUnitId: r.ledger_unit_id,
      listQuotaType: r.list_quota_type,
      ledgerQuotaType: r.ledger_quota_type,
      note: r.note,
    })),
  };
}
