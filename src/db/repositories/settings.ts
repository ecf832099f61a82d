// All SQL of per-county settings (the settings table: one value per region and key).
import type { Executor } from './executor.ts';

export async function settingsOf(
  db: Executor,
  regionCode: string,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('region_code', '=', regionCode)
    .where('key', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Sets the value (inserting the row the first time). */
export async function putSetting(
  db: Executor,
  s: { regionCode: string; key: string; value: string; at: string; by: number | null },
): Promise<void> {
  const r = await db
    .updateTable('settings')
    .set({ value: s.value, updated_at: s.at, updated_by: s.by })
    .where('region_code', '=', s.regionCode)
    .where('key', '=', s.key)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0) return;
  await db
    .insertInto('settings')
    .values({ region_code: s.regionCode, key: s.key, value: s.value, updated_at: s.at, updated_by: s.by })
    .execute();
}
