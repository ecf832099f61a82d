// 机构限额: the county's cap on 党政机构 (or on 县委/政府直属事业单位), with the document it comes from.
import type { LimitBody } from '../../common/wire-reform.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { insertInstitutionLimit } from '../../db/repositories/reform.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';

export async function setInstitutionLimit(
  ctx: AppContext,
  opts: { principal: Principal; body: LimitBody },
): Promise<void> {
  const p = opts.principal;
  const b = opts.body;
  await authorize(ctx.db.kysely, p, 'reform.limit', { region: b.regionCode, wholeRegion: true });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await insertInstitutionLimit(trx, { ...b, at: nowIso(), by: p.userId });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'institution_limit.set',
        entityType: 'institution_limit',
        entityId: null,
        regionCode: b.regionCode,
        summary: `设置${b.kind}机构限额 ${b.cap} 个，自 ${b.effectiveFrom}（${b.sourceDocument}）`,
        payload: {
          before: null,
          after: {
            kind: b.kind,
            cap: b.cap,
            sourceDocument: b.sourceDocument,
            effectiveFrom: b.effectiveFrom,
          },
        },
      },
    );
  });
}
