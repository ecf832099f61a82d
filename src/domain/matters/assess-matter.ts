// 论证: the office runs every rule on today's ledger and records its view. A failing rule
// blocks the step and says which rule, on which unit, by how much; an explicit, recorded
// exception lets over-quota or over-post changes go on.
import type { RuleResult } from '../../common/matters.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorizeChanges, loadMatter } from './matter-access.ts';
import { assertMayAct, recordStep } from './record-step.ts';
import { blocking, describeBlocking, evaluateRules } from './rules.ts';
import { loadSnapshot } from './snapshot.ts';

/** Runs the rules of a matter on the ledger as it is on `date` (no step recorded). */
export async function checkMatter(
  ctx: AppContext,
  opts: { principal: Principal; matterId: number; date?: string; exception?: boolean },
): Promise<RuleResult[]> {
  const m = await loadMatter(ctx.db.kysely, opts.principal, opts.matterId);
  const snapshot = await loadSnapshot(ctx.db.kysely, {
    regionCode: m.row.regionCode,
    date: opts.date ?? m.row.effectiveOn ?? todayInChina(),
    changes: m.changes,
    excludePlanOf: m.row.id,
  });
  return evaluateRules(snapshot, m.changes, { exception: opts.exception ?? m.row.exceptionReason !== null });
}

export async function assessMatter(
  ctx: AppContext,
  opts: { principal: Principal; matterId: number; comment: string; exceptionReason: string | null },
): Promise<RuleResult[]> {
  const exception = opts.exceptionReason !== null && opts.exceptionReason.trim() !== '';
  const current = await loadMatter(ctx.db.kysely, opts.principal, opts.matterId, 'matter.assess');
  assertMayAct(opts.principal, 'assess', current);
  await authorizeChanges(ctx, ctx.db.kysely, opts.principal, 'matter.assess', {
    changes: current.changes,
    regionCode: current.row.regionCode,
    matter: current.row,
  });
  const results = await checkMatter(ctx, {
    principal: opts.principal,
    matterId: opts.matterId,
    date: todayInChina(),
    exception,
  });
  if (blocking(results).length > 0) {
    throw new AppError('RULE_VIOLATION', `论证未通过：${describeBlocking(results)}`, { results });
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const matter = await loadMatter(trx, opts.principal, opts.matterId, 'matter.assess');
    await recordStep({
      ctx,
      trx,
      principal: opts.principal,
      matter,
      action: 'assess',
      comment: exception ? `${opts.comment}（例外：${opts.exceptionReason}）` : opts.comment,
      ruleResults: results,
      set: { exception_reason: exception ? opts.exceptionReason : null },
      at: nowIso(),
    });
  });
  return results;
}
