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
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChangePassword ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
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
): Promise<{ id: string; userId: number; lastSeenAt: string } | undefined> {
  const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, userId: r.user_id, lastSeenAt: r.last_seen_at };
}

export async function touchSession(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
