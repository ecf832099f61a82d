// Cookie sessions: a random token in an HttpOnly cookie, its SHA-256 in the database, an idle
// timeout and an absolute lifetime after which the session is gone. Login checks the
// password (argon2id), then the TOTP code when the account has one; the throttle
// (login-throttle.ts) is asked before and told after every attempt.
import crypto from 'node:crypto';
import type { Role } from '../../common/labels.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import * as accounts from '../../db/repositories/accounts.ts';
import { AppError } from '../../errors.ts';
import { decryptField } from '../../security/field-crypto.ts';
import type { Principal } from './policies.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import { passwordExpired, totpRequiredFor, type SecurityPolicy } from './security-policy.ts';
import { loadSecurityPolicy } from './set-security-policy.ts';
import { matchTotp } from './totp.ts';

export const sessionIdOf = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** A failed login names the account as typed; bounded, whatever reached this far. */
const auditName = (username: string): string => username.slice(0, 64);

export function principalOf(u: accounts.UserRow, policy: SecurityPolicy, now = Date.now()): Principal {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    regionCode: u.region_code,
    unitId: u.unit_id,
    mustChangePassword: u.must_change_password === 1 || passwordExpired(policy, u.password_changed_at, now),
  };
}

/** A signed-in session: who, and what they must still do before anything else. */
export interface AuthenticatedSession {
  principal: Principal;
  sessionId: string;
  /** The policy requires a second factor for this administrator, who has not enrolled one. */
  mustEnrolTotp: boolean;
}

function sessionOf(u: accounts.UserRow, policy: SecurityPolicy, sessionId: string): AuthenticatedSession {
  return {
    principal: principalOf(u, policy),
    sessionId,
    mustEnrolTotp: totpRequiredFor(policy, u.role as Role) && u.totp_enabled_at === null,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function recordFailure(
  ctx: AppContext,
  user: accounts.UserRow | undefined,
  username: string,
  reason: string,
): Promise<void> {
  await ctx.db.kysely.transaction().execute((trx) =>
    ctx.audit.record(
      trx,
      { id: user?.id ?? null, name: auditName(username) },
      {
        action: 'user.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        regionCode: user?.region_code ?? null,
        summary: `登录失败：${auditName(username)}（${reason}）`,
        payload: { before: null, after: { username: auditName(username), reason } },
      },
    ),
  );
}

/** Checks a username, password and (when enrolled) TOTP code, and opens a session; every attempt is audited. */
export async function login(
  ctx: AppContext,
  opts: { username: string; password: string; totp?: string; address: string; throttle: LoginThrottle },
): Promise<{ token: string } & AuthenticatedSession> {
  const db = ctx.db.kysely;
  const verdict = opts.throttle.check(opts.username, opts.address);
  if (!verdict.allowed) {
    const minutes = Math.max(1, Math.ceil(verdict.retryAfterMs / 60_000));
    throw new AppError('TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${minutes} 分钟后再试或联系管理员`);
  }
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  const user = await accounts.findUserByName(db, opts.username);
  const ok =
    user !== undefined && user.disabled === 0 && (await verifyPassword(user.password_hash, opts.password));
  if (!user || !ok) {
    await recordFailure(ctx, user, opts.username, '用户名或密码错误');
    opts.throttle.fail(opts.username, opts.address);
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  if (user.totp_enabled_at !== null && user.totp_secret !== null) {
    if (opts.totp === undefined) throw new AppError('TOTP_REQUIRED', '请输入手机验证器上的6位动态口令');
    const step = matchTotp(decryptField(ctx.keys, user.totp_secret), opts.totp, Date.now());
    if (step === null || !(await accounts.claimTotpStep(db, user.id, step))) {
      await recordFailure(ctx, user, opts.username, '动态口令错误');
      opts.throttle.fail(opts.username, opts.address);
      throw new AppError('UNAUTHENTICATED', '动态口令错误');
    }
  }
  opts.throttle.succeed(opts.username, opts.address);
  const { policy } = await loadSecurityPolicy(db);
  const token = crypto.randomBytes(32).toString('base64url');
  const sessionId = sessionIdOf(token);
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await accounts.insertSession(trx, { id: sessionId, userId: user.id, at });
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
  return { token, ...sessionOf(user, policy, sessionId) };
}

/**
 * The session behind a token, or null when it is unknown, idle too long, older than its
 * absolute lifetime, or its user is disabled.
 */
export async function authenticate(
  ctx: AppContext,
  opts: { token: string; idleMinutes: number; absoluteHours: number },
): Promise<AuthenticatedSession | null> {
  const db = ctx.db.kysely;
  const id = sessionIdOf(opts.token);
  const session = await accounts.findSession(db, id);
  if (!session) return null;
  const now = Date.now();
  if (
    now - Date.parse(session.lastSeenAt) > opts.idleMinutes * 60_000 ||
    now - Date.parse(session.createdAt) > opts.absoluteHours * 3_600_000
  ) {
    await accounts.deleteSession(db, id);
    return null;
  }
  const user = await accounts.findUser(db, session.userId);
  if (!user || user.disabled === 1) return null;
  // Refresh at most once a minute: no write on every request.
  if (now - Date.parse(session.lastSeenAt) > 60_000)
    await accounts.touchSession(db, id, new Date(now).toISOString());
  const { policy } = await loadSecurityPolicy(db);
  return sessionOf(user, policy, id);
}

export async function logout(ctx: AppContext, opts: { token: string }): Promise<void> {
  await accounts.deleteSession(ctx.db.kysely, sessionIdOf(opts.token));
}
