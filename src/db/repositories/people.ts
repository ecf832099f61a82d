// All SQL of people and their placements (实名制). 身份证号 exists here only as ciphertext,
// a keyed hash and a masked form.
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../database.ts';
import { bulkInsert, bulkInsertColumns, sharedValue, type BulkTable } from './bulk.ts';
import type { Executor } from './executor.ts';
import { isVisiblePerson } from './import-slices.ts';
import { markReportsChangedForUnits } from './report-aggregates.ts';
import { versionInForce } from './units.ts';

export interface PlacementState {
  unitId: number;
  quotaType: string;
  status: string;
  channel: string | null;
  leadershipLevel: string;
  enteredOn: string | null;
  leftOn: string | null;
}

export interface PlacementRecord extends PlacementState {
  id: number;
  personId: number;
  recordedAt: string;
  retracted: boolean;
}

export interface PersonIdentity {
  id: number;
  idHash: string;
  idMasked: string;
  name: string;
  gender: string;
  birthDate: string;
}

/**
 * SQL condition: placement `p` is its person's current one. `is_current` is kept by
 * insertPlacements/retractPlacements so that lists need no correlated sub-query.
 */
export function isCurrentPlacement(eb: ExpressionBuilder<Database & { p: Database['placements'] }, 'p'>) {
  return eb('p.is_current', '=', 1);
}

export async function peopleByHash(
  db: Executor,
  hashes: string[],
): Promise<Map<string, PersonIdentity & { placement: PlacementRecord | null }>> {
  const out = new Map<string, PersonIdentity & { placement: PlacementRecord | null }>();
  if (hashes.length === 0) return out;
  const people = await db
    .selectFrom('people')
    .select(['id', 'id_hash', 'id_masked', 'name', 'gender', 'birth_date'])
    .where('id_hash', 'in', hashes)
    .where(isVisiblePerson('people.import_id'))
    .execute();
  if (people.length === 0) return out;
  const placements = await db
    .selectFrom('placements as p')
    .selectAll('p')
    .where(
      'p.person_id',
      'in',
      people.map((p) => p.id),
    )
    .where(isCurrentPlacement)
    .execute();
  const byPerson = new Map(placements.map((p) => [p.person_id, p]));
  for (const p of people) {
    const pl = byPerson.get(p.id);
    out.set(p.id_hash, {
      id: p.id,
      idHash: p.id_hash,
      idMasked: p.id_masked,
      name: p.name,
      gender: p.gender,
      birthDate: p.birth_date,
      placement: pl ? placementRecord(pl) : null,
    });
  }
  return out;
}

/**
 * The keyed hashes of recorded people after `afterId`, in id order, at most `limit` — every person,
 * visible or not (an import's filter of hashes worth looking up: a superset is what it needs).
 */
export async function peopleHashesAfter(
  db: Executor,
  afterId: number,
  limit: number,
): Promise<{ id: number; id_hash: string }[]> {
  return db
    .selectFrom('people')
    .select(['id', 'id_hash'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

function placementRecord(p: {
  id: number;
  person_id: number;
  unit_id: number;
  quota_type: string;
  status: string;
  channel: string | null;
  leadership_level: string;
  entered_on: string | null;
  left_on: string | null;
  recorded_at: string;
  retracted_at: string | null;
}): PlacementRecord {
  return {
    id: p.id,
    personId: p.person_id,
    unitId: p.unit_id,
    quotaType: p.quota_type,
    status: p.status,
    channel: p.channel,
    leadershipLevel: p.leadership_level,
    enteredOn: p.entered_on,
    leftOn: p.left_on,
    recordedAt: p.recorded_at,
    retracted: p.retracted_at !== null,
  };
}

const PEOPLE_COLUMNS = [
  ['id_hash', 'text'],
  ['id_cipher', 'text'],
  ['id_masked', 'text'],
  ['name', 'text'],
  ['gender', 'text'],
  ['birth_date', 'text'],
  ['created_at', 'text'],
] as const;
const PEOPLE: BulkTable = { table: 'people', columns: PEOPLE_COLUMNS };
/** People written by a slice of an import: invisible until the import is published. */
const SLICED_PEOPLE: BulkTable = { table: 'people', columns: [...PEOPLE_COLUMNS, ['import_id', 'integer']] };

/**
 * Inserts people (many rows per statement); returns each new id by keyed hash. With `importId`
 * (a slice of that import, repositories/import-slices.ts) they stay invisible until it is published,
 * written by insertSlicedPeople (the rows then share one time of recording).
 */
export async function insertPeople(
  db: Executor,
  rows: {
    idHash: string;
    idCipher: string;
    idMasked: string;
    name: string;
    gender: string;
    birthDate: string;
    at: string;
  }[],
  importId?: number,
): Promise<Map<string, number>> {
  if (importId !== undefined) {
    const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    return insertSlicedPeople(db, importId, sharedValue(rows, (r) => r.at, '登记时间') ?? '', {
      idHash: column('idHash'),
      idCipher: column('idCipher'),
      idMasked: column('idMasked'),
      name: column('name'),
      gender: column('gender'),
      birthDate: column('birthDate'),
    });
  }
  const inserted = await bulkInsert<{ id: number; id_hash: string }>(
    db,
    PEOPLE,
    rows.map((r) => [r.idHash, r.idCipher, r.idMasked, r.name, r.gender, r.birthDate, r.at]),
    ['id', 'id_hash'],
  );
  return new Map(inserted.map((r) => [r.id_hash, r.id]));
}

/** New people of an import's slice, column by column (index r of each array is one person). */
export interface SlicedPeopleColumns {
  idHash: string[];
  idCipher: string[];
  idMasked: string[];
  name: string[];
  gender: string[];
  birthDate: string[];
}

/**
 * insertPeople for a slice of import `importId`, the people given column by column (a slice
 * writes 10,000: no object or array per person on the way to the statement).
 */
export async function insertSlicedPeople(
  db: Executor,
  importId: number,
  at: string,
  c: SlicedPeopleColumns,
): Promise<Map<string, number>> {
  const n = c.idHash.length;
  const inserted = await bulkInsertColumns<{ id: number; id_hash: string }>(
    db,
    SLICED_PEOPLE,
    [
      c.idHash,
      c.idCipher,
      c.idMasked,
      c.name,
      c.gender,
      c.birthDate,
      new Array<string>(n).fill(at),
      new Array<number>(n).fill(importId),
    ],
    ['id', 'id_hash'],
  );
  const ids = new Map<string, number>();
  for (const r of inserted) ids.set(r.id_hash, r.id);
  return ids;
}

export async function renamePerson(db: Executor, personId: number, name: string): Promise<void> {
  await db.updateTable('people').set({ name }).where('id', '=', personId).execute();
}

const PLACEMENTS: BulkTable = {
  table: 'placements',
  columns: [
    ['person_id', 'integer'],
    ['unit_id', 'integer'],
    ['quota_type', 'text'],
    ['status', 'text'],
    ['channel', 'text'],
    ['leadership_level', 'text'],
    ['entered_on', 'text'],
    ['left_on', 'text'],
    ['recorded_at', 'text'],
    ['recorded_by', 'integer'],
    ['is_current', 'integer'],
  ],
};

/** Inserts current placements (many rows per statement). */
export async function insertPlacements(
  db: Executor,
  rows: (PlacementState & { personId: number; at: string; by: number | null })[],
): Promise<void> {
  await bulkInsert(
    db,
    PLACEMENTS,
    rows.map((r) => [
      r.personId,
      r.unitId,
      r.quotaType,
      r.status,
      r.channel,
      r.leadershipLevel,
      r.enteredOn,
      r.leftOn,
      r.at,
      r.by,
      1,
    ]),
  );
  await markReportsChangedForUnits(
    db,
    rows.map((r) => r.unitId),
  );
}

/** Retracts placements (a correction): they stay as history, no longer current. */
export async function retractPlacements(db: Executor, ids: number[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const units = await db
      .selectFrom('placements')
      .select('unit_id')
      .distinct()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    await markReportsChangedForUnits(
      db,
      units.map((u) => u.unit_id),
    );
    await db
      .updateTable('placements')
      .set({ retracted_at: at, is_current: 0 })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

export interface PeopleFilter {
  regionCodes: string[];
  unitIds: number[] | null;
  nameOrId: string | null;
  status: string | null;
  quotaTypes: string[] | null;
  limit: number;
  offset: number;
}

export interface PersonListItem extends PersonIdentity, PlacementState {
  unitCode: string;
}

/** The columns of a person row in a list (people `h`, placements `p`, units `u`). */
const PERSON_LIST_COLUMNS = [
  'h.id',
  'h.id_hash',
  'h.id_masked',
  'h.name',
  'h.gender',
  'h.birth_date',
  'p.unit_id',
  'u.code as unit_code',
  'p.quota_type',
  'p.status',
  'p.channel',
  'p.leadership_level',
  'p.entered_on',
  'p.left_on',
] as const;

function toPersonListItem(r: {
  id: number;
  id_hash: string;
  id_masked: string;
  name: string;
  gender: string;
  birth_date: string;
  unit_id: number;
  unit_code: string;
  quota_type: string;
  status: string;
  channel: string | null;
  leadership_level: string;
  entered_on: string | null;
  left_on: string | null;
}): PersonListItem {
  return {
    id: r.id,
    idHash: r.id_hash,
    idMasked: r.id_masked,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    quotaType: r.quota_type,
    status: r.status,
    channel: r.channel,
    leadershipLevel: r.leadership_level,
    enteredOn: r.entered_on,
    leftOn: r.left_on,
  };
}

function filteredPlacements(db: Executor, f: PeopleFilter) {
  let q = db
    .selectFrom('placements as p')
    .innerJoin('people as h', 'h.id', 'p.person_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where('u.region_code', 'in', f.regionCodes)
    .where(isCurrentPlacement);
  if (f.unitIds) q = q.where('p.unit_id', 'in', f.unitIds);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.quotaTypes) q = q.where('p.quota_type', 'in', f.quotaTypes);
  if (f.nameOrId) {
    const term = f.nameOrId;
    q = /^[0-9Xx]{1,4}$/.test(term)
      ? q.where('h.id_masked', 'like', `%${term.toUpperCase()}`)
      : q.where('h.name', 'like', `${term.replace(/[%_\\]/g, '')}%`);
  }
  return q;
}

/** The count needs the people table only when filtering on a person's name or number. */
async function countPlacements(db: Executor, f: PeopleFilter): Promise<number> {
  if (f.nameOrId) {
    const r = await filteredPlacements(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }
  let q = db
    .selectFrom('placements as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where('u.region_code', 'in', f.regionCodes)
    .where(isCurrentPlacement);
  if (f.unitIds) q = q.where('p.unit_id', 'in', f.unitIds);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.quotaTypes) q = q.where('p.quota_type', 'in', f.quotaTypes);
  const r = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listPeople(
  db: Executor,
  f: PeopleFilter,
): Promise<{ total: number; items: PersonListItem[] }> {
  const total = await countPlacements(db, f);
  const rows = await filteredPlacements(db, f)
    .select(PERSON_LIST_COLUMNS)
    // Units in the order they were recorded (the county's own order), people by id: both follow an index.
    .orderBy('p.unit_id')
    .orderBy('p.person_id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total,
    items: rows.map(toPersonListItem),
  };
}

export async function getPerson(
  db: Executor,
  personId: number,
): Promise<(PersonIdentity & { idCipher: string }) | undefined> {
  const r = await db
    .selectFrom('people')
    .selectAll()
    .where('id', '=', personId)
    .where(isVisiblePerson('people.import_id'))
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      idHash: r.id_hash,
      idCipher: r.id_cipher,
      idMasked: r.id_masked,
      name: r.name,
      gender: r.gender,
      birthDate: r.birth_date,
    }
  );
}

export async function placementsOf(db: Executor, personId: number): Promise<PlacementRecord[]> {
  const rows = await db
    .selectFrom('placements')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  return rows.map(placementRecord);
}

/** Per unit and quota type on `date`: 实有 (on the establishment) and 待入编 (pending) counts. */
export async function staffCountsOn(
  db: Executor,
  unitIds: number[],
  date: string,
): Promise<{ unitId: number; quotaType: string; actual: number; pending: number }[]> {
  const out: { unitId: number; quotaType: string; actual: number; pending: number }[] = [];
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db
      .selectFrom('placements as p')
      .select((eb) => [
        'p.unit_id',
        'p.quota_type',
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(
                eb.and([
                  eb('p.status', 'in', ['在编', '已出编']),
                  eb('p.entered_on', '<=', date),
                  eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', date)]),
                ]),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('actual'),
        eb.fn.sum<number>(eb.case().when('p.status', '=', '待入编').then(1).else(0).end()).as('pending'),
      ])
      .where('p.unit_id', 'in', unitIds.slice(i, i + 500))
      .where(isCurrentPlacement)
      .groupBy(['p.unit_id', 'p.quota_type'])
      .execute();
    for (const r of rows) {
      out.push({
        unitId: r.unit_id,
        quotaType: r.quota_type,
        actual: Number(r.actual),
        pending: Number(r.pending),
      });
    }
  }
  return out;
}

/** Per unit and level on `date`: people 在编 holding a leadership post. */
export async function leadersOn(
  db: Executor,
  unitIds: number[],
  date: string,
): Promise<{ unitId: number; level: string; filled: number }[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('placements as p')
    .select((eb) => ['p.unit_id', 'p.leadership_level', eb.fn.countAll<number>().as('n')])
    .where('p.unit_id', 'in', unitIds)
    .where('p.leadership_level', 'in', ['正科', '副科'])
    .where('p.status', 'in', ['在编', '已出编'])
    .where('p.entered_on', '<=', date)
    .where((eb) => eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', date)]))
    .where(isCurrentPlacement)
    .groupBy(['p.unit_id', 'p.leadership_level'])
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, level: r.leadership_level, filled: Number(r.n) }));
}

/** Current placement of every person in the regions, for export: streamed in id order. */
export async function* iteratePeopleForExport(
  db: Executor,
  regionCodes: string[],
  batch = 2000,
): AsyncGenerator<{ idCipher: string; name: string; regionCode: string; unitCode: string } & PlacementState> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('placements as p')
      .innerJoin('people as h', 'h.id', 'p.person_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select([
        'h.id as personId',
        'h.id_cipher',
        'h.name',
        'u.region_code',
        'u.code',
        'p.unit_id',
        'p.quota_type',
        'p.status',
        'p.channel',
        'p.leadership_level',
        'p.entered_on',
        'p.left_on',
      ])
      .where('u.region_code', 'in', regionCodes)
      .where(isCurrentPlacement)
      .where('h.id', '>', after)
      .orderBy('h.id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      yield {
        idCipher: r.id_cipher,
        name: r.name,
        regionCode: r.region_code,
        unitCode: r.code,
        unitId: r.unit_id,
        quotaType: r.quota_type,
        status: r.status,
        channel: r.channel,
        leadershipLevel: r.leadership_level,
        enteredOn: r.entered_on,
        leftOn: r.left_on,
      };
    }
    after = rows[rows.length - 1]?.personId ?? after;
  }
}

/**
 * Units that do not exist on `date` (not yet founded, or abolished) but still have people
 * counted on the establishment or waiting to enter: a data-quality finding. The units are
 * found first (per unit, not per person), then their people counted.
 */
export async function peopleInMissingUnits(
  db: Executor,
  regionCodes: string[],
  date: string,
  unitIds?: readonly number[],
): Promise<{ unitId: number; regionCode: string; unitCode: string; unitName: string; people: number }[]> {
  if (regionCodes.length === 0 || unitIds?.length === 0) return [];
  const missing = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.unit_id', 'u.region_code', 'u.code', 'v.name'])
    .where('u.region_code', 'in', regionCodes)
    .$if(unitIds !== undefined, (q) => q.where('u.id', 'in', [...(unitIds ?? [])]))
    .where('v.retracted_at', 'is', null)
    .where(versionInForce(date))
    .where((eb) => eb.or([eb('v.founded_on', '>', date), eb('v.abolished_on', '<=', date)]))
    .execute();
  if (missing.length === 0) return [];
  const names = new Map(missing.map((m) => [m.unit_id, m]));
  const out: { unitId: number; regionCode: string; unitCode: string; unitName: string; people: number }[] =
    [];
  const ids = [...names.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('placements as p')
      .select((eb) => ['p.unit_id', eb.fn.countAll<number>().as('n')])
      .where('p.unit_id', 'in', ids.slice(i, i + 500))
      .where(isCurrentPlacement)
      .where((eb) =>
        eb.or([
          eb('p.status', '=', '待入编'),
          eb.and([
            eb('p.status', 'in', ['在编', '已出编']),
            eb('p.entered_on', '<=', date),
            eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', date)]),
          ]),
        ]),
      )
      .groupBy('p.unit_id')
      .execute();
    for (const r of rows) {
      const m = names.get(r.unit_id);
      if (m)
        out.push({
          unitId: r.unit_id,
          regionCode: m.region_code,
          unitCode: m.code,
          unitName: m.name,
          people: Number(r.n),
        });
    }
  }
  return out;
}

export type StaffCondition = 'actual' | 'pending' | 'examPending';

/** The people behind a report figure: current placements in the units, of the types, meeting the condition. */
export async function listPeopleWhere(
  db: Executor,
  f: {
    unitIds: number[];
    quotaTypes: string[];
    condition: StaffCondition;
    date: string;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: PersonListItem[] }> {
  if (f.unitIds.length === 0) return { total: 0, items: [] };
  const base = db
    .selectFrom('placements as p')
    .innerJoin('people as h', 'h.id', 'p.person_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where(isCurrentPlacement)
    .where('p.unit_id', 'in', f.unitIds)
    .where('p.quota_type', 'in', f.quotaTypes)
    .where((eb) => {
      if (f.condition === 'actual') {
        return eb.and([
          eb('p.status', 'in', ['在编', '已出编']),
          eb('p.entered_on', '<=', f.date),
          eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', f.date)]),
        ]);
      }
      if (f.condition === 'examPending')
        return eb.and([eb('p.status', '=', '待入编'), eb('p.channel', 'in', ['考录', '招聘'])]);
      return eb('p.status', '=', '待入编');
    });
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select(PERSON_LIST_COLUMNS)
    .orderBy('p.unit_id')
    .orderBy('p.person_id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(total?.n ?? 0),
    items: rows.map(toPersonListItem),
  };
}

/** The current placement of each of the given people. */
export async function currentPlacementsOf(db: Executor, personIds: number[]): Promise<PlacementRecord[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('placements as p')
    .selectAll('p')
    .where('p.person_id', 'in', personIds)
    .where(isCurrentPlacement)
    .execute();
  return rows.map(placementRecord);
}

/**
 * A real change of a person's placement (上编, 下编, transfer): the current placement stays as
 * history, no longer current, and the new one becomes current.
 */
export async function supersedePlacement(
  db: Executor,
  currentId: number | null,
  next: PlacementState & { personId: number; at: string; by: number | null; matterId: number | null },
): Promise<void> {
  const changed = [next.unitId];
  if (currentId !== null) {
    const current = await db
      .selectFrom('placements')
      .select('unit_id')
      .where('id', '=', currentId)
      .executeTakeFirst();
    if (current) changed.push(current.unit_id);
    await db.updateTable('placements').set({ is_current: 0 }).where('id', '=', currentId).execute();
  }
  await markReportsChangedForUnits(db, changed);
  await db
    .insertInto('placements')
    .values({
      person_id: next.personId,
      unit_id: next.unitId,
      quota_type: next.quotaType,
      status: next.status,
      channel: next.channel,
      leadership_level: next.leadershipLevel,
      entered_on: next.enteredOn,
      left_on: next.leftOn,
      recorded_at: next.at,
      recorded_by: next.by,
      is_current: 1,
      matter_id: next.matterId,
    })
    .execute();
}
