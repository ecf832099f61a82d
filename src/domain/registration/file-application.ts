// 提交申请: the institution's 经办人 (or the office for it) files a 设立/变更/注销/证书补领
// application with its materials — a new one, or a task opened by a matter, or one returned or
// found incomplete. 受理 is due within the county's working days (default 3).
import type { ApplicationKind } from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import {
  insertApplication,
  insertApplicationStep,
  registrationOfUnit,
  updateRegistration,
  type ApplicationRecord,
} from '../../db/repositories/registration.ts';
import { unitAsOf, unitRegion } from '../../db/repositories/units.ts';
import { invalid, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { loadApplication, moveApplication } from './application-steps.ts';
import { authorize } from '../accounts/authorize.ts';
import { acceptDue } from './rules.ts';
import { loadRegistrationSettings, workCalendar } from './settings.ts';

export async function fileApplication(
  ctx: AppContext,
  opts: {
    principal: Principal;
    /** A task or earlier application to (re)file; otherwise a new one for the unit. */
    applicationId?: number;
    unitId?: number;
    kind?: ApplicationKind;
    details: ApplicationRecord['details'];
    materials: string[];
    on?: string;
  },
): Promise<number> {
  const on = opts.on ?? todayInChina();
  const p = opts.principal;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const at = nowIso();
    if (opts.applicationId !== undefined) {
      const a = await loadApplication(trx, p, opts.applicationId, 'registration.file');
      const settings = await loadRegistrationSettings(trx, a.regionCode);
      const due = acceptDue(on, settings.acceptDays, await workCalendar(trx, a.regionCode));
      await moveApplication(ctx, trx, {
        principal: p,
        application: a,
        action: 'file',
        comment: '',
        at,
        set: {
          details: JSON.stringify(opts.details),
          materials: JSON.stringify(opts.materials),
          missing_materials: '[]',
          filed_on: on,
          accept_due: due,
          return_reason: null,
        },
      });
      const rec = a.kind === '变更' ? await registrationOfUnit(trx, a.unitId) : undefined;
      if (rec && rec.state === '登记')
        await updateRegistration(trx, rec.id, rec.version, { state: '变更中', updated_at: at });
      return a.id;
    }
    if (opts.unitId === undefined || opts.kind === undefined) throw invalid('请指定单位和申请类型');
    const region = await unitRegion(trx, opts.unitId);
    if (!region) throw notFound(`机构 ${opts.unitId} `);
    await authorize(trx, p, 'registration.file', { region: region.regionCode, units: [opts.unitId] });
    const unit = await unitAsOf(trx, opts.unitId, on);
    const record = await registrationOfUnit(trx, opts.unitId);
    if (opts.kind === '设立') {
      if (record) throw invalid('该单位已有登记记录，不能再申请设立登记');
      if (!unit || unit.category !== '事业单位') throw invalid('只有台账中现存的事业单位可以申请设立登记');
    } else {
      if (!record || record.state === '注销') throw invalid('该单位没有有效的登记记录');
      if (record.state === '变更中' && opts.kind !== '证书补领')
        throw invalid('该单位已有正在办理的变更登记');
    }
    const settings = await loadRegistrationSettings(trx, region.regionCode);
    const due = acceptDue(on, settings.acceptDays, await workCalendar(trx, region.regionCode));
    const id = await insertApplication(trx, {
      regionCode: region.regionCode,
      unitId: opts.unitId,
      registrationId: record?.id ?? null,
      kind: opts.kind,
      state: '待受理',
      details: opts.details,
      materials: opts.materials,
      matterId: null,
      statutoryDue: null,
      filedOn: on,
      acceptDue: due,
      at,
    });
    if (record && opts.kind === '变更')
      await updateRegistration(trx, record.id, record.version, { state: '变更中', updated_at: at });
    await insertApplicationStep(trx, {
      applicationId: id,
      action: '提交申请',
      fromState: null,
      toState: '待受理',
      actorId: p.userId,
      actorName: p.displayName,
      at,
      comment: '',
    });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'registration.application',
        entityType: 'registration_application',
        entityId: id,
        regionCode: region.regionCode,
        summary: `提交${opts.kind}登记申请 ${id}（${unit?.name ?? opts.unitId}）`,
        payload: { before: null, after: { kind: opts.kind, state: '待受理', comment: '' } },
      },
    );
    return id;
  });
}
