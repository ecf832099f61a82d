// Reading the registration area: records (with their certificates, history and applications),
// applications with the deadline each is running against, and the overdue list.
import type { ApplicationState, RegistrationState } from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import {
  certificatesOf,
  getApplication,
  getCertificate,
  getRegistration,
  historyOf,
  listApplications as listApplicationRows,
  listRegistrations as listRegistrationRows,
  stepsOf,
  type ApplicationRecord,
  type CertificateRecord,
  type RegistrationRecord,
} from '../../db/repositories/registration.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';
import { currentDue, workingDaysOverdue } from './rules.ts';
import { workCalendar } from './settings.ts';
import { ownUnit } from './targets.ts';

/** A liaison reads only their own unit; everyone else the county asked for. */
const unitFilter = (p: Principal) => (p.role === 'liaison' ? [p.unitId ?? -1] : undefined);

export async function listRegistrations(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; state?: RegistrationState; query?: string },
): Promise<RegistrationRecord[]> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'registration.read', { region: opts.regionCode, units: ownUnit(p) });
  return listRegistrationRows(ctx.db.kysely, {
    regionCodes: [opts.regionCode],
    state: opts.state,
    query: opts.query,
    unitIds: unitFilter(p),
  });
}

export interface RegistrationDetail {
  record: RegistrationRecord;
  certificates: CertificateRecord[];
  history: { kind: string; at: string; snapshot: unknown }[];
  applications: ApplicationRecord[];
}

export async function getRegistrationDetail(
  ctx: AppContext,
  opts: { principal: Principal; id: number },
): Promise<RegistrationDetail> {
  const db = ctx.db.kysely;
  const record = await getRegistration(db, opts.id);
  if (!record) throw notFound(`登记记录 ${opts.id} `);
  await authorize(db, opts.principal, 'registration.read', {
    region: record.regionCode,
    units: [record.unitId],
  });
  return {
    record,
    certificates: await certificatesOf(db, record.id),
    history: await historyOf(db, record.id),
    applications: await listApplicationRows(db, {
      regionCodes: [record.regionCode],
      unitIds: [record.unitId],
    }),
  };
}

export interface ApplicationView extends ApplicationRecord {
  /** The deadline it is running against now; null when finished. */
  due: string | null;
  workingDaysOverdue: number;
}

export async function listApplications(
  ctx: AppContext,
  opts: {
    principal: Principal;
    regionCode: string;
    states?: ApplicationState[];
    overdueOnly?: boolean;
    today?: string;
  },
): Promise<ApplicationView[]> {
  const p = opts.principal;
  const db = ctx.db.kysely;
  await authorize(db, p, 'registration.read', { region: opts.regionCode, units: ownUnit(p) });
  const rows = await listApplicationRows(db, {
    regionCodes: [opts.regionCode],
    states: opts.states,
    unitIds: unitFilter(p),
  });
  const cal = await workCalendar(db, opts.regionCode);
  const today = opts.today ?? todayInChina();
  const views = rows.map((a) => {
    const due = currentDue(a);
    return { ...a, due, workingDaysOverdue: workingDaysOverdue(due, today, cal) };
  });
  return opts.overdueOnly
    ? views
        .filter((v) => v.workingDaysOverdue > 0)
        .sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue)
    : views;
}

export async function getApplicationDetail(
  ctx: AppContext,
  opts: { principal: Principal; id: number; today?: string },
): Promise<ApplicationView & { steps: Awaited<ReturnType<typeof stepsOf>> }> {
  const db = ctx.db.kysely;
  const row = await getApplication(db, opts.id);
  if (!row) throw notFound(`登记申请 ${opts.id} `);
  await authorize(db, opts.principal, 'registration.read', { region: row.regionCode, units: [row.unitId] });
  const due = currentDue(row);
  const cal = await workCalendar(db, row.regionCode);
  return {
    ...row,
    due,
    workingDaysOverdue: workingDaysOverdue(due, opts.today ?? todayInChina(), cal),
    steps: await stepsOf(db, row.id),
  };
}

/** One issued certificate, for printing (正本/副本), when the principal may read its record. */
export async function getCertificateForPrint(
  ctx: AppContext,
  opts: { principal: Principal; id: number },
): Promise<CertificateRecord> {
  const db = ctx.db.kysely;
  const c = await getCertificate(db, opts.id);
  const record = c ? await getRegistration(db, c.registrationId) : undefined;
  if (!c || !record) throw notFound(`证书 ${opts.id} `);
  await authorize(db, opts.principal, 'registration.read', {
    region: record.regionCode,
    units: [record.unitId],
  });
  return c;
}
