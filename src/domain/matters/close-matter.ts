// 退回, 驳回 and 重新提交: a matter sent back with a reason, refused for good, or resubmitted
// (possibly with corrected changes) by its proposer or the office.
import type { Change } from '../../common/matters.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorizeChanges, loadMatter } from './matter-access.ts';
import { prepareChanges } from './propose-matter.ts';
import { recordStep } from './record-step.ts';

export async function returnOrRejectMatter(
  ctx: AppContext,
  opts: { principal: Principal; matterId: number; action: 'return' | 'reject'; reason: string },
): Promise<void> {
  if (!opts.reason.trim())
    throw new AppError('VALIDATION', opts.action === 'return' ? '请填写退回理由' : '请填写驳回理由');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const matter = await loadMatter(trx, opts.principal, opts.matterId, `matter.${opts.action}`);
    await recordStep({
      ctx,
      trx,
      principal: opts.principal,
      matter,
      action: opts.action,
      comment: opts.reason,
      at: nowIso(),
    });
  });
}

export async function resubmitMatter(
  ctx: AppContext,
  opts: { principal: Principal; matterId: number; comment: string; changes: Change[] | null },
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const matter = await loadMatter(trx, opts.principal, opts.matterId, 'matter.resubmit');
    // The changes as they will stand, checked again: the ledger may have moved meanwhile.
    await authorizeChanges(ctx, trx, opts.principal, 'matter.resubmit', {
      changes: opts.changes ?? matter.changes,
      regionCode: matter.row.regionCode,
      matter: matter.row,
    });
    const changes = opts.changes ? prepareChanges(ctx, opts.changes) : null;
    await recordStep({
      ctx,
      trx,
      principal: opts.principal,
      matter,
      action: 'resubmit',
      comment: opts.comment,
      set: changes
        ? { changes: JSON.stringify(changes), exception_reason: null }
        : { exception_reason: null },
      at: nowIso(),
    });
  });
}
