// Exports a county's ledger in the exchange format, in a form that re-imports to the same
// state: units as last recorded and their past states (机构沿革), every quota and post row in
// force or not, each person's current placement (身份证号 decrypted, so only office staff may
// export), and the matters from before the system (历史事项).
import type { Actor } from '../../audit/events.ts';
import type {
  HistoryMatterKind,
  HistoryMatterRow,
  DomainRow,
  PersonRow,
  PopulationRow,
  PostRow,
  QuotaRow,
  RegionRow,
  RegistrationRow,
  StudentRow,
  UnitHistoryRow,
  UnitRow,
} from '../../common/exchange.ts';
import type {
  Affiliation,
  EntryChannel,
  FundingForm,
  InstitutionType,
  LeadershipLevel,
  PersonStatus,
  PostLevel,
  QuotaSource,
  QuotaType,
  Sector,
  UnitCategory,
  UnitRank,
} from '../../common/labels.ts';
import type { AppContext } from '../../context.ts';
import * as est from '../../db/repositories/establishment.ts';
import { historyMattersForExport, unitVersionsForExport } from '../../db/repositories/history.ts';
import { listDomains } from '../../db/repositories/domains.ts';
import { iteratePeopleForExport } from '../../db/repositories/people.ts';
import { listRegistrations } from '../../db/repositories/registration.ts';
import { findRegion, listPopulation } from '../../db/repositories/regions.ts';
import { listStudents } from '../../db/repositories/students.ts';
import { currentPlaques, latestVersions } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import { decryptField } from '../../security/field-crypto.ts';
import { writeExchange } from './write.ts';
import { exportCheckpointNote } from '../../audit/checkpoint.ts';

export interface ExportOptions {
  actor: Actor;
  regionCode: string;
  /** A .xlsx file, or a directory for one .csv per table. */
  out: string;
}

// The database holds only values that were validated on the way in; these casts restore their types.
const as = <T>(v: string | null): T => v as T;

export async function exportWorkbook(
  ctx: AppContext,
  opts: ExportOptions,
): Promise<{ units: number; people: number }> {
  // Reads may come from the standby; the audit event below is written on the primary.
  const db = ctx.readDb.kysely;
  const region = await findRegion(db, opts.regionCode);
  if (!region) throw notFound(`行政区划 ${opts.regionCode} `);
  const unitRecords = await latestVersions(db, [opts.regionCode]);
  const codeById = new Map(unitRecords.map((u) => [u.id, u.code]));
  const plaques = await currentPlaques(
    db,
    unitRecords.map((u) => u.id),
  );
  const units: UnitRow[] = unitRecords.map((u) => ({
    regionCode: u.regionCode,
    code: u.code,
    name: u.name,
    parentCode: u.parentUnitId === null ? null : (codeById.get(u.parentUnitId) ?? null),
    category: as<UnitCategory>(u.category),
    rank: as<UnitRank | null>(u.rank),
    affiliation: as<Affiliation | null>(u.affiliation),
    countsTowardDirectLimit: u.countsTowardDirectLimit,
    funding: as<FundingForm | null>(u.funding),
    type: as<InstitutionType | null>(u.type),
    sector: as<Sector | null>(u.sector),
    legalPerson: u.legalPerson,
    uscc: u.uscc,
    plaques: (plaques.get(u.id) ?? []).map((p) => p.name),
    foundedOn: u.foundedOn,
    abolishedOn: u.abolishedOn,
    responsibilities: u.responsibilities ?? null,
    sandingDocNo: u.sandingDocNo ?? null,
    sandingDate: u.sandingDate ?? null,
  }));
  const ids = unitRecords.map((u) => u.id);
  const quotas: QuotaRow[] = (await est.activeQuotaRows(db, ids)).map((q) => ({
    regionCode: opts.regionCode,
    unitCode: codeById.get(q.unitId) ?? '',
    quotaType: as<QuotaType>(q.quotaType),
    approved: q.approved,
    source: as<QuotaSource>(q.source),
    effectiveFrom: q.effectiveFrom,
  }));
  const posts: PostRow[] = (await est.activePostRows(db, ids)).map((p) => ({
    regionCode: opts.regionCode,
    unitCode: codeById.get(p.unitId) ?? '',
    level: as<PostLevel>(p.level),
    approved: p.approved,
    effectiveFrom: p.effectiveFrom,
  }));
  const population: PopulationRow[] = (await listPopulation(db, opts.regionCode)).map((p) => ({
    regionCode: opts.regionCode,
    ...p,
  }));
  const students: StudentRow[] = (await listStudents(db, opts.regionCode)).map((s) => ({
    regionCode: opts.regionCode,
    ...s,
  }));
  // 历史事项 (before go-live) only when the county has any: an export without them stays as it was.
  const pastMatters: HistoryMatterRow[] = (await historyMattersForExport(db, opts.regionCode)).map((h) => ({
    regionCode: h.regionCode,
    docNo: h.docNo,
    date: h.effectiveOn,
    unitCode: h.unitCode,
    unitName: h.unitName === (h.unitCode ?? '全县') ? null : h.unitName,
    kind: as<HistoryMatterKind>(h.kind),
    quotaType: as<QuotaType | null>(h.quotaType),
    amount: h.amount,
    channel: as<EntryChannel | null>(h.channel),
    note: h.note,
  }));
  // 机构沿革: every state in force at some time of each unit that has more than one, so that an
  // import elsewhere gives the same as-of report and 沿革 (the last row matches the 机构 sheet).
  const versions = await unitVersionsForExport(db, opts.regionCode);
  const versionCount = new Map<number, number>();
  for (const v of versions) versionCount.set(v.unitId, (versionCount.get(v.unitId) ?? 0) + 1);
  const unitHistory: UnitHistoryRow[] = versions
    .filter((v) => (versionCount.get(v.unitId) ?? 0) > 1)
    .map((v) => ({
      regionCode: opts.regionCode,
      unitCode: v.unitCode,
      validFrom: v.validFrom,
      docNo: v.docNo,
      changeKind: v.changeKind,
      name: v.name,
      parentCode: v.parentUnitId === null ? null : (codeById.get(v.parentUnitId) ?? null),
      category: as<UnitCategory>(v.category),
      rank: as<UnitRank | null>(v.rank),
      affiliation: as<Affiliation | null>(v.affiliation),
      funding: as<FundingForm | null>(v.funding),
      type: as<InstitutionType | null>(v.type),
      sector: as<Sector | null>(v.sector),
    }));
  // 事业单位登记 and 中文域名 (docs/registration.md): the record with its certificate in force.
  const registrations: RegistrationRow[] = (
    await listRegistrations(db, { regionCodes: [opts.regionCode] })
  ).map((r) => ({
    regionCode: r.regionCode,
    unitCode: codeById.get(r.unitId) ?? '',
    name: r.name,
    otherNames: r.otherNames,
    purpose: r.purpose,
    address: r.address,
    legalRep: r.legalRep,
    capital: r.capital,
    fundingSource: r.fundingSource,
    sponsor: r.sponsor,
    sponsorUnitCode: r.sponsorUnitId === null ? null : (codeById.get(r.sponsorUnitId) ?? null),
    uscc: r.uscc,
    state: r.state,
    registeredOn: r.registeredOn,
    cancelledOn: r.cancelledOn,
    certificateNo: r.certificateNo,
    issuedOn: r.issuedOn,
    validUntil: r.validUntil,
  }));
  const domainRows: DomainRow[] = (
    await listDomains(db, { regionCodes: [opts.regionCode], includeDeleted: true })
  ).map((d) => ({
    regionCode: d.regionCode,
    unitCode: codeById.get(d.unitId) ?? '',
    name: d.name,
    state: d.state,
    registeredOn: d.registeredOn,
    expiresOn: d.expiresOn,
    annualFee: d.annualFee,
  }));
  const regions: RegionRow[] = [{ code: region.code, name: region.name, parentCode: region.parent_code }];
  let peopleCount = 0;
  async function* people(): AsyncGenerator<PersonRow> {
    for await (const p of iteratePeopleForExport(db, [opts.regionCode])) {
      peopleCount += 1;
      yield {
        idNumber: decryptField(ctx.keys, p.idCipher),
        name: p.name,
        regionCode: p.regionCode,
        unitCode: p.unitCode,
        quotaType: as<QuotaType>(p.quotaType),
        status: as<PersonStatus>(p.status),
        channel: as<EntryChannel | null>(p.channel),
        leadershipLevel: as<LeadershipLevel>(p.leadershipLevel),
        enteredOn: p.enteredOn,
        leftOn: p.leftOn,
      };
    }
  }
  const checkpoint = await ctx.checkpoints.flush();
  await writeExchange(
    opts.out,
    {
      地区: regions,
      机构: units,
      编制: quotas,
      领导职数: posts,
      人员: people(),
      人口: population,
      学生数: students,
      ...(pastMatters.length > 0 ? { 历史事项: pastMatters } : {}),
      ...(unitHistory.length > 0 ? { 机构沿革: unitHistory } : {}),
      事业单位登记: registrations,
      中文域名: domainRows,
    },
    exportCheckpointNote(checkpoint),
  );
  // Reading every 身份证号 in the clear is itself an event worth a trail.
  await ctx.db.kysely.transaction().execute((trx) =>
    ctx.audit.record(trx, opts.actor, {
      action: 'export.run',
      entityType: 'export',
      entityId: null,
      regionCode: opts.regionCode,
      summary: `导出 ${region.name} 机构编制数据（${units.length} 个机构，${peopleCount} 人）`,
      payload: {
        before: null,
        after: { regionCode: opts.regionCode, units: units.length, people: peopleCount },
      },
    }),
  );
  return { units: units.length, people: peopleCount };
}
