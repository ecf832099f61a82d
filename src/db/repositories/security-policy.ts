// All SQL of the deployment's security policy (one row per key, text values).
import type { Executor } from './executor.ts';

export async function securityPolicyValues(
  db: Executor,
): Promise<{ values: Map<string, string>; updatedAt: string | null }> {
  const rows = await db.selectFrom('security_policy').select(['key', 'value', 'updated_at']).execute();
  const updatedAt = rows.reduce<string | null>(
    (a, r) => (a === null || r.updated_at > a ? r.updated_at : a),
    null,
  );
  return { values: new Map(rows.map((r) => [r.key, r.value])), updatedAt };
}

export async function putSecurityPolicyValue(
  db: Executor,
  v: { key: string; value: string; at: string; by: number | null },
): Promise<void> {
  const r = await db
    .updateTable('security_policy')
    .set({ value: v.value, updated_at: v.at, updated_by: v.by })
    .where('key', '=', v.key)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0) return;
  await db
    .insertInto('security_policy')
    .values({ key: v.key, value: v.value, updated_at: v.at, updated_by: v.by })
    .execute();
}
