// 组织实施: re-runs every rule on the ledger of that moment and, if they hold, applies all the
// matter's changes in one transaction with their effective date. Matters of one county are
// implemented one at a time, so two matters can never both take the same vacancy.
import { sql } from 'kysely';
import type { RuleResult } from '../../common/matters.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { openRegistrationTasks } from '../registration/open-registration-tasks.ts';
import { applyChanges } from './apply-changes.ts';
import { authorizeChanges, loadMatter } from './matter-access.ts';
import { recordStep } from './record-step.ts';
import { blocking, describeBlocking, evaluateRules } from './rules.ts';
import { loadSnapshot } from './snapshot.ts';

export async function implementMatter(
  ctx: AppContext,
  opts: { principal: Principal; matterId: number; effectiveOn: string; comment: string },
): Promise<RuleResult[]> {
  const db = ctx.db.kysely;
  return db.transaction().execute(async (trx) => {
    const first = await loadMatter(trx, opts.principal, opts.matterId, 'matter.implement');
    if (ctx.db.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext(${`matters:${first.row.regionCode}`}))`.execute(trx);
    }
    // Read again under the lock: another implementation may have just finished.
    const matter = await loadMatter(trx, opts.principal, opts.matterId, 'matter.implement');
    // Every unit and person named must still be of the county and within the implementer's scope.
    await authorizeChanges(ctx, trx, opts.principal, 'matter.implement', {
      changes: matter.changes,
      regionCode: matter.row.regionCode,
      matter: matter.row,
    });
    if (matter.row.decidedOn && opts.effectiveOn < matter.row.decidedOn) {
      throw new AppError(
        'VALIDATION',
        `生效日期 ${opts.effectiveOn} 不能早于决定日期 ${matter.row.decidedOn}`,
      );
    }
    const snapshot = await loadSnapshot(trx, {
      regionCode: matter.row.regionCode,
      date: opts.effectiveOn,
      changes: matter.changes,
      excludePlanOf: matter.row.id,
    });
    const results = evaluateRules(snapshot, matter.changes, {
      exception: matter.row.exceptionReason !== null,
    });
    if (blocking(results).length > 0) {
      throw new AppError('RULE_VIOLATION', `实施前复核未通过：${describeBlocking(results)}`, { results });
    }
    const at = nowIso();
    const { stepId } = await recordStep({
      ctx,
      trx,
      principal: opts.principal,
      matter,
      action: 'implement',
      comment: `自 ${opts.effectiveOn} 起实施${opts.comment ? `：${opts.comment}` : ''}`,
      ruleResults: results,
      set: { effective_on: opts.effectiveOn },
      at,
    });
    const { events, applied } = await applyChanges(
      {
        ctx,
        trx,
        regionCode: matter.row.regionCode,
        matterId: matter.row.id,
        docNo: matter.row.docNo ?? `事项${matter.row.id}`,
        effectiveOn: opts.effectiveOn,
        at,
        actorId: opts.principal.userId,
      },
      matter.changes,
    );
    // Registration tasks and domain changes that the matter implies (事业单位登记, 中文域名).
    events.push(
      ...(await openRegistrationTasks(
        {
          trx,
          regionCode: matter.row.regionCode,
          matterId: matter.row.id,
          effectiveOn: opts.effectiveOn,
          at,
        },
        applied,
      )),
    );
    await ctx.audit.recordMany(trx, { id: opts.principal.userId, name: opts.principal.username }, events);
    void stepId;
    return results;
  });
}
