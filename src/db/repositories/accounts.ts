// All SQL of user accounts and sessions.
import type { UserRow } from '../database.ts';
import type { Executor } from './executor.ts';

export type { UserRow };

export async function findUserByName(db: Executor, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUser(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listUsers(db: Executor, regionCodes: string[] | null): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll();
  if (regionCodes) q = q.where('region_code', 'in', regionCodes);
  return q.orderBy('id').execute();
}

export async function insertUser(
  db: Executor,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: string;
    regionCode: string;
    unitId: number | null;
    mustChangePassword: boolean;
    at: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      region_code: u.regionCode,
      unit_id: u.unitId,
      must_change_password: u.mustChangePassword ? 1 : 0,
      disabled: 0,
      created_at: u.at,
      password_changed_at: u.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setPassword(
  db: Executor,
  userId: number,
  passwordHash: string,
  mustChangePassword: boolean,
  at: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChangePassword ? 1 : 0,
      password_changed_at: at,
    })
    .where('id', '=', userId)
    .execute();
}

/** The user's previous password hashes, newest first. */
export async function recentPasswordHashes(db: Executor, userId: number, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function insertPasswordHistory(
  db: Executor,
  h: { userId: number; passwordHash: string; at: string },
): Promise<void> {
  await db
    .insertInto('password_history')
    .values({ user_id: h.userId, password_hash: h.passwordHash, created_at: h.at })
    .execute();
}

/** Stores a (sealed) TOTP secret; enabled when `enabledAt` is set, cleared when the secret is null. */
export async function setTotp(
  db: Executor,
  userId: number,
  t: { sealedSecret: string | null; enabledAt: string | null; lastStep: number | null },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: t.sealedSecret, totp_enabled_at: t.enabledAt, totp_last_step: t.lastStep })
    .where('id', '=', userId)
    .execute();
}

/** Records the time step of an accepted code, only if later than the last one: false on a replay. */
export async function claimTotpStep(db: Executor, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchLogin(db: Executor, userId: number, at: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: Executor,
  s: { id: string; userId: number; at: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, created_at: s.at, last_seen_at: s.at })
    .execute();
}

export async function findSession(
  db: Executor,
  id: string,
): Promise<{ id: string; userId: number; createdAt: string; lastSeenAt: string } | undefined> {
  const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, userId: r.user_id, createdAt: r.created_at, lastSeenAt: r.last_seen_at };
}

export async function touchSession(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user, but the one given (the session that changed the password). */
export async function deleteUserSessions(db: Executor, userId: number, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  await q.execute();
}
