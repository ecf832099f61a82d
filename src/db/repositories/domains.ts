// All SQL of the 中文域名 register: names, their operations, and the change list produced by
// implemented matters.
import type { Selectable } from 'kysely';
import type { DomainChangeItemTable, DomainNameTable } from '../registration-tables.ts';
import type { DomainState } from '../../common/registration.ts';
import type { Executor } from './executor.ts';

export interface DomainRecord {
  id: number;
  regionCode: string;
  unitId: number;
  name: string;
  suffix: string;
  state: DomainState;
  registeredOn: string;
  expiresOn: string;
  annualFee: string | null;
  version: number;
}

const toDomain = (r: Selectable<DomainNameTable>): DomainRecord => ({
  id: r.id,
  regionCode: r.region_code,
  unitId: r.unit_id,
  name: r.name,
  suffix: r.suffix,
  state: r.state as DomainState,
  registeredOn: r.registered_on,
  expiresOn: r.expires_on,
  annualFee: r.annual_fee,
  version: r.version,
});

export async function insertDomain(
  db: Executor,
  d: Omit<DomainRecord, 'id' | 'version'> & { at: string },
): Promise<number> {
  const row = await db
    .insertInto('domain_names')
    .values({
      region_code: d.regionCode,
      unit_id: d.unitId,
      name: d.name,
      suffix: d.suffix,
      state: d.state,
      registered_on: d.registeredOn,
      expires_on: d.expiresOn,
      annual_fee: d.annualFee,
      updated_at: d.at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getDomain(db: Executor, id: number): Promise<DomainRecord | undefined> {
  const r = await db.selectFrom('domain_names').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toDomain(r) : undefined;
}

export async function domainByName(db: Executor, name: string): Promise<DomainRecord | undefined> {
  const r = await db.selectFrom('domain_names').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? toDomain(r) : undefined;
}

export async function updateDomain(
  db: Executor,
  id: number,
  version: number,
  patch: {
    name?: string;
    suffix?: string;
    state?: string;
    expires_on?: string;
    unit_id?: number;
    updated_at: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('domain_names')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listDomains(
  db: Executor,
  f: { regionCodes: string[]; unitIds?: number[]; expiringBy?: string; includeDeleted?: boolean },
): Promise<DomainRecord[]> {
  let q = db.selectFrom('domain_names').selectAll().where('region_code', 'in', f.regionCodes);
  if (f.unitIds) q = f.unitIds.length === 0 ? q.where('id', '=', -1) : q.where('unit_id', 'in', f.unitIds);
  if (!f.includeDeleted) q = q.where('state', '<>', '删除');
  if (f.expiringBy) q = q.where('expires_on', '<=', f.expiringBy);
  const rows = await q.orderBy('expires_on').orderBy('name').execute();
  return rows.map(toDomain);
}

export async function insertDomainOperation(
  db: Executor,
  o: {
    domainId: number;
    operation: string;
    fromState: string | null;
    toState: string;
    onDate: string;
    note: string;
    actorId: number | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('domain_operations')
    .values({
      domain_id: o.domainId,
      operation: o.operation,
      from_state: o.fromState,
      to_state: o.toState,
      on_date: o.onDate,
      note: o.note,
      actor_id: o.actorId,
      at: o.at,
    })
    .execute();
}

export async function domainOperations(
  db: Executor,
  domainId: number,
): Promise<{ operation: string; fromState: string | null; toState: string; onDate: string; note: string }[]> {
  const rows = await db
    .selectFrom('domain_operations')
    .selectAll()
    .where('domain_id', '=', domainId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    operation: r.operation,
    fromState: r.from_state,
    toState: r.to_state,
    onDate: r.on_date,
    note: r.note,
  }));
}

// ---- the change list ----

export interface DomainChangeItem {
  id: number;
  regionCode: string;
  unitId: number;
  domainId: number;
  matterId: number;
  reason: string;
  required: string;
  openedOn: string;
  resolvedOn: string | null;
  resolution: string | null;
}

const toItem = (r: Selectable<DomainChangeItemTable>): DomainChangeItem => ({
  id: r.id,
  regionCode: r.region_code,
  unitId: r.unit_id,
  domainId: r.domain_id,
  matterId: r.matter_id,
  reason: r.reason,
  required: r.required,
  openedOn: r.opened_on,
  resolvedOn: r.resolved_on,
  resolution: r.resolution,
});

export async function insertChangeItem(
  db: Executor,
  i: Omit<DomainChangeItem, 'id' | 'resolvedOn' | 'resolution'>,
): Promise<void> {
  await db
    .insertInto('domain_change_items')
    .values({
      region_code: i.regionCode,
      unit_id: i.unitId,
      domain_id: i.domainId,
      matter_id: i.matterId,
      reason: i.reason,
      required: i.required,
      opened_on: i.openedOn,
      resolved_on: null,
      resolution: null,
    })
    .execute();
}

export async function listChangeItems(
  db: Executor,
  f: { regionCodes: string[]; openOnly?: boolean; domainId?: number; from?: string; to?: string },
): Promise<DomainChangeItem[]> {
  let q = db.selectFrom('domain_change_items').selectAll().where('region_code', 'in', f.regionCodes);
  if (f.openOnly) q = q.where('resolved_on', 'is', null);
  if (f.domainId !== undefined) q = q.where('domain_id', '=', f.domainId);
  if (f.from) q = q.where('opened_on', '>=', f.from);
  if (f.to) q = q.where('opened_on', '<=', f.to);
  const rows = await q.orderBy('opened_on').orderBy('id').execute();
  return rows.map(toItem);
}

export async function resolveChangeItems(
  db: Executor,
  domainId: number,
  on: string,
  resolution: string,
): Promise<number> {
  const r = await db
    .updateTable('domain_change_items')
    .set({ resolved_on: on, resolution })
    .where('domain_id', '=', domainId)
    .where('resolved_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Names on the register on a date: registered by then and not deleted (工作统计). */
export async function domainsOnRegister(db: Executor, regionCodes: string[], date: string): Promise<number> {
  const r = await db
    .selectFrom('domain_names')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_code', 'in', regionCodes)
    .where('registered_on', '<=', date)
    .where('state', '<>', '删除')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
