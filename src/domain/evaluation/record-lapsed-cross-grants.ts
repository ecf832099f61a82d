// Writes the end of each lapsed 交叉互评 grant to the audit chain: a grant not revoked whose plan's
// 交叉互评 stage ended before today. Access itself ends by the date alone (authorize() compares it
// on every request); this makes the end visible in the chain beside the grant and any revocation.
// Run by the server at start and every hour; idempotent (each grant's end is written once).
import { SYSTEM_ACTOR } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { planUnitIds } from '../../db/repositories/evaluation.ts';
import { lapsedUnrecordedGrants, markGrantExpiryRecorded } from '../../db/repositories/evaluation-grants.ts';

/** Returns how many grants' ends were written. */
export async function recordLapsedCrossGrants(
  ctx: AppContext,
  opts: { today?: string } = {},
): Promise<number> {
  const today = opts.today ?? todayInChina();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    let written = 0;
    for (const g of await lapsedUnrecordedGrants(trx, today)) {
      const at = nowIso();
      if (!(await markGrantExpiryRecorded(trx, g.id, at))) continue;
      const payload = {
        grantId: g.id,
        evaluatorId: g.evaluatorId,
        username: g.username,
        evaluatorRegion: g.evaluatorRegion,
        planId: g.planId,
        unitIds: await planUnitIds(trx, g.planId),
        validFrom: g.grantedAt.slice(0, 10),
        validUntil: g.crossTo,
      };
      await ctx.audit.record(trx, SYSTEM_ACTOR, {
        action: 'evaluation.cross_expire',
        entityType: 'evaluation_plan',
        entityId: g.planId,
        regionCode: g.regionCode,
        summary: `${g.evaluatorRegion} 用户 ${g.username} 对“${g.planTitle}”的交叉互评授权已于 ${g.crossTo ?? ''} 交叉互评阶段结束后到期`,
        payload: { before: payload, after: { ...payload, expiredRecordedAt: at } },
      });
      written += 1;
    }
    return written;
  });
}
