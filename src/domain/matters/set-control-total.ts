// 严控总量: the county's control total of a quota type, as set from above, from a date on.
import { isOneOf } from '../../common/labels.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { insertControlTotal } from '../../db/repositories/matters.ts';
import { invalid } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { REPORTING_TYPES } from '../establishment/rules.ts';

export async function setControlTotal(
  ctx: AppContext,
  opts: {
    principal: Principal;
    regionCode: string;
    quotaType: string;
    total: number;
    effectiveFrom: string;
    docNo: string | null;
  },
): Promise<void> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'matter.controlTotal', { region: opts.regionCode, wholeRegion: true });
  if (!isOneOf(REPORTING_TYPES, opts.quotaType))
    throw invalid('控制总量的编制类型应为行政编制、事业编制或聘用编制');
  if (!Number.isInteger(opts.total) || opts.total < 0) throw invalid('控制总量应为非负整数');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await insertControlTotal(trx, { ...opts, at: nowIso() });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'control_total.set',
        entityType: 'control_total',
        entityId: null,
        regionCode: opts.regionCode,
        summary: `设置${opts.quotaType}控制总量 ${opts.total} 名，自 ${opts.effectiveFrom}${opts.docNo ? `（${opts.docNo}）` : ''}`,
        payload: {
          before: null,
          after: { quotaType: opts.quotaType, total: opts.total, effectiveFrom: opts.effectiveFrom },
        },
      },
    );
  });
}
