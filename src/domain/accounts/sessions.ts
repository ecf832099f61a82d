// Cookie sessions: a random token in an HttpOnly cookie, its SHA-256 in the database, and an
// idle timeout after which the session is gone.
import crypto from 'node:crypto';
import type { Role } from '../../common/labels.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import * as accounts from '../../db/repositories/accounts.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from './policies.ts';
import { LoginThrottle } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';

const throttle = new LoginThrottle();

const tokenId = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export function principalOf(u: accounts.UserRow): Principal {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    regionCode: u.region_code,
    unitId: u.unit_id,
    mustChangePassword: u.must_change_password === 1,
  };
}

/** Checks a username and password and opens a session; every attempt is audited. */
export async function login(
  ctx: AppContext,
  opts: { username: string; password: string },
): Promise<{ token: string; principal: Principal }> {
  const db = ctx.db.kysely;
  if (throttle.isLocked(opts.username)) {
    throw new AppError('TOO_MANY_ATTEMPTS', '登录失败次数过多，请 15 分钟后再试或联系管理员重置密码');
  }
  const user = await accounts.findUserByName(db, opts.username);
  const ok =
    user !== undefined && user.disabled === 0 && (await verifyPassword(user.password_hash, opts.password));
  if (!user || !ok) {
    await db.transaction().execute((trx) =>
      ctx.audit.record(
        trx,
        { id: user?.id ?? null, name: opts.username },
        {
          action: 'user.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          regionCode: user?.region_code ?? null,
          summary: `登录失败：${opts.username}`,
          payload: { before: null, after: { username: opts.username } },
        },
      ),
    );
    throttle.fail(opts.username);
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  throttle.succeed(opts.username);
  const token = crypto.randomBytes(32).toString('base64url');
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await accounts.insertSession(trx, { id: tokenId(token), userId: user.id, at });
    await accounts.touchLogin(trx, user.id, at);
    await ctx.audit.record(
      trx,
      { id: user.id, name: user.username },
      {
        action: 'user.login',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        summary: `${user.username} 登录`,
        payload: { before: null, after: { username: user.username } },
      },
    );
  });
  return { token, principal: principalOf(user) };
}

/** The principal behind a session token, or null when it is unknown, idle too long or disabled. */
export async function authenticate(
  ctx: AppContext,
  opts: { token: string; idleMinutes: number },
): Promise<Principal | null> {
  const db = ctx.db.kysely;
  const id = tokenId(opts.token);
  const session = await accounts.findSession(db, id);
  if (!session) return null;
  const now = Date.now();
  if (now - Date.parse(session.lastSeenAt) > opts.idleMinutes * 60_000) {
    await accounts.deleteSession(db, id);
    return null;
  }
  const user = await accounts.findUser(db, session.userId);
  if (!user || user.disabled === 1) return null;
  // Refresh at most once a minute: no write on every request.
  if (now - Date.parse(session.lastSeenAt) > 60_000)
    await accounts.touchSession(db, id, new Date(now).toISOString());
  return principalOf(user);
}

export async function logout(ctx: AppContext, opts: { token: string }): Promise<void> {
  await accounts.deleteSession(ctx.db.kysely, tokenId(opts.token));
}
