// 核准: the office approves and the registration takes effect in the same transaction —
// 设立 creates the record, gives it a 统一社会信用代码 (the unit's own if the ledger has a valid
// one, else the next of the office's range) and issues the certificate; 变更 keeps the old
// particulars in the history, applies the new ones and issues a new certificate (the old one
// is withdrawn); 注销 closes the record and withdraws the certificate (the code is never
// reused); 证书补领 replaces the lost certificate with a new number and the same validity.
import { checkUscc } from '../../common/codes/uscc.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  certificatesOf,
  countCertificatesInRegion,
  getRegistration,
  insertCertificate,
  insertHistory,
  insertRegistration,
  particularsColumns,
  registrationOfUnit,
  registrationsByUscc,
  revokeCertificates,
  updateRegistration,
  type ApplicationRecord,
  type RegistrationParticulars,
  type RegistrationRecord,
} from '../../db/repositories/registration.ts';
import { unitAsOf } from '../../db/repositories/units.ts';
import { AppError, invalid } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { loadApplication, moveApplication } from './application-steps.ts';
import { allocateUscc } from './issue-uscc.ts';
import { certificateNumber, certificateValidUntil } from './rules.ts';

const PARTICULAR_KEYS = [
  'name',
  'purpose',
  'address',
  'legalRep',
  'capital',
  'fundingSource',
  'sponsor',
] as const satisfies readonly (keyof RegistrationParticulars)[];

const PARTICULAR_LABELS: Record<(typeof PARTICULAR_KEYS)[number], string> = {
  name: '名称',
  purpose: '宗旨和业务范围',
  address: '住所',
  legalRep: '法定代表人',
  capital: '开办资金',
  fundingSource: '经费来源',
  sponsor: '举办单位',
};

function completeParticulars(d: ApplicationRecord['details']): RegistrationParticulars {
  const missing = PARTICULAR_KEYS.filter((k) => !d[k]?.toString().trim());
  if (missing.length > 0)
    throw invalid(`设立登记缺少：${missing.map((k) => PARTICULAR_LABELS[k]).join('、')}`);
  return {
    name: d.name ?? '',
    otherNames: d.otherNames ?? [],
    purpose: d.purpose ?? '',
    address: d.address ?? '',
    legalRep: d.legalRep ?? '',
    capital: d.capital ?? '',
    fundingSource: d.fundingSource ?? '',
    sponsor: d.sponsor ?? '',
    sponsorUnitId: d.sponsorUnitId ?? null,
  };
}

function particularsOf(r: RegistrationRecord): RegistrationParticulars {
  return {
    name: r.name,
    otherNames: r.otherNames,
    purpose: r.purpose,
    address: r.address,
    legalRep: r.legalRep,
    capital: r.capital,
    fundingSource: r.fundingSource,
    sponsor: r.sponsor,
    sponsorUnitId: r.sponsorUnitId,
  };
}

async function issueCertificate(
  trx: Executor,
  r: RegistrationRecord,
  opts: { reason: string; on: string; validUntil?: string; applicationId: number | null; by: number },
): Promise<{ certificateNo: string; validUntil: string }> {
  const certificateNo = certificateNumber(
    r.regionCode,
    (await countCertificatesInRegion(trx, r.regionCode)) + 1,
  );
  const validUntil = opts.validUntil ?? certificateValidUntil(opts.on);
  await insertCertificate(trx, {
    registration_id: r.id,
    certificate_no: certificateNo,
    reason: opts.reason,
    issued_on: opts.on,
    valid_until: validUntil,
    snapshot: JSON.stringify({ ...particularsOf(r), uscc: r.uscc }),
    revoked_on: null,
    revoked_reason: null,
    application_id: opts.applicationId,
    issued_by: opts.by,
  });
  await updateRegistration(trx, r.id, r.version, {
    certificate_no: certificateNo,
    issued_on: opts.on,
    valid_until: validUntil,
  });
  return { certificateNo, validUntil };
}

async function reread(trx: Executor, id: number): Promise<RegistrationRecord> {
  const r = await getRegistration(trx, id);
  if (!r) throw new AppError('CONFLICT', '登记记录已不存在');
  return r;
}

export async function approveApplication(
  ctx: AppContext,
  opts: { principal: Principal; applicationId: number; comment?: string; on?: string },
): Promise<RegistrationRecord> {
  const on = opts.on ?? todayInChina();
  const p = opts.principal;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await loadApplication(trx, p, opts.applicationId, 'registration.process');
    const at = nowIso();
    await moveApplication(ctx, trx, {
      principal: p,
      application: a,
      action: 'approve',
      comment: opts.comment ?? '',
      at,
      set: { decided_on: on },
    });
    const certificate = { on, applicationId: a.id, by: p.userId };
    let record: RegistrationRecord;
    if (a.kind === '设立') {
      if (await registrationOfUnit(trx, a.unitId)) throw invalid('该单位已有登记记录');
      const particulars = completeParticulars(a.details);
      const unit = await unitAsOf(trx, a.unitId, on);
      const own = unit?.uscc && checkUscc(unit.uscc).ok ? unit.uscc : null;
      const taken = own ? (await registrationsByUscc(trx, [own])).length > 0 : true;
      const uscc =
        !taken && own
          ? own
          : await allocateUscc(ctx, trx, {
              regionCode: a.regionCode,
              category: '事业单位',
              unitId: a.unitId,
              actor: { id: p.userId, name: p.username },
              at,
            });
      const id = await insertRegistration(trx, {
        ...particulars,
        regionCode: a.regionCode,
        unitId: a.unitId,
        state: '登记',
        uscc,
        registeredOn: on,
        at,
      });
      await issueCertificate(trx, await reread(trx, id), { ...certificate, reason: '设立' });
      record = await reread(trx, id);
    } else {
      const current = await registrationOfUnit(trx, a.unitId);
      if (!current || current.state === '注销') throw invalid('该单位没有有效的登记记录');
      await insertHistory(trx, {
        registrationId: current.id,
        applicationId: a.id,
        kind: a.kind,
        snapshot: current,
        at,
      });
      if (a.kind === '变更') {
        const changed: RegistrationParticulars = { ...particularsOf(current) };
        for (const k of PARTICULAR_KEYS) {
          const v = a.details[k];
          if (typeof v === 'string' && v.trim()) changed[k] = v.trim();
        }
        if (a.details.otherNames) changed.otherNames = a.details.otherNames;
        if (a.details.sponsorUnitId !== undefined) changed.sponsorUnitId = a.details.sponsorUnitId;
        await updateRegistration(trx, current.id, current.version, {
          ...particularsColumns(changed),
          state: '登记',
          updated_at: at,
        });
        await revokeCertificates(trx, current.id, on, '变更登记换发');
        await issueCertificate(trx, await reread(trx, current.id), { ...certificate, reason: '变更' });
      } else if (a.kind === '注销') {
        await updateRegistration(trx, current.id, current.version, {
          state: '注销',
          cancelled_on: on,
          updated_at: at,
        });
        await revokeCertificates(trx, current.id, on, '注销登记收缴');
      } else {
        const inForce = (await certificatesOf(trx, current.id)).find((c) => c.revokedOn === null);
        await revokeCertificates(trx, current.id, on, '遗失补领作废');
        await issueCertificate(trx, current, {
          ...certificate,
          reason: '补领',
          validUntil: inForce?.validUntil ?? certificateValidUntil(on),
        });
      }
      record = await reread(trx, current.id);
    }
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'registration.record',
        entityType: 'registration',
        entityId: record.id,
        regionCode: record.regionCode,
        summary: `核准${a.kind}登记：${record.name}（${record.uscc ?? '无代码'}），证书 ${record.certificateNo ?? '已收缴'}`,
        payload: { before: null, after: { ...record } },
      },
    );
    return record;
  });
}
