// Operations on a registered name: 转移, 冻结, 解冻, 续费 (new expiry), 变更 (new name, checked),
// 删除. A 变更 or 删除 resolves the unit's open items on the change list for that name.
import type { DomainOperation, DomainState } from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import {
  domainByName,
  getDomain,
  insertDomainOperation,
  resolveChangeItems,
  updateDomain,
} from '../../db/repositories/domains.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { unitAsOf } from '../../db/repositories/units.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';
import { isIsoDate } from '../timeliness/working-days.ts';
import { checkDomainName, splitDomain } from './rules.ts';

const STATE_AFTER: Partial<Record<DomainOperation, DomainState>> = {
  转移: '转移',
  冻结: '冻结',
  解冻: '解冻',
  删除: '删除',
};

export async function recordDomainOperation(
  ctx: AppContext,
  opts: {
    principal: Principal;
    domainId: number;
    operation: Exclude<DomainOperation, '注册'>;
    on: string;
    newName?: string;
    expiresOn?: string;
    administrativeFunctions?: boolean;
    note?: string;
  },
): Promise<void> {
  if (!isIsoDate(opts.on)) throw invalid('日期无效');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const d = await getDomain(trx, opts.domainId);
    if (!d) throw notFound(`域名 ${opts.domainId} `);
    await authorize(trx, opts.principal, 'domain.manage', { region: d.regionCode, units: [d.unitId] });
    if (d.state === '删除') throw invalid('已删除的域名不能再操作');
    if (opts.operation === '冻结' && d.state === '冻结') throw invalid('域名已冻结');
    if (opts.operation === '解冻' && d.state !== '冻结') throw invalid('只有冻结的域名可以解冻');
    const at = nowIso();
    const patch: Parameters<typeof updateDomain>[3] = { updated_at: at };
    const state = STATE_AFTER[opts.operation];
    if (state) patch.state = state;
    if (opts.operation === '续费') {
      if (!opts.expiresOn || !isIsoDate(opts.expiresOn) || opts.expiresOn <= d.expiresOn)
        throw invalid('续费应给出晚于原到期日的新到期日');
      patch.expires_on = opts.expiresOn;
    }
    if (opts.operation === '变更') {
      const name = opts.newName?.trim() ?? '';
      const unit = await unitAsOf(trx, d.unitId, opts.on);
      if (!unit) throw invalid('该单位在变更日期不存在');
      const county = await findRegion(trx, d.regionCode);
      const problems = checkDomainName(name, {
        name: unit.name,
        shortName: unit.shortName,
        category: unit.category,
        administrativeFunctions: opts.administrativeFunctions ?? d.suffix === '.政务',
        regionNames: county ? [county.name] : [],
      });
      if (problems.length > 0) throw invalid(`域名不符合命名规则：${problems.join('；')}`, { problems });
      if (await domainByName(trx, name)) throw new AppError('CONFLICT', `域名 ${name} 已登记`);
      patch.name = name;
      patch.suffix = splitDomain(name)?.suffix ?? d.suffix;
    }
    if (!(await updateDomain(trx, d.id, d.version, patch)))
      throw new AppError('CONFLICT', '该域名已被他人修改，请刷新后重试');
    await insertDomainOperation(trx, {
      domainId: d.id,
      operation: opts.operation,
      fromState: d.state,
      toState: patch.state ?? d.state,
      onDate: opts.on,
      note: opts.note ?? (patch.name ? `${d.name} → ${patch.name}` : ''),
      actorId: opts.principal.userId,
      at,
    });
    if (opts.operation === '变更' || opts.operation === '删除')
      await resolveChangeItems(
        trx,
        d.id,
        opts.on,
        opts.operation === '变更' ? `已变更为 ${patch.name ?? ''}` : '已注销',
      );
    await ctx.audit.record(
      trx,
      { id: opts.principal.userId, name: opts.principal.username },
      {
        action: 'domain.change',
        entityType: 'domain',
        entityId: d.id,
        regionCode: d.regionCode,
        summary: `中文域名 ${d.name}：${opts.operation}${patch.name ? ` → ${patch.name}` : ''}${patch.expires_on ? `，续至 ${patch.expires_on}` : ''}`,
        payload: { before: { ...d }, after: { ...d, ...patch } },
      },
    );
  });
}
