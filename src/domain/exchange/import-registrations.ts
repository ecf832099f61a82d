// The registration sheets of the exchange format (docs/registration.md): 事业单位登记 (one record
// per ledger unit, with its certificate in force) and 中文域名. Checked row by row against the
// database like the other sheets, staged, and written all or nothing with them. A re-imported
// row updates its record (keyed by county + 机构编码, or by 域名) and never duplicates it.
import type { DomainRow, RegistrationRow } from '../../common/exchange.ts';
import * as domains from '../../db/repositories/domains.ts';
import * as reg from '../../db/repositories/registration.ts';
import { splitDomain } from '../domains/rules.ts';
import { loadUnitsOfRegion, resolveUnit } from './import-establishment.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { parseRow } from './parse-row.ts';
import type { SheetSource } from './sources.ts';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function unchanged(
  r: RegistrationRow,
  sponsorUnitId: number | null,
  current: reg.RegistrationRecord,
  certificates: reg.CertificateRecord[],
): boolean {
  return (
    current.name === r.name &&
    sameList(current.otherNames, r.otherNames) &&
    current.purpose === r.purpose &&
    current.address === r.address &&
    current.legalRep === r.legalRep &&
    Number(current.capital) === Number(r.capital) &&
    current.fundingSource === r.fundingSource &&
    current.sponsor === r.sponsor &&
    current.sponsorUnitId === sponsorUnitId &&
    current.uscc === r.uscc &&
    current.state === r.state &&
    current.registeredOn === r.registeredOn &&
    current.cancelledOn === r.cancelledOn &&
    current.certificateNo === r.certificateNo &&
    current.issuedOn === r.issuedOn &&
    current.validUntil === r.validUntil &&
    (r.certificateNo === null || certificates.some((c) => c.certificateNo === r.certificateNo))
  );
}

export async function importRegistrations(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, db, staged } = run;
  const TABLE = '事业单位登记';
  const seen = new Map<string, number>();
  const usccRows = new Map<string, number>();
  const issued = new Map<string, { uscc: string; unitId: number | null }[]>();
  const loaded = new Set<string>();
  for await (const raw of source.rows()) {
    state.tick(TABLE);
    const parsed = parseRow(TABLE, raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) continue;
    const at = raw.rowNumber;
    if (!(await checkRowRegion(run, TABLE, at, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loaded);
    const unitId = resolveUnit(run, TABLE, at, row.regionCode, row.unitCode);
    if (unitId === null) continue;
    let sponsorUnitId: number | null = null;
    if (row.sponsorUnitCode !== null) {
      sponsorUnitId = resolveUnit(run, TABLE, at, row.regionCode, row.sponsorUnitCode);
      if (sponsorUnitId === null) continue;
    }
    const key = `${row.regionCode}|${row.unitCode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({ table: TABLE, row: at, column: '机构编码', reason: `与第${first}行重复` });
      continue;
    }
    seen.set(key, at);
    const current = unitId >= 0 ? await reg.registrationOfUnit(db, unitId) : undefined;
    if (row.uscc !== null) {
      const firstUscc = usccRows.get(row.uscc);
      if (firstUscc !== undefined) {
        state.error({ table: TABLE, row: at, column: '统一社会信用代码', reason: `与第${firstUscc}行重复` });
        continue;
      }
      usccRows.set(row.uscc, at);
      const holders = (await reg.registrationsByUscc(db, [row.uscc])).filter((r) => r.id !== current?.id);
      let issuedHere = issued.get(row.regionCode);
      if (!issuedHere) {
        issuedHere = await reg.issuedUsccs(db, row.regionCode);
        issued.set(row.regionCode, issuedHere);
      }
      const taken = issuedHere.some((u) => u.uscc === row.uscc && u.unitId !== null && u.unitId !== unitId);
      if (holders.length > 0 || taken) {
        state.error({
          table: TABLE,
          row: at,
          column: '统一社会信用代码',
          reason: `${row.uscc} 已属于其他单位，统一社会信用代码不能重复`,
        });
        continue;
      }
    }
    const certificates = current ? await reg.certificatesOf(db, current.id) : [];
    if (current && unchanged(row, sponsorUnitId, current, certificates)) {
      state.count(TABLE, 'unchanged');
      continue;
    }
    const when = run.at;
    const particulars = {
      name: row.name,
      otherNames: row.otherNames,
      purpose: row.purpose,
      address: row.address,
      legalRep: row.legalRep,
      capital: row.capital,
      fundingSource: row.fundingSource,
      sponsor: row.sponsor,
    };
    staged.step(async (trx, ids, audit) => {
      const unit = ids.resolve(unitId);
      const sponsor = ids.resolveOrNull(sponsorUnitId);
      const values = { ...particulars, sponsorUnitId: sponsor };
      let id: number;
      if (current) {
        await reg.insertHistory(trx, {
          registrationId: current.id,
          applicationId: null,
          kind: '导入',
          snapshot: current,
          at: when,
        });
        id = current.id;
      } else {
        id = await reg.insertRegistration(trx, {
          ...values,
          regionCode: row.regionCode,
          unitId: unit,
          state: row.state,
          uscc: row.uscc,
          registeredOn: row.registeredOn,
          at: when,
        });
      }
      const fresh = await reg.getRegistration(trx, id);
      if (!fresh) throw new Error(`导入内部错误：登记记录 ${id} 不存在`);
      const ok = await reg.updateRegistration(trx, id, fresh.version, {
        ...reg.particularsColumns(values),
        state: row.state,
        uscc: row.uscc,
        certificate_no: row.certificateNo,
        issued_on: row.issuedOn,
        valid_until: row.validUntil,
        registered_on: row.registeredOn,
        cancelled_on: row.cancelledOn,
        updated_at: when,
      });
      if (!ok) throw new Error(`导入内部错误：登记记录 ${id} 被同时修改`);
      if (
        row.certificateNo !== null &&
        row.issuedOn !== null &&
        row.validUntil !== null &&
        !certificates.some((c) => c.certificateNo === row.certificateNo)
      ) {
        await reg.insertCertificate(trx, {
          registration_id: id,
          certificate_no: row.certificateNo,
          reason: '导入',
          issued_on: row.issuedOn,
          valid_until: row.validUntil,
          snapshot: JSON.stringify({ ...values, uscc: row.uscc }),
          revoked_on: row.state === '注销' ? row.cancelledOn : null,
          revoked_reason: row.state === '注销' ? '注销登记收缴' : null,
          application_id: null,
          issued_by: null,
        });
      }
      audit.add({
        action: 'registration.record',
        entityType: 'registration',
        entityId: id,
        regionCode: row.regionCode,
        summary: `导入事业单位登记：${row.name}（${row.state}）`,
        payload: {
          before: current ? { name: current.name, state: current.state, uscc: current.uscc } : null,
          after: { name: row.name, state: row.state, uscc: row.uscc },
        },
      });
    });
    state.count(TABLE, current ? 'updated' : 'inserted');
  }
}

export async function importDomains(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, db, staged } = run;
  const TABLE = '中文域名';
  const seen = new Map<string, number>();
  const loaded = new Set<string>();
  for await (const raw of source.rows()) {
    state.tick(TABLE);
    const parsed = parseRow(TABLE, raw);
    for (const e of parsed.errors) state.error(e);
    const row: DomainRow | null = parsed.row;
    if (!row) continue;
    const at = raw.rowNumber;
    if (!(await checkRowRegion(run, TABLE, at, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loaded);
    const unitId = resolveUnit(run, TABLE, at, row.regionCode, row.unitCode);
    if (unitId === null) continue;
    const first = seen.get(row.name);
    if (first !== undefined) {
      state.error({ table: TABLE, row: at, column: '域名', reason: `与第${first}行重复` });
      continue;
    }
    seen.set(row.name, at);
    // Names already registered are recorded as they are; the naming rule is checked when a
    // new name is registered on the 中文域名 page.
    const shape = splitDomain(row.name);
    if (!shape || shape.label.trim() === '') {
      state.error({ table: TABLE, row: at, column: '域名', reason: '域名应为名称加 .政务 或 .公益' });
      continue;
    }
    const current = await domains.domainByName(db, row.name);
    if (current && current.regionCode !== row.regionCode) {
      state.error({
        table: TABLE,
        row: at,
        column: '域名',
        reason: `${row.name} 已登记在行政区划 ${current.regionCode}`,
      });
      continue;
    }
    if (
      current &&
      current.unitId === unitId &&
      current.state === row.state &&
      current.registeredOn === row.registeredOn &&
      current.expiresOn === row.expiresOn &&
      (current.annualFee === null ? null : Number(current.annualFee)) ===
        (row.annualFee === null ? null : Number(row.annualFee))
    ) {
      state.count(TABLE, 'unchanged');
      continue;
    }
    const when = run.at;
    staged.step(async (trx, ids, audit) => {
      const unit = ids.resolve(unitId);
      let id: number;
      if (current) {
        const ok = await domains.updateDomain(trx, current.id, current.version, {
          state: row.state,
          expires_on: row.expiresOn,
          unit_id: unit,
          updated_at: when,
        });
        if (!ok) throw new Error(`导入内部错误：域名 ${row.name} 被同时修改`);
        id = current.id;
      } else {
        id = await domains.insertDomain(trx, {
          regionCode: row.regionCode,
          unitId: unit,
          name: row.name,
          suffix: shape.suffix,
          state: row.state,
          registeredOn: row.registeredOn,
          expiresOn: row.expiresOn,
          annualFee: row.annualFee,
          at: when,
        });
      }
      audit.add({
        action: 'domain.change',
        entityType: 'domain',
        entityId: id,
        regionCode: row.regionCode,
        summary: `导入中文域名：${row.name}（${row.state}）`,
        payload: {
          before: current ? { state: current.state, expiresOn: current.expiresOn } : null,
          after: { state: row.state, expiresOn: row.expiresOn },
        },
      });
    });
    state.count(TABLE, current ? 'updated' : 'inserted');
  }
}
