// 注册: records a unit's .政务 / .公益 name after checking it against the naming rule (full
// name or 规范简称, optional region prefix; .政务 for organs and institutions with
// administrative functions, .公益 for other institutions).
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { domainByName, insertDomain, insertDomainOperation } from '../../db/repositories/domains.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { unitAsOf, unitRegion } from '../../db/repositories/units.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';
import { isIsoDate } from '../timeliness/working-days.ts';
import { checkDomainName, splitDomain } from './rules.ts';

export async function registerDomain(
  ctx: AppContext,
  opts: {
    principal: Principal;
    unitId: number;
    name: string;
    registeredOn: string;
    expiresOn: string;
    annualFee?: string | null;
    /** An institution with administrative functions uses .政务. */
    administrativeFunctions?: boolean;
  },
): Promise<number> {
  if (!isIsoDate(opts.registeredOn) || !isIsoDate(opts.expiresOn) || opts.expiresOn < opts.registeredOn)
    throw invalid('注册日期、到期日期无效');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const region = await unitRegion(trx, opts.unitId);
    if (!region) throw notFound(`机构 ${opts.unitId} `);
    await authorize(trx, opts.principal, 'domain.manage', {
      region: region.regionCode,
      units: [opts.unitId],
    });
    const unit = await unitAsOf(trx, opts.unitId, opts.registeredOn);
    if (!unit) throw invalid('该单位在注册日期不存在');
    const county = await findRegion(trx, region.regionCode);
    const name = opts.name.trim();
    const problems = checkDomainName(name, {
      name: unit.name,
      shortName: unit.shortName,
      category: unit.category,
      administrativeFunctions: opts.administrativeFunctions ?? false,
      regionNames: county ? [county.name] : [],
    });
    if (problems.length > 0) throw invalid(`域名不符合命名规则：${problems.join('；')}`, { problems });
    if (await domainByName(trx, name)) throw new AppError('CONFLICT', `域名 ${name} 已登记`);
    const at = nowIso();
    const id = await insertDomain(trx, {
      regionCode: region.regionCode,
      unitId: opts.unitId,
      name,
      suffix: splitDomain(name)?.suffix ?? '',
      state: '注册',
      registeredOn: opts.registeredOn,
      expiresOn: opts.expiresOn,
      annualFee: opts.annualFee ?? null,
      at,
    });
    await insertDomainOperation(trx, {
      domainId: id,
      operation: '注册',
      fromState: null,
      toState: '注册',
      onDate: opts.registeredOn,
      note: '',
      actorId: opts.principal.userId,
      at,
    });
    await ctx.audit.record(
      trx,
      { id: opts.principal.userId, name: opts.principal.username },
      {
        action: 'domain.change',
        entityType: 'domain',
        entityId: id,
        regionCode: region.regionCode,
        summary: `登记中文域名 ${name}（${unit.name}），${opts.expiresOn} 到期`,
        payload: { before: null, after: { name, unitId: opts.unitId, expiresOn: opts.expiresOn } },
      },
    );
    return id;
  });
}
