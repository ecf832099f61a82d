// The user's own password change (required after a one-time password and when it has
// expired): the policy's rules, no reuse of the last N passwords, and every other session of
// the user ended — whoever else held one must log in again with the new password.
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import * as accounts from '../../db/repositories/accounts.ts';
import { invalid, notFound } from '../../errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { loadSecurityPolicy } from './set-security-policy.ts';

export async function changePassword(
  ctx: AppContext,
  opts: { userId: number; oldPassword: string; newPassword: string; keepSessionId?: string },
): Promise<void> {
  const db = ctx.db.kysely;
  const user = await accounts.findUser(db, opts.userId);
  if (!user) throw notFound('用户');
  if (!(await verifyPassword(user.password_hash, opts.oldPassword))) throw invalid('原密码不正确');
  const { policy } = await loadSecurityPolicy(db);
  const problem = passwordProblem(policy, opts.newPassword, user.username);
  if (problem) throw invalid(problem);
  if (opts.newPassword === opts.oldPassword) throw invalid('新密码不能与原密码相同');
  // The current password counts as the newest of the last N.
  const previous = await accounts.recentPasswordHashes(db, user.id, Math.max(policy.passwordHistory - 1, 0));
  for (const old of previous) {
    if (await verifyPassword(old, opts.newPassword)) {
      throw invalid(`新密码不能与最近${policy.passwordHistory}次使用过的密码相同`);
    }
  }
  const passwordHash = await hashPassword(opts.newPassword);
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await accounts.insertPasswordHistory(trx, { userId: user.id, passwordHash: user.password_hash, at });
    await accounts.setPassword(trx, user.id, passwordHash, false, at);
    await accounts.deleteUserSessions(trx, user.id, opts.keepSessionId);
    await ctx.audit.record(
      trx,
      { id: user.id, name: user.username },
      {
        action: 'user.change_password',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        summary: `${user.username} 修改密码`,
        payload: { before: null, after: { username: user.username } },
      },
    );
  });
}
