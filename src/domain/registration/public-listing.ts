// The 公示 page's data: served without login, so it is built from an explicit list of public
// fields — registration particulars (no person's name: the 法定代表人 is left out), published
// annual reports (no review comment, no signer), and the published results of spot checks
// (no inspectors, no findings, no answers). Nothing unpublished is ever read into it.
import type { Executor } from '../../db/repositories/executor.ts';
import { listAnnualReports } from '../../db/repositories/annual-reports.ts';
import { listRegistrations, type RegistrationRecord } from '../../db/repositories/registration.ts';
import { listSpotChecks, unitsOfCheck } from '../../db/repositories/spot-checks.ts';
import { ANNUAL_REPORT_ITEMS } from '../../common/registration.ts';

export interface PublicRegistration {
  name: string;
  otherNames: string[];
  uscc: string | null;
  state: string;
  purpose: string;
  address: string;
  capital: string;
  fundingSource: string;
  sponsor: string;
  certificateNo: string | null;
  validUntil: string | null;
  registeredOn: string;
  cancelledOn: string | null;
}

export interface PublicAnnualReport {
  uscc: string | null;
  name: string;
  year: number;
  items: { label: string; text: string }[];
  attachments: string[];
  staffCount: number;
  onlineNames: string[];
  late: boolean;
  publishedOn: string;
}

export interface PublicSpotCheck {
  title: string;
  year: number;
  seed: string;
  algorithm: string;
  publishedOn: string;
  units: { name: string; uscc: string | null; result: string | null }[];
}

const toPublic = (r: RegistrationRecord): PublicRegistration => ({
  name: r.name,
  otherNames: r.otherNames,
  uscc: r.uscc,
  state: r.state,
  purpose: r.purpose,
  address: r.address,
  capital: r.capital,
  fundingSource: r.fundingSource,
  sponsor: r.sponsor,
  certificateNo: r.state === '注销' ? null : r.certificateNo,
  validUntil: r.state === '注销' ? null : r.validUntil,
  registeredOn: r.registeredOn,
  cancelledOn: r.cancelledOn,
});

export async function publicRegistrations(
  db: Executor,
  opts: { regionCodes: string[]; query?: string },
): Promise<PublicRegistration[]> {
  if (opts.regionCodes.length === 0) return [];
  const rows = await listRegistrations(db, { regionCodes: opts.regionCodes, query: opts.query || undefined });
  return rows.slice(0, 500).map(toPublic);
}

export async function publicAnnualReports(
  db: Executor,
  opts: { regionCodes: string[]; query?: string },
): Promise<PublicAnnualReport[]> {
  if (opts.regionCodes.length === 0) return [];
  const records = await listRegistrations(db, {
    regionCodes: opts.regionCodes,
    query: opts.query || undefined,
  });
  const byId = new Map(records.map((r) => [r.id, r]));
  const reports = await listAnnualReports(db, {
    regionCodes: opts.regionCodes,
    registrationIds: [...byId.keys()],
    publishedOnly: true,
  });
  return reports.flatMap((rep) => {
    const r = byId.get(rep.registrationId);
    if (!r || rep.publishedAt === null) return [];
    return [
      {
        uscc: r.uscc,
        name: r.name,
        year: rep.year,
        items: Object.entries(ANNUAL_REPORT_ITEMS).map(([k, label]) => ({ label, text: rep.items[k] ?? '' })),
        attachments: rep.attachments,
        staffCount: rep.staffCount,
        onlineNames: rep.onlineNames,
        late: rep.late,
        publishedOn: rep.publishedAt.slice(0, 10),
      },
    ];
  });
}

export async function publicSpotChecks(
  db: Executor,
  opts: { regionCodes: string[] },
): Promise<PublicSpotCheck[]> {
  if (opts.regionCodes.length === 0) return [];
  const checks = await listSpotChecks(db, { regionCodes: opts.regionCodes, publishedOnly: true });
  const records = new Map(
    (await listRegistrations(db, { regionCodes: opts.regionCodes })).map((r) => [r.id, r]),
  );
  const out: PublicSpotCheck[] = [];
  for (const c of checks) {
    if (c.publishedAt === null) continue;
    const units = await unitsOfCheck(db, c.id);
    out.push({
      title: c.title,
      year: c.year,
      seed: c.seed,
      algorithm: c.algorithm,
      publishedOn: c.publishedAt.slice(0, 10),
      units: units.map((u) => ({
        name: records.get(u.registrationId)?.name ?? '',
        uscc: records.get(u.registrationId)?.uscc ?? null,
        result: u.result,
      })),
    });
  }
  return out;
}
