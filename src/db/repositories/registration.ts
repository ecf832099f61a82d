// All SQL of 事业单位登记管理: registration records and their history, certificates,
// applications with their steps, and the issued 统一社会信用代码.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  RegistrationApplicationTable,
  RegistrationCertificateTable,
  RegistrationTable,
} from '../registration-tables.ts';
import type { ApplicationKind, ApplicationState, RegistrationState } from '../../common/registration.ts';
import type { Executor } from './executor.ts';

export interface RegistrationParticulars {
  name: string;
  otherNames: string[];
  purpose: string;
  address: string;
  legalRep: string;
  capital: string;
  fundingSource: string;
  sponsor: string;
  sponsorUnitId: number | null;
}

export interface RegistrationRecord extends RegistrationParticulars {
  id: number;
  regionCode: string;
  unitId: number;
  state: RegistrationState;
  uscc: string | null;
  certificateNo: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  registeredOn: string;
  cancelledOn: string | null;
  version: number;
}

function parseList(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function toRecord(r: Selectable<RegistrationTable>): RegistrationRecord {
  return {
    id: r.id,
    regionCode: r.region_code,
    unitId: r.unit_id,
    state: r.state as RegistrationState,
    name: r.name,
    otherNames: parseList(r.other_names),
    purpose: r.purpose,
    address: r.address,
    legalRep: r.legal_rep,
    capital: r.capital,
    fundingSource: r.funding_source,
    sponsor: r.sponsor,
    sponsorUnitId: r.sponsor_unit_id,
    uscc: r.uscc,
    certificateNo: r.certificate_no,
    issuedOn: r.issued_on,
    validUntil: r.valid_until,
    registeredOn: r.registered_on,
    cancelledOn: r.cancelled_on,
    version: r.version,
  };
}

export function particularsColumns(p: RegistrationParticulars) {
  return {
    name: p.name,
    other_names: JSON.stringify(p.otherNames),
    purpose: p.purpose,
    address: p.address,
    legal_rep: p.legalRep,
    capital: p.capital,
    funding_source: p.fundingSource,
    sponsor: p.sponsor,
    sponsor_unit_id: p.sponsorUnitId,
  };
}

export async function insertRegistration(
  db: Executor,
  r: RegistrationParticulars & {
    regionCode: string;
    unitId: number;
    state: RegistrationState;
    uscc: string | null;
    registeredOn: string;
    at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('registrations')
    .values({
      region_code: r.regionCode,
      unit_id: r.unitId,
      state: r.state,
      ...particularsColumns(r),
      uscc: r.uscc,
      certificate_no: null,
      issued_on: null,
      valid_until: null,
      registered_on: r.registeredOn,
      cancelled_on: null,
      updated_at: r.at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getRegistration(db: Executor, id: number): Promise<RegistrationRecord | undefined> {
  const r = await db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function registrationOfUnit(
  db: Executor,
  unitId: number,
): Promise<RegistrationRecord | undefined> {
  const r = await db.selectFrom('registrations').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function registrationsByUscc(db: Executor, usccs: string[]): Promise<RegistrationRecord[]> {
  if (usccs.length === 0) return [];
  const rows = await db.selectFrom('registrations').selectAll().where('uscc', 'in', usccs).execute();
  return rows.map(toRecord);
}

/** Updates the record when its version is still `version`; false when someone changed it first. */
export async function updateRegistration(
  db: Executor,
  id: number,
  version: number,
  patch: Updateable<RegistrationTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('registrations')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listRegistrations(
  db: Executor,
  f: { regionCodes: string[]; state?: RegistrationState; query?: string; unitIds?: number[] },
): Promise<RegistrationRecord[]> {
  let q = db.selectFrom('registrations').selectAll().where('region_code', 'in', f.regionCodes);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.unitIds) q = f.unitIds.length === 0 ? q.where('id', '=', -1) : q.where('unit_id', 'in', f.unitIds);
  if (f.query) {
    const like = `%${f.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('uscc', '=', f.query?.toUpperCase() ?? '')]));
  }
  const rows = await q.orderBy('uscc').orderBy('id').execute();
  return rows.map(toRecord);
}

export async function insertHistory(
  db: Executor,
  h: { registrationId: number; applicationId: number | null; kind: string; snapshot: unknown; at: string },
): Promise<void> {
  await db
    .insertInto('registration_history')
    .values({
      registration_id: h.registrationId,
      application_id: h.applicationId,
      kind: h.kind,
      snapshot: JSON.stringify(h.snapshot),
      at: h.at,
    })
    .execute();
}

export async function historyOf(
  db: Executor,
  registrationId: number,
): Promise<{ kind: string; at: string; snapshot: unknown }[]> {
  const rows = await db
    .selectFrom('registration_history')
    .select(['kind', 'at', 'snapshot'])
    .where('registration_id', '=', registrationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ kind: r.kind, at: r.at, snapshot: JSON.parse(r.snapshot) as unknown }));
}

// ---- certificates ----

export interface CertificateRecord {
  id: number;
  registrationId: number;
  certificateNo: string;
  reason: string;
  issuedOn: string;
  validUntil: string;
  particulars: RegistrationParticulars & { uscc: string | null };
  revokedOn: string | null;
  revokedReason: string | null;
  applicationId: number | null;
}

function toCertificate(r: Selectable<RegistrationCertificateTable>): CertificateRecord {
  return {
    id: r.id,
    registrationId: r.registration_id,
    certificateNo: r.certificate_no,
    reason: r.reason,
    issuedOn: r.issued_on,
    validUntil: r.valid_until,
    particulars: JSON.parse(r.snapshot) as CertificateRecord['particulars'],
    revokedOn: r.revoked_on,
    revokedReason: r.revoked_reason,
    applicationId: r.application_id,
  };
}

export async function countCertificatesInRegion(db: Executor, regionCode: string): Promise<number> {
  const r = await db
    .selectFrom('registration_certificates as c')
    .innerJoin('registrations as r', 'r.id', 'c.registration_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.region_code', '=', regionCode)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertCertificate(
  db: Executor,
  c: Omit<Insertable<RegistrationCertificateTable>, 'id'>,
): Promise<number> {
  const row = await db
    .insertInto('registration_certificates')
    .values(c)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes every certificate of the record still in force (superseded, lost or 收缴 at 注销). */
export async function revokeCertificates(
  db: Executor,
  registrationId: number,
  on: string,
  reason: string,
): Promise<number> {
  const r = await db
    .updateTable('registration_certificates')
    .set({ revoked_on: on, revoked_reason: reason })
    .where('registration_id', '=', registrationId)
    .where('revoked_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function certificatesOf(db: Executor, registrationId: number): Promise<CertificateRecord[]> {
  const rows = await db
    .selectFrom('registration_certificates')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .orderBy('id')
    .execute();
  return rows.map(toCertificate);
}

export async function getCertificate(db: Executor, id: number): Promise<CertificateRecord | undefined> {
  const r = await db
    .selectFrom('registration_certificates')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toCertificate(r) : undefined;
}

// ---- applications ----

export interface ApplicationRecord {
  id: number;
  regionCode: string;
  unitId: number;
  registrationId: number | null;
  kind: ApplicationKind;
  state: ApplicationState;
  details: Partial<RegistrationParticulars> & { reason?: string };
  materials: string[];
  missingMaterials: string[];
  matterId: number | null;
  statutoryDue: string | null;
  filedOn: string | null;
  acceptDue: string | null;
  acceptedOn: string | null;
  decideDue: string | null;
  decidedOn: string | null;
  returnReason: string | null;
  createdAt: string;
  version: number;
}

function toApplication(r: Selectable<RegistrationApplicationTable>): ApplicationRecord {
  return {
    id: r.id,
    regionCode: r.region_code,
    unitId: r.unit_id,
    registrationId: r.registration_id,
    kind: r.kind as ApplicationKind,
    state: r.state as ApplicationState,
    details: JSON.parse(r.details) as ApplicationRecord['details'],
    materials: parseList(r.materials),
    missingMaterials: parseList(r.missing_materials),
    matterId: r.matter_id,
    statutoryDue: r.statutory_due,
    filedOn: r.filed_on,
    acceptDue: r.accept_due,
    acceptedOn: r.accepted_on,
    decideDue: r.decide_due,
    decidedOn: r.decided_on,
    returnReason: r.return_reason,
    createdAt: r.created_at,
    version: r.version,
  };
}

export async function insertApplication(
  db: Executor,
  a: {
    regionCode: string;
    unitId: number;
    registrationId: number | null;
    kind: ApplicationKind;
    state: ApplicationState;
    details: ApplicationRecord['details'];
    materials: string[];
    matterId: number | null;
    statutoryDue: string | null;
    filedOn: string | null;
    acceptDue: string | null;
    at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('registration_applications')
    .values({
      region_code: a.regionCode,
      unit_id: a.unitId,
      registration_id: a.registrationId,
      kind: a.kind,
      state: a.state,
      details: JSON.stringify(a.details),
      materials: JSON.stringify(a.materials),
      missing_materials: '[]',
      matter_id: a.matterId,
      statutory_due: a.statutoryDue,
      filed_on: a.filedOn,
      accept_due: a.acceptDue,
      accepted_on: null,
      decide_due: null,
      decided_on: null,
      return_reason: null,
      created_at: a.at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getApplication(db: Executor, id: number): Promise<ApplicationRecord | undefined> {
  const r = await db
    .selectFrom('registration_applications')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toApplication(r) : undefined;
}

export async function updateApplication(
  db: Executor,
  id: number,
  version: number,
  patch: Updateable<RegistrationApplicationTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('registration_applications')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listApplications(
  db: Executor,
  f: { regionCodes: string[]; states?: ApplicationState[]; unitIds?: number[]; matterId?: number },
): Promise<ApplicationRecord[]> {
  let q = db.selectFrom('registration_applications').selectAll().where('region_code', 'in', f.regionCodes);
  if (f.states && f.states.length > 0) q = q.where('state', 'in', f.states);
  if (f.unitIds) q = f.unitIds.length === 0 ? q.where('id', '=', -1) : q.where('unit_id', 'in', f.unitIds);
  if (f.matterId !== undefined) q = q.where('matter_id', '=', f.matterId);
  const rows = await q.orderBy('id', 'desc').execute();
  return rows.map(toApplication);
}

export async function insertApplicationStep(
  db: Executor,
  s: {
    applicationId: number;
    action: string;
    fromState: string | null;
    toState: string;
    actorId: number | null;
    actorName: string;
    at: string;
    comment: string;
  },
): Promise<void> {
  await db
    .insertInto('registration_steps')
    .values({
      application_id: s.applicationId,
      action: s.action,
      from_state: s.fromState,
      to_state: s.toState,
      actor_id: s.actorId,
      actor_name: s.actorName,
      at: s.at,
      comment: s.comment,
    })
    .execute();
}

export async function stepsOf(
  db: Executor,
  applicationId: number,
): Promise<
  {
    action: string;
    fromState: string | null;
    toState: string;
    actorName: string;
    at: string;
    comment: string;
  }[]
> {
  const rows = await db
    .selectFrom('registration_steps')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    actorName: r.actor_name,
    at: r.at,
    comment: r.comment,
  }));
}

// ---- 统一社会信用代码 ----

export async function maxIssuedSerial(db: Executor, regionCode: string): Promise<number | null> {
  const r = await db
    .selectFrom('issued_usccs')
    .select((eb) => eb.fn.max('serial').as('m'))
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
  return r?.m === null || r?.m === undefined ? null : Number(r.m);
}

export async function insertIssuedUscc(
  db: Executor,
  u: {
    uscc: string;
    regionCode: string;
    category: string;
    serial: number;
    organizationCode: string;
    unitId: number | null;
    at: string;
    by: number | null;
  },
): Promise<void> {
  await db
    .insertInto('issued_usccs')
    .values({
      uscc: u.uscc,
      region_code: u.regionCode,
      category: u.category,
      serial: u.serial,
      organization_code: u.organizationCode,
      unit_id: u.unitId,
      issued_at: u.at,
      issued_by: u.by,
    })
    .execute();
}

export async function issuedUsccs(
  db: Executor,
  regionCode: string,
): Promise<{ uscc: string; unitId: number | null }[]> {
  const rows = await db
    .selectFrom('issued_usccs')
    .select(['uscc', 'unit_id'])
    .where('region_code', '=', regionCode)
    .orderBy('serial')
    .execute();
  return rows.map((r) => ({ uscc: r.uscc, unitId: r.unit_id }));
}

/** The counties that hold registrations (the 公示 page lists them all when no county is named). */
export async function registrationRegions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('registrations').select('region_code').distinct().execute();
  return rows.map((r) => r.region_code);
}

/** Approved applications by kind whose 核准 date falls in the period (工作统计). */
export async function approvedApplicationCounts(
  db: Executor,
  f: { regionCodes: string[]; from: string; to: string },
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('registration_applications')
    .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
    .where('region_code', 'in', f.regionCodes)
    .where('state', '=', '已核准')
    .where('decided_on', '>=', f.from)
    .where('decided_on', '<=', f.to)
    .groupBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}
