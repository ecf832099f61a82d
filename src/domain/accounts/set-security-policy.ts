// The 安全管理员 sets the deployment's account security policy (password rules, expiry,
// whether administrators must use TOTP); every change is audited with the values before and after.
import type { Actor } from '../../audit/events.ts';
import type { SecurityPolicy } from '../../common/wire-security.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { putSecurityPolicyValue, securityPolicyValues } from '../../db/repositories/security-policy.ts';
import { policyFromValues, policyToValues } from './security-policy.ts';

/** The policy in force (defaults for whatever was never set) and when it was last changed. */
export async function loadSecurityPolicy(
  db: Executor,
): Promise<{ policy: SecurityPolicy; updatedAt: string | null }> {
  const { values, updatedAt } = await securityPolicyValues(db);
  return { policy: policyFromValues(values), updatedAt };
}

export async function setSecurityPolicy(
  ctx: AppContext,
  opts: { actor: Actor; policy: SecurityPolicy },
): Promise<SecurityPolicy> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = (await loadSecurityPolicy(trx)).policy;
    const at = nowIso();
    for (const [key, value] of policyToValues(opts.policy)) {
      await putSecurityPolicyValue(trx, { key, value, at, by: opts.actor.id });
    }
    await ctx.audit.record(trx, opts.actor, {
      action: 'security.policy',
      entityType: 'security_policy',
      entityId: null,
      regionCode: null,
      summary: '修改安全策略',
      payload: { before: { ...before }, after: { ...opts.policy } },
    });
    return opts.policy;
  });
}
