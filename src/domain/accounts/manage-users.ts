// Creating accounts and resetting or changing passwords. A new or reset password is a
// one-time password that must be changed at first login. Through the web, the system
// administrator manages the business roles' accounts (permissions.ts); the three
// administrators' accounts only from the server's shell (`bianzhi user …`, audited).
import type { Actor } from '../../audit/events.ts';
import { isOneOf, ROLES, type Role } from '../../common/labels.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import * as accounts from '../../db/repositories/accounts.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { unitRegion } from '../../db/repositories/units.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { authorize } from './authorize.ts';
import { COUNTY_ROLES, type Principal } from './policies.ts';
import { hashPassword, oneTimePassword } from './passwords.ts';

export interface CreateUserOptions {
  actor: Actor;
  /** The signed-in user asking (the web); omitted only by the server's own shell commands. */
  principal?: Principal;
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  unitId: number | null;
  /** Given by the CLI for demo accounts; otherwise a one-time password is generated. */
  password?: string;
}

/** Adds an account; returns its one-time password (shown once, never stored in the clear). */
export async function createUser(
  ctx: AppContext,
  opts: CreateUserOptions,
): Promise<{ id: number; password: string }> {
  if (!isOneOf(ROLES, opts.role)) throw invalid(`未知角色：${opts.role}`);
  const role: Role = opts.role;
  if (opts.principal) {
    await authorize(ctx.db.kysely, opts.principal, 'user.create', {
      account: { role, regionCode: opts.regionCode },
    });
  }
  const region = await findRegion(ctx.db.kysely, opts.regionCode);
  if (!region)
    throw invalid(
      `行政区划 ${opts.regionCode} 尚未初始化（先运行 bianzhi init --region ${opts.regionCode}）`,
    );
  if (COUNTY_ROLES.includes(role) && region.level !== 'county') throw invalid('该角色应属于一个县级行政区划');
  if (role === 'viewer' && region.level === 'county') throw invalid('上级只读用户应属于市级或省级行政区划');
  if (role === 'liaison' && opts.unitId === null) throw invalid('部门联络员必须指定所属机构');
  if (opts.unitId !== null) {
    const unit = await unitRegion(ctx.db.kysely, opts.unitId);
    if (!unit || unit.regionCode !== opts.regionCode) throw invalid('所属机构不在该行政区划内');
  }
  if (await accounts.findUserByName(ctx.db.kysely, opts.username)) {
    throw new AppError('CONFLICT', `用户名 ${opts.username} 已存在`);
  }
  const password = opts.password ?? oneTimePassword();
  const passwordHash = await hashPassword(password);
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const userId = await accounts.insertUser(trx, {
      username: opts.username,
      displayName: opts.displayName,
      passwordHash,
      role,
      regionCode: opts.regionCode,
      unitId: opts.unitId,
      mustChangePassword: opts.password === undefined,
      at: nowIso(),
    });
    await ctx.audit.record(trx, opts.actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      regionCode: opts.regionCode,
      summary: `新建用户 ${opts.username}（${role}）`,
      payload: {
        before: null,
        after: { username: opts.username, role, regionCode: opts.regionCode, unitId: opts.unitId },
      },
    });
    return userId;
  });
  return { id, password };
}

/** Gives an account a new one-time password, ends its sessions and clears its second factor (re-enrolled at next login). */
export async function resetPassword(
  ctx: AppContext,
  opts: { actor: Actor; username: string; principal?: Principal },
): Promise<string> {
  const user = await accounts.findUserByName(ctx.db.kysely, opts.username);
  if (!user) throw notFound(`用户 ${opts.username} `);
  if (opts.principal) {
    await authorize(ctx.db.kysely, opts.principal, 'user.resetPassword', {
      account: { role: user.role, regionCode: user.region_code },
    });
  }
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await accounts.setPassword(trx, user.id, passwordHash, true, nowIso());
    await accounts.deleteUserSessions(trx, user.id);
    await accounts.setTotp(trx, user.id, { sealedSecret: null, enabledAt: null, lastStep: null });
    await ctx.audit.record(trx, opts.actor, {
      action: 'user.reset_password',
      entityType: 'user',
      entityId: user.id,
      regionCode: user.region_code,
      summary: `重置用户 ${user.username} 的密码`,
      payload: { before: null, after: { username: user.username } },
    });
  });
  return password;
}
