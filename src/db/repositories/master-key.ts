// The rows that hold something sealed or hashed under the master key, read in pages and written
// back one by one inside the rotation's transaction (src/domain/keys/rotate-master-key.ts).
import type { Executor } from './executor.ts';

export interface SealedPerson {
  id: number;
  idHash: string;
  idCipher: string;
}

/** People after `afterId`, in id order, at most `limit`. */
export async function peoplePage(db: Executor, afterId: number, limit: number): Promise<SealedPerson[]> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'id_hash', 'id_cipher'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, idHash: r.id_hash, idCipher: r.id_cipher }));
}

export async function resealPerson(
  db: Executor,
  id: number,
  idHash: string,
  idCipher: string,
): Promise<void> {
  await db.updateTable('people').set({ id_hash: idHash, id_cipher: idCipher }).where('id', '=', id).execute();
}

/** The distinct 身份证号 hashes that stored comparisons (数据比对) refer to. */
export async function reconciliationHashes(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reconciliation_items')
    .select('id_hash')
    .distinct()
    .where('id_hash', 'is not', null)
    .execute();
  return new Set(rows.flatMap((r) => (r.id_hash === null ? [] : [r.id_hash])));
}

export async function rehashReconciliationItems(db: Executor, from: string, to: string): Promise<void> {
  await db.updateTable('reconciliation_items').set({ id_hash: to }).where('id_hash', '=', from).execute();
}

/** Matters whose change list holds a sealed 身份证号 (a 上编 of a new person). */
export async function mattersWithSealedIds(db: Executor): Promise<{ id: number; changes: string }[]> {
  return db
    .selectFrom('matters')
    .select(['id', 'changes'])
    .where('changes', 'like', '%sealed:%')
    .orderBy('id')
    .execute();
}

export async function setMatterChanges(db: Executor, id: number, changes: string): Promise<void> {
  await db.updateTable('matters').set({ changes }).where('id', '=', id).execute();
}

export async function usersWithTotpSecret(db: Executor): Promise<{ id: number; secret: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => (r.totp_secret === null ? [] : [{ id: r.id, secret: r.totp_secret }]));
}

export async function setTotpSecret(db: Executor, id: number, secret: string): Promise<void> {
  await db.updateTable('users').set({ totp_secret: secret }).where('id', '=', id).execute();
}
