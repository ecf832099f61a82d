// The 基本情况 report's aggregate cache (migration 0012): one version counter per county,
// raised in the same transaction as every write that changes what the report counts, and the
// county's summed figures per date stamped with the counter they were computed at.
import { sql, SqliteAdapter } from 'kysely';
import type { Executor } from './executor.ts';

/** Raises the counters of the counties: every cached aggregate of theirs stops being used. */
export async function markReportsChanged(
  db: Executor,
  opts: { regionCodes: readonly string[] },
): Promise<void> {
  const codes = [...new Set(opts.regionCodes)].sort();
  if (codes.length === 0) return;
  await db
    .insertInto('report_versions')
    .columns(['region_code', 'version'])
    .expression((eb) =>
      eb
        .selectFrom('regions')
        .select(['code', sql<number>`1`.as('version')])
        .where('code', 'in', codes)
        .orderBy('code'),
    )
    .onConflict((oc) => oc.column('region_code').doUpdateSet({ version: sql`report_versions.version + 1` }))
    .execute();
}

/** The same, for the counties of these units (one statement, whatever their number). */
export async function markReportsChangedForUnits(db: Executor, unitIds: readonly number[]): Promise<void> {
  const ids = [...new Set(unitIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await db
      .insertInto('report_versions')
      .columns(['region_code', 'version'])
      .expression((eb) =>
        eb
          .selectFrom('units')
          .select(['region_code', sql<number>`1`.as('version')])
          .where('id', 'in', part)
          .groupBy('region_code')
          .orderBy('region_code'),
      )
      .onConflict((oc) => oc.column('region_code').doUpdateSet({ version: sql`report_versions.version + 1` }))
      .execute();
  }
}

/** The counters of the counties (0 for a county never written since the migration). */
export async function reportVersions(
  db: Executor,
  regionCodes: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>(regionCodes.map((c) => [c, 0]));
  if (regionCodes.length === 0) return out;
  const rows = await db
    .selectFrom('report_versions')
    .select(['region_code', 'version'])
    .where('region_code', 'in', [...regionCodes])
    .execute();
  for (const r of rows) out.set(r.region_code, Number(r.version));
  return out;
}

export interface StoredAggregate {
  regionCode: string;
  version: number;
  figures: string;
  quality: string;
}

/** The cached aggregates of the counties on a date, whatever their version (the caller compares). */
export async function storedAggregates(
  db: Executor,
  regionCodes: readonly string[],
  asOf: string,
): Promise<StoredAggregate[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('report_aggregates')
    .select(['region_code', 'version', 'figures', 'quality'])
    .where('region_code', 'in', [...regionCodes])
    .where('as_of', '=', asOf)
    .execute();
  return rows.map((r) => ({
    regionCode: r.region_code,
    version: Number(r.version),
    figures: r.figures,
    quality: r.quality,
  }));
}

function busy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * Stores a county's aggregate on a date (replacing an older one). Never waits: on SQLite, while
 * another connection holds the write lock (an import applying its rows), the row is simply not
 * stored this time and the report, already computed, is returned anyway. Returns whether stored.
 */
export async function storeAggregate(
  db: Executor,
  row: StoredAggregate & { asOf: string; at: string },
): Promise<boolean> {
  const write = (x: Executor) =>
    x
      .insertInto('report_aggregates')
      .values({
        region_code: row.regionCode,
        as_of: row.asOf,
        version: row.version,
        figures: row.figures,
        quality: row.quality,
        computed_at: row.at,
      })
      .onConflict((oc) =>
        oc
          .columns(['region_code', 'as_of'])
          .doUpdateSet({
            version: row.version,
            figures: row.figures,
            quality: row.quality,
            computed_at: row.at,
          })
          .where('report_aggregates.version', '<=', row.version),
      )
      .execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await write(db);
    return true;
  }
  return db.connection().execute(async (c) => {
    const before = await sql<{ timeout: number }>`pragma busy_timeout`.execute(c);
    const timeout = Number(before.rows[0]?.timeout ?? 0);
    await sql`pragma busy_timeout = 0`.execute(c);
    try {
      await write(c);
      return true;
    } catch (e) {
      if (busy(e)) return false;
      throw e;
    } finally {
      await sql.raw(`pragma busy_timeout = ${Math.trunc(timeout)}`).execute(c);
    }
  });
}
